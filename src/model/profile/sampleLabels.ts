// A sample's labels as pprof's sampleKey sees them: string labels and numeric labels (with their units)
// grouped by key, keys in a fixed order, each key's values in their order. Here they become a flat list of
// numbers (kind, key, value, unit per label, strings interned) sorted stably by kind and key, so that two
// samples have the same labels exactly when their lists are equal. A source's own labels replace the
// sample's string labels of the same keys (pprof's SetLabel).
import type { DecodedProfile } from './profile';

const STRING = 0;
const NUMBER = 1;

export class LabelSignatures {
  private readonly strings = new Map<string, number>();
  /** The signature of the last sample given to `of`: 4 numbers per label. */
  sig = new Float64Array(64);
  length = 0;

  intern(s: string): number {
    let id = this.strings.get(s);
    if (id === undefined) this.strings.set(s, (id = this.strings.size));
    return id;
  }

  /**
   * Fills `sig` with sample s's labels, `extra` replacing its string labels of the same keys. `extraKeys`
   * and `extraSig` are the interned form of `extra` (see `internExtra`).
   */
  of(p: DecodedProfile, s: number, extraKeys: ReadonlySet<string> | undefined, extraSig: readonly number[]): void {
    const from = p.labelStart[s];
    const to = p.labelStart[s + 1];
    let n = 0;
    if (to - from + extraSig.length / 4 > this.sig.length / 4) this.sig = new Float64Array((to - from) * 8 + extraSig.length * 2);
    const sig = this.sig;
    for (let j = from; j < to; j++) {
      const str = p.labelStr[j];
      const key = p.labelKey[j];
      if (str !== undefined) {
        if (extraKeys?.has(key)) continue;
        sig[n] = STRING;
        sig[n + 1] = this.intern(key);
        sig[n + 2] = this.intern(str);
        sig[n + 3] = 0;
      } else {
        sig[n] = NUMBER;
        sig[n + 1] = this.intern(key);
        sig[n + 2] = p.labelNum[j];
        sig[n + 3] = this.intern(p.labelUnit[j]);
      }
      n += 4;
    }
    for (let k = 0; k < extraSig.length; k++) sig[n++] = extraSig[k];
    this.length = n;
    if (n > 4) sortStably(sig, n);
  }

  internExtra(extra: Readonly<Record<string, string>> | undefined): number[] {
    const out: number[] = [];
    for (const [k, v] of Object.entries(extra ?? {})) out.push(STRING, this.intern(k), this.intern(v), 0);
    return out;
  }
}

/** Insertion sort of 4-number records by (kind, key); labels per sample are few. */
function sortStably(sig: Float64Array, n: number): void {
  for (let i = 4; i < n; i += 4) {
    const k0 = sig[i], k1 = sig[i + 1], v = sig[i + 2], u = sig[i + 3];
    let j = i - 4;
    while (j >= 0 && (sig[j] > k0 || (sig[j] === k0 && sig[j + 1] > k1))) {
      sig[j + 4] = sig[j];
      sig[j + 5] = sig[j + 1];
      sig[j + 6] = sig[j + 2];
      sig[j + 7] = sig[j + 3];
      j -= 4;
    }
    sig[j + 4] = k0;
    sig[j + 5] = k1;
    sig[j + 6] = v;
    sig[j + 7] = u;
  }
}
