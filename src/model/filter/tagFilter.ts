// pprof's -tagfocus/-tagignore (driver.compileTagFilter), evaluated over the columnar labels.
//   key=regex,regex  a string label `key` has a value matching any of the regexes;
//   regex,regex      every regex matches some "key:value" of the sample's string labels;
//   [key=]range      a numeric label (any key, or `key`) lies in the range: "32kb", "1kb:2mb", ":64", "4mb:".
// A range is compared in the unit of its first bound, with the label's unit being the first one seen for
// its key in the profile (or inferred from the key), exactly as pprof does.
import { compileGoRegexp } from '../base/goRegexp';
import type { Profile } from '../profile/profile';
import { scaleValue } from '../base/units';

export type SampleTest = (s: number) => boolean;

export function compileTagFilter(p: Profile, what: string, value: string): SampleTest {
  let key = '';
  const eq = value.indexOf('=');
  if (eq >= 0) {
    key = value.slice(0, eq);
    value = value.slice(eq + 1);
  }
  const range = parseRange(value);
  if (range) return numericTest(p, key, range);

  const rxs = value.split(',').map((v) => compileGoRegexp(v, what));
  const { labelStart, labelKey, labelStr } = p;
  if (key === '') {
    // Each regex must match some "key:value"; cache the verdicts per distinct pair.
    const cache = rxs.map(() => new Map<string, boolean>());
    return (s) => {
      for (let r = 0; r < rxs.length; r++) {
        let hit = false;
        for (let j = labelStart[s]; j < labelStart[s + 1] && !hit; j++) {
          const v = labelStr[j];
          if (v === undefined) continue;
          const kv = labelKey[j] + ':' + v;
          let m = cache[r].get(kv);
          if (m === undefined) cache[r].set(kv, (m = rxs[r].test(kv)));
          hit = m;
        }
        if (!hit) return false;
      }
      return true;
    };
  }
  const cache = new Map<string, boolean>();
  return (s) => {
    for (let j = labelStart[s]; j < labelStart[s + 1]; j++) {
      const v = labelStr[j];
      if (v === undefined || labelKey[j] !== key) continue;
      let m = cache.get(v);
      if (m === undefined) cache.set(v, (m = rxs.some((rx) => rx.test(v))));
      if (m) return true;
    }
    return false;
  };
}

type Range = (value: number, unit: string) => boolean;

/** pprof's parseTagFilterRange; undefined when the text is not a range (then it is a regex). */
export function parseRange(filter: string): Range | undefined {
  const rx = /([+-]?[0-9]+)([a-zA-Z]+)?/g;
  const found: RegExpExecArray[] = [];
  for (let m = rx.exec(filter); m && found.length < 2; m = rx.exec(filter)) found.push(m);
  if (found.length === 0) return undefined;
  const [m0, m1] = found;
  const lo = scaleValue(Number(m0[1]), m0[2] ?? '', m0[2] ?? '');
  const unit = lo.unit;
  const inUnit = (v: number, u: string) => {
    const s = scaleValue(v, u, unit);
    return s.unit === unit ? s.value : undefined;
  };
  if (!m1) {
    const cmp =
      filter === m0[0] ? (a: number) => a === lo.value
      : filter === m0[0] + ':' ? (a: number) => a >= lo.value
      : filter === ':' + m0[0] ? (a: number) => a <= lo.value
      : undefined;
    if (!cmp) return undefined;
    return (v, u) => {
      const a = inUnit(v, u);
      return a !== undefined && cmp(a);
    };
  }
  if (filter !== m0[0] + ':' + m1[0]) return undefined;
  const hi = scaleValue(Number(m1[1]), m1[2] ?? '', unit);
  if (hi.unit !== unit) return undefined;
  return (v, u) => {
    const a = inUnit(v, u);
    return a !== undefined && a >= lo.value && a <= hi.value;
  };
}

function numericTest(p: Profile, key: string, range: Range): SampleTest {
  const units = numLabelUnits(p);
  const { labelStart, labelKey, labelStr, labelNum } = p;
  return (s) => {
    for (let j = labelStart[s]; j < labelStart[s + 1]; j++) {
      if (labelStr[j] !== undefined) continue;
      const k = labelKey[j];
      if (key !== '' && k !== key) continue;
      if (range(labelNum[j], units.get(k) ?? k)) return true;
    }
    return false;
  };
}

/** pprof's NumLabelUnits: the first non-empty unit seen per numeric key, else one inferred from the key. */
function numLabelUnits(p: Profile): Map<string, string> {
  const units = new Map<string, string>();
  for (let j = 0; j < p.labelKey.length; j++) {
    if (p.labelStr[j] !== undefined) continue;
    const k = p.labelKey[j];
    const u = p.labelUnit[j];
    if (!units.has(k) || (units.get(k) === '' && u !== '')) units.set(k, u);
  }
  for (const [k, u] of units) {
    if (u === '') units.set(k, k === 'alignment' || k === 'request' ? 'bytes' : k);
  }
  return units;
}
