// The top table broken down by a label's values: which instance (or handler, or tenant) a function's time
// is spent in. Every sample is put in the group of its value, and the one aggregation walk (sampleWalk.ts)
// keeps each group's sums apart, so the columns add up to the top table's exactly, and the column of a value
// v is what `go tool pprof -top -tagfocus=key=^v$` prints.
import { computeTop } from './topRows';
import { nodeMaps } from './flatCum';
import { walkFlatCum } from './sampleWalk';
import type { Profile } from '../profile/profile';
import { NO_LABEL_VALUE, type LabelBreakdown, type LabelBreakdownQuery } from '../profile/queries';

export function labelBreakdown(p: Profile, q: LabelBreakdownQuery): LabelBreakdown {
  const top = computeTop(p, q);
  const { table } = top.aggregate;
  const keep = top.filter.keep;
  const found = groupsOf(p, q.key, q.sampleIndex, keep);
  const [sums] = walkFlatCum(p, nodeMaps(table), { sampleIndex: q.sampleIndex, keep, groups: { of: found.of, count: found.values.length } });
  // Heaviest value first; the walk's group numbers are in first-seen order, the columns in this one. A value
  // whose samples the filters all drop (another value focused) has no column.
  const order = found.values.map((_, g) => g).filter((g) => found.kept[g] > 0).sort((a, b) => found.totals[b] - found.totals[a] || (found.values[a] < found.values[b] ? -1 : 1));
  const nv = order.length;
  const ng = found.values.length;
  const nr = top.nodeIds.length;
  const flat = new Float64Array(nr * nv);
  const cum = new Float64Array(nr * nv);
  for (let r = 0; r < nr; r++) {
    const n = top.nodeIds[r];
    for (let v = 0; v < nv; v++) {
      flat[r * nv + v] = sums.flat[n * ng + order[v]];
      cum[r * nv + v] = sums.cum[n * ng + order[v]];
    }
  }
  return {
    sampleType: top.sampleType,
    total: top.total,
    key: q.key,
    values: order.map((g) => found.values[g]),
    noneIndex: order.indexOf(found.none),
    valueTotals: Float64Array.from(order, (g) => found.totals[g]),
    rows: top.rows,
    flat,
    cum,
  };
}

interface Groups {
  /** Per sample: its group (the index of its value). */
  readonly of: Int32Array;
  readonly values: string[];
  /** The group of samples without the key, or -1 when every sample has it. */
  readonly none: number;
  readonly totals: number[];
  /** Per group: how many of its samples the filters keep. */
  readonly kept: number[];
}

/** Each sample's value of `key` (its first), numbered in the order first seen; the kept samples' sums. */
function groupsOf(p: Profile, key: string, t: number, keep: Uint8Array | undefined): Groups {
  const of = new Int32Array(p.sampleCount);
  const ids = new Map<string, number>();
  const values: string[] = [];
  const totals: number[] = [];
  const kept: number[] = [];
  let none = -1;
  const nt = p.sampleTypes.length;
  const { labelStart, labelKey, labelStr, sampleValues } = p;
  for (let s = 0; s < p.sampleCount; s++) {
    let g = -1;
    for (let j = labelStart[s]; j < labelStart[s + 1]; j++) {
      const v = labelStr[j];
      if (v === undefined || labelKey[j] !== key) continue;
      g = ids.get(v) ?? -1;
      if (g < 0) {
        ids.set(v, (g = values.push(v) - 1));
        totals.push(0);
        kept.push(0);
      }
      break;
    }
    if (g < 0) {
      if (none < 0) {
        none = values.push(NO_LABEL_VALUE) - 1;
        totals.push(0);
        kept.push(0);
      }
      g = none;
    }
    of[s] = g;
    if (keep === undefined || keep[s] === 1) {
      totals[g] += Math.abs(sampleValues[s * nt + t]);
      kept[g]++;
    }
  }
  return { of, values, none, totals, kept };
}
