// A string table as two typed arrays. Crossing a thread or the webview boundary, an array of 20k strings
// costs the extension host a structured clone and a JSON replacer call per string; one byte buffer moves
// whole. No vscode, no DOM.

export interface PackedStrings {
  /** UTF-8 of the strings joined without a separator. */
  readonly bytes: Uint8Array;
  /** End of each string in the joined text, in UTF-16 code units (what String.prototype.slice counts). */
  readonly ends: Int32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function packStrings(xs: readonly string[]): PackedStrings {
  const ends = new Int32Array(xs.length);
  let at = 0;
  xs.forEach((s, i) => (ends[i] = at += s.length));
  // Profile strings come from a UTF-8 decoder, so every code unit survives the round trip and ends stay true.
  return { bytes: encoder.encode(xs.join('')), ends };
}

/** Reads strings from a table without building an array of all of them. */
export class StringTable {
  private readonly text: string;
  constructor(private readonly packed: PackedStrings) {
    this.text = decoder.decode(packed.bytes);
  }
  get length(): number {
    return this.packed.ends.length;
  }
  at(i: number): string {
    const { ends } = this.packed;
    return this.text.slice(i > 0 ? ends[i - 1] : 0, ends[i]);
  }
  all(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
}

export const unpackStrings = (p: PackedStrings): string[] => new StringTable(p).all();
