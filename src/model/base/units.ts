// The one place that scales and formats sample values by unit, with pprof's rules (internal/measurement):
// bytes → B/kB/MB/GB/TB/PB (powers of 1024), time → ns/us/ms/s/hrs, GCU; "count"-like units print bare.
// Used by the CLI, the webview and the source annotations so that every number reads the same.

interface Unit {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly factor: number;
}
interface UnitFamily {
  readonly units: readonly Unit[];
  /** What an unknown target unit falls back to. */
  readonly fallback: Unit;
}

const BYTE: Unit = { name: 'B', aliases: ['b', 'byte'], factor: 1 };
const SECOND: Unit = { name: 's', aliases: ['s', 'sec', 'second'], factor: 1e9 };
const GCU: Unit = { name: 'GCU', aliases: ['gcu'], factor: 1 };

const FAMILIES: readonly UnitFamily[] = [
  {
    units: [
      BYTE,
      { name: 'kB', aliases: ['kb', 'kbyte', 'kilobyte'], factor: 2 ** 10 },
      { name: 'MB', aliases: ['mb', 'mbyte', 'megabyte'], factor: 2 ** 20 },
      { name: 'GB', aliases: ['gb', 'gbyte', 'gigabyte'], factor: 2 ** 30 },
      { name: 'TB', aliases: ['tb', 'tbyte', 'terabyte'], factor: 2 ** 40 },
      { name: 'PB', aliases: ['pb', 'pbyte', 'petabyte'], factor: 2 ** 50 },
    ],
    fallback: BYTE,
  },
  {
    units: [
      { name: 'ns', aliases: ['ns', 'nanosecond'], factor: 1 },
      { name: 'us', aliases: ['μs', 'us', 'microsecond'], factor: 1e3 },
      { name: 'ms', aliases: ['ms', 'millisecond'], factor: 1e6 },
      SECOND,
      { name: 'hrs', aliases: ['hour', 'hr'], factor: 3600e9 },
    ],
    fallback: SECOND,
  },
  {
    units: [
      { name: 'n*GCU', aliases: ['nanogcu'], factor: 1e-9 },
      { name: 'u*GCU', aliases: ['microgcu'], factor: 1e-6 },
      { name: 'm*GCU', aliases: ['milligcu'], factor: 1e-3 },
      GCU,
      { name: 'k*GCU', aliases: ['kilogcu'], factor: 1e3 },
      { name: 'M*GCU', aliases: ['megagcu'], factor: 1e6 },
      { name: 'G*GCU', aliases: ['gigagcu'], factor: 1e9 },
      { name: 'T*GCU', aliases: ['teragcu'], factor: 1e12 },
      { name: 'P*GCU', aliases: ['petagcu'], factor: 1e15 },
    ],
    fallback: GCU,
  },
];

/** Finds a unit by any alias, case-insensitively, forgiving a plural "s" ("bytes", "Seconds"). */
function sniff(family: UnitFamily, unit: string): Unit | undefined {
  let u = unit.toLowerCase();
  if (u.length > 2 && u.endsWith('s')) u = u.slice(0, -1);
  return family.units.find((x) => x.aliases.includes(u));
}

/** Largest unit in which the value is at least 1, if any. */
function autoScale(family: UnitFamily, base: number): Unit | undefined {
  let best: Unit | undefined;
  for (const u of family.units) if ((!best || u.factor >= best.factor) && base / u.factor >= 1) best = u;
  return best;
}

export interface Scaled {
  readonly value: number;
  /** Canonical unit name; '' when the unit is not worth printing (count, sample, unknown with target auto). */
  readonly unit: string;
}

/**
 * pprof's `-unit` scaling: converts value from `fromUnit` to `toUnit`. `toUnit` may be a unit name,
 * "auto" or "minimum" (pick the largest unit in which the value is ≥ 1).
 */
export function scaleValue(value: number, fromUnit: string, toUnit: string): Scaled {
  if (value < 0) {
    const s = scaleValue(-value, fromUnit, toUnit);
    return { value: -s.value, unit: s.unit };
  }
  for (const family of FAMILIES) {
    const from = sniff(family, fromUnit);
    if (!from) continue;
    const base = value * from.factor;
    if (toUnit === 'minimum' || toUnit === 'auto') {
      const u = autoScale(family, base) ?? family.fallback;
      return { value: base / u.factor, unit: u.name };
    }
    const to = sniff(family, toUnit) ?? family.fallback;
    return { value: base / to.factor, unit: to.name };
  }
  switch (toUnit) {
    case 'count':
    case 'sample':
    case 'unit':
    case 'minimum':
    case 'auto':
      return { value, unit: '' };
    default:
      return { value, unit: toUnit };
  }
}

/** pprof's ScaledLabel: two decimals, ".00" dropped, unit appended: "1.50MB", "120ms", "42". */
export function scaledLabel(value: number, fromUnit: string, toUnit: string): string {
  const s = scaleValue(value, fromUnit, toUnit);
  let text = goFixed2(s.value);
  if (text.endsWith('.00')) text = text.slice(0, -3);
  if (text === '0' || text === '-0') return '0';
  return text + s.unit;
}

/** A value for people to read, in the best unit: formatValue(1536, 'bytes') === "1.50kB". */
export function formatValue(value: number, unit: string): string {
  return scaledLabel(value, unit, 'auto');
}

/** pprof's Percentage: "  100%", "12.34%", or two significant digits below 1%. */
export function percentage(value: number, total: number): string {
  const ratio = total !== 0 ? Math.abs(value / total) * 100 : 0;
  if (ratio >= 99.95 && ratio <= 100.05) return '  100%';
  if (ratio >= 1) return goFixed2(ratio).padStart(5) + '%';
  return goG2(ratio).padStart(5) + '%';
}

/**
 * The unit pprof's `-unit=minimum` (its default) chooses for a report: the unit of the smallest non-zero
 * row, promoted while that row would still print as ≥ 0.01 when the total needs a larger unit.
 */
export function minimumUnit(rows: readonly { flat: number; cum: number }[], total: number, sampleUnit: string): string {
  if (rows.length === 0) return 'minimum';
  const pick = (u: string) => u || sampleUnit;
  let min = 0;
  for (const r of rows) {
    let v = Math.abs(r.flat);
    if (v === 0) v = Math.abs(r.cum);
    if (v > 0 && (min === 0 || v < min)) min = v;
  }
  const max = total;
  if (min === 0) min = max;
  const minUnit = scaleValue(min, sampleUnit, 'minimum').unit;
  const maxUnit = scaleValue(max, sampleUnit, 'minimum').unit;
  if (minUnit !== maxUnit && min * 100 < max) return pick(scaleValue(100 * min, sampleUnit, 'minimum').unit);
  return pick(minUnit);
}

/**
 * Go's %.2f. Both Go and toFixed round the exact binary value, but on an exact tie (x·8 odd, e.g. 1.125)
 * Go rounds half to even where toFixed rounds up.
 */
function goFixed2(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1e21) return BigInt(Math.round(v)).toString() + '.00';
  const a = Math.abs(v);
  if (Number.isInteger(a * 8) && !Number.isInteger(a * 4) && a < 2 ** 45) {
    let n = Math.floor(a * 100);
    if (n % 2 === 1) n++;
    const text = `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
    return v < 0 ? '-' + text : text;
  }
  return v.toFixed(2);
}

/** Go's %.2g: two significant digits, exponent form below 1e-4 or from 1e2 up. */
function goG2(v: number): string {
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(2)))));
  if (exp < -4 || exp >= 2) {
    const [m, e] = v.toExponential(1).split('e');
    const n = Number(e);
    return `${trimZeros(m)}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return trimZeros(v.toPrecision(2));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}
