// Writes small profile.proto messages for tests: shapes no fixture has (drop_frames on symbolized frames,
// nameless functions, /proc/self/cwd paths, recursion through inlined frames). Field numbers follow the
// format's documentation. Ids are 1-based positions in the arrays.

export interface ProfileSpec {
  readonly sampleTypes: readonly (readonly [string, string])[];
  readonly functions: readonly { name: string; file?: string; startLine?: number }[];
  /** start and limit default to a 4 KiB page per mapping; a bigint gives an address above 2^53 exactly. */
  readonly mappings?: readonly { file: string; buildId?: string; start?: bigint; limit?: bigint; offset?: bigint }[];
  /** Lines innermost first, as [function id, line]. */
  readonly locations: readonly { mapping?: number; address?: number | bigint; lines: readonly (readonly [number, number])[] }[];
  /** Locations leaf first. A number label is numeric; `[n, unit]` gives it a unit. */
  readonly samples: readonly {
    locs: readonly number[];
    values: readonly number[];
    labels?: Record<string, string | number | readonly [number, string]>;
  }[];
  readonly dropFrames?: string;
  readonly keepFrames?: string;
  readonly defaultSampleType?: string;
}

class Writer {
  readonly bytes: number[] = [];
  varint(v: number | bigint): void {
    let x = BigInt.asUintN(64, BigInt(v));
    while (x >= 0x80n) {
      this.bytes.push(Number(x & 0x7fn) | 0x80);
      x >>= 7n;
    }
    this.bytes.push(Number(x));
  }
  int(field: number, v: number | bigint): void {
    if (v === 0 || v === 0n) return;
    this.varint(field << 3);
    this.varint(v);
  }
  bytesField(field: number, b: readonly number[] | Uint8Array): void {
    this.varint((field << 3) | 2);
    this.varint(b.length);
    this.bytes.push(...b);
  }
  message(field: number, fill: (w: Writer) => void): void {
    const w = new Writer();
    fill(w);
    this.bytesField(field, w.bytes);
  }
  packed(field: number, values: readonly number[]): void {
    const w = new Writer();
    for (const v of values) w.varint(v);
    this.bytesField(field, w.bytes);
  }
}

export function buildProfile(spec: ProfileSpec): Uint8Array {
  const strings = [''];
  const str = (s: string): number => {
    let i = strings.indexOf(s);
    if (i < 0) i = strings.push(s) - 1;
    return i;
  };
  const w = new Writer();
  for (const [type, unit] of spec.sampleTypes) {
    w.message(1, (m) => {
      m.int(1, str(type));
      m.int(2, str(unit));
    });
  }
  for (const s of spec.samples) {
    w.message(2, (m) => {
      m.packed(1, s.locs);
      m.packed(2, s.values);
      for (const [key, v] of Object.entries(s.labels ?? {})) {
        m.message(3, (l) => {
          l.int(1, str(key));
          if (typeof v === 'string') l.int(2, str(v));
          else if (typeof v === 'number') l.int(3, v);
          else {
            l.int(3, v[0]);
            l.int(4, str(v[1]));
          }
        });
      }
    });
  }
  (spec.mappings ?? []).forEach((mp, i) => {
    w.message(3, (m) => {
      m.int(1, i + 1);
      m.int(2, mp.start ?? 0x1000 * (i + 1));
      m.int(3, mp.limit ?? 0x1000 * (i + 2) - 1);
      m.int(4, mp.offset ?? 0);
      m.int(5, str(mp.file));
      m.int(6, str(mp.buildId ?? ''));
    });
  });
  spec.locations.forEach((loc, i) => {
    w.message(4, (m) => {
      m.int(1, i + 1);
      m.int(2, loc.mapping ?? 0);
      m.int(3, loc.address ?? 0x1000 + i * 16);
      for (const [fn, line] of loc.lines) {
        m.message(4, (l) => {
          l.int(1, fn);
          l.int(2, line);
        });
      }
    });
  });
  spec.functions.forEach((f, i) => {
    w.message(5, (m) => {
      m.int(1, i + 1);
      m.int(2, str(f.name));
      m.int(3, str(f.name));
      m.int(4, str(f.file ?? ''));
      m.int(5, f.startLine ?? 0);
    });
  });
  const drop = spec.dropFrames ? str(spec.dropFrames) : 0;
  const keep = spec.keepFrames ? str(spec.keepFrames) : 0;
  const dflt = spec.defaultSampleType ? str(spec.defaultSampleType) : 0;
  const enc = new TextEncoder();
  for (const s of strings) w.bytesField(6, enc.encode(s));
  w.int(7, drop);
  w.int(8, keep);
  w.int(14, dflt);
  return Uint8Array.from(w.bytes);
}
