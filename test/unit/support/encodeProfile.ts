// Writes a decoded profile back as profile.proto (uncompressed), every field the decoder keeps, so that a
// profile made in a test (a merge with a label per source) can be read by go tool pprof. Ids are 1-based
// positions; field numbers follow the format's documentation.
import type { DecodedProfile } from '../../../src/model/profile/profile';

class Pb {
  readonly bytes: number[] = [];
  varint(v: number | bigint): this {
    let x = BigInt.asUintN(64, BigInt(v));
    while (x >= 0x80n) {
      this.bytes.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    this.bytes.push(Number(x));
    return this;
  }
  int(field: number, v: number | bigint | boolean): this {
    const n = typeof v === 'boolean' ? Number(v) : v;
    return n === 0 || n === 0n ? this : this.varint(field << 3).varint(n);
  }
  raw(field: number, data: readonly number[]): this {
    this.varint((field << 3) | 2).varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }
  msg(field: number, m: Pb): this {
    return this.raw(field, m.bytes);
  }
  packed(field: number, values: ArrayLike<number>): this {
    const inner = new Pb();
    for (let i = 0; i < values.length; i++) inner.varint(values[i]);
    return this.raw(field, inner.bytes);
  }
}

export function encodeProfile(p: DecodedProfile): Uint8Array {
  const strings = [''];
  const ids = new Map<string, number>([['', 0]]);
  const str = (s: string) => {
    let i = ids.get(s);
    if (i === undefined) ids.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const out = new Pb();
  const nt = p.sampleTypes.length;
  for (const t of p.sampleTypes) out.msg(1, new Pb().int(1, str(t.type)).int(2, str(t.unit)));
  for (let s = 0; s < p.sampleCount; s++) {
    const m = new Pb();
    m.packed(1, Array.from(p.sampleLocs.subarray(p.sampleLocStart[s], p.sampleLocStart[s + 1]), (l) => l + 1));
    m.packed(2, Array.from(p.sampleValues.subarray(s * nt, (s + 1) * nt)));
    for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
      const v = p.labelStr[j];
      const l = new Pb().int(1, str(p.labelKey[j]));
      if (v !== undefined) l.int(2, str(v));
      else l.int(3, p.labelNum[j]).int(4, str(p.labelUnit[j]));
      m.msg(3, l);
    }
    out.msg(2, m);
  }
  p.mappings.forEach((mp, i) => {
    out.msg(
      3,
      new Pb()
        .int(1, i + 1)
        .int(2, mp.start)
        .int(3, mp.limit)
        .int(4, mp.offset)
        .int(5, str(mp.file))
        .int(6, str(mp.buildId))
        .int(7, mp.hasFunctions)
        .int(8, mp.hasFilenames)
        .int(9, mp.hasLineNumbers)
        .int(10, mp.hasInlineFrames),
    );
  });
  for (let l = 0; l < p.locationCount; l++) {
    const m = new Pb().int(1, l + 1).int(2, p.locMapping[l] + 1).int(3, p.locAddress[l]);
    for (let k = p.locLineStart[l]; k < p.locLineStart[l + 1]; k++) m.msg(4, new Pb().int(1, p.lineFunction[k] + 1).int(2, p.lineNumber[k]));
    out.msg(4, m.int(5, p.locIsFolded[l] === 1));
  }
  for (let f = 0; f < p.functionCount; f++) {
    out.msg(5, new Pb().int(1, f + 1).int(2, str(p.funcName[f])).int(3, str(p.funcSystemName[f])).int(4, str(p.funcFile[f])).int(5, p.funcStartLine[f]));
  }
  // Strings the header uses go in before the table is written.
  const header = new Pb().int(7, str(p.dropFrames)).int(8, str(p.keepFrames)).int(9, p.timeNanos).int(10, p.durationNanos);
  if (p.periodType) header.msg(11, new Pb().int(1, str(p.periodType.type)).int(2, str(p.periodType.unit)));
  header.int(12, p.period);
  for (const c of p.comments) header.int(13, str(c));
  header.int(14, str(p.defaultSampleType ?? ''));
  const enc = new TextEncoder();
  for (const s of strings) out.raw(6, Array.from(enc.encode(s)));
  return Uint8Array.from([...out.bytes, ...header.bytes]);
}
