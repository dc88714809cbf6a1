// What the first bytes say, before anything is decoded: gzip by its magic bytes (never by a file name),
// and text, which a profile never is (protobuf has control bytes early). The decoder and the capture both
// ask here, and each words the verdict for its own reader.

const HEAD = 512;

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export interface TextSniff {
  readonly kind: 'html' | 'goroutineDump' | 'legacyProfile' | 'text';
  /** The first non-blank line, as Latin-1. */
  readonly firstLine: string;
}

/** What kind of text the bytes are; undefined when they may be a profile. */
export function sniffText(bytes: Uint8Array): TextSniff | undefined {
  const n = Math.min(bytes.length, HEAD);
  for (let i = 0; i < n; i++) {
    const c = bytes[i];
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return undefined;
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, n)).trimStart();
  const lower = head.toLowerCase();
  const firstLine = head.split(/\r?\n/, 1)[0];
  if (lower.startsWith('<!doctype html') || lower.startsWith('<html') || /<(head|body|title)[\s>]/.test(lower)) return { kind: 'html', firstLine };
  if (lower.startsWith('goroutine ') || lower.startsWith('goroutine profile:')) return { kind: 'goroutineDump', firstLine };
  if (/^(heap profile:|--- contention|--- mutex|threadcreate profile:|--- cpu)/.test(lower)) return { kind: 'legacyProfile', firstLine };
  return { kind: 'text', firstLine };
}
