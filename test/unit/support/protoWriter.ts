// A tiny protobuf writer for hand-made, deliberately broken profiles: every field is written exactly as
// given, so a test can put a wrong length, a missing id or a bad string where it wants one.

export type Bytes = readonly number[];

export function varint(v: number | bigint): number[] {
  let x = BigInt.asUintN(64, BigInt(v));
  const out: number[] = [];
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
  return out;
}

/** A varint field. */
export const int = (field: number, v: number | bigint): number[] => [...varint(field << 3), ...varint(v)];

/** A length-delimited field; `length` overrides the true length (to lie about it). */
export function bytes(field: number, data: Bytes | string, length?: number): number[] {
  const b = typeof data === 'string' ? Array.from(new TextEncoder().encode(data)) : [...data];
  return [...varint((field << 3) | 2), ...varint(length ?? b.length), ...b];
}

/** An embedded message made of the given fields. */
export const msg = (field: number, ...parts: Bytes[]): number[] => bytes(field, parts.flat());

export const profile = (...fields: Bytes[]): Uint8Array => Uint8Array.from(fields.flat());

/** profile.proto field numbers, as documented for the format. */
export const F = {
  sampleType: 1,
  sample: 2,
  mapping: 3,
  location: 4,
  function: 5,
  stringTable: 6,
} as const;

/** A small valid profile: one sample type, one sample main.main → main.work. Pieces can be swapped out. */
export function validParts(): { sampleType: number[]; sample: number[]; locations: number[][]; functions: number[][]; strings: number[][] } {
  return {
    sampleType: msg(F.sampleType, int(1, 1), int(2, 2)),
    sample: msg(F.sample, bytes(1, [...varint(1), ...varint(2)]), bytes(2, varint(7))),
    locations: [msg(F.location, int(1, 1), msg(4, int(1, 1), int(2, 12))), msg(F.location, int(1, 2), msg(4, int(1, 2), int(2, 30)))],
    functions: [msg(F.function, int(1, 1), int(2, 3), int(4, 5)), msg(F.function, int(1, 2), int(2, 4), int(4, 5))],
    strings: ['', 'samples', 'count', 'main.work', 'main.main', 'main.go'].map((s) => bytes(F.stringTable, s)),
  };
}

export function assemble(parts: ReturnType<typeof validParts>): Uint8Array {
  return profile(parts.sampleType, parts.sample, ...parts.locations, ...parts.functions, ...parts.strings);
}
