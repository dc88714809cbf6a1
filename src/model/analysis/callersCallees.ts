// Callers and callees of one function, valued as pprof's -peek values them (graph.New): an edge between
// two adjacent frames of a stack gets the sample's value once per sample, however often the pair repeats,
// and a function calling itself is not its own caller or callee.
import { checkSampleIndex } from './flatCum';
import { compileFilters } from '../filter/sampleFilter';
import { displayNames, framesByName } from './flame/displayNames';
import { frameTable } from './frameTable';
import type { Profile } from '../profile/profile';
import type { CallersCallees, CallersCalleesQuery } from '../profile/queries';

/** Callers and callees at functions or files granularity. */
export function callersCallees(p: Profile, q: CallersCalleesQuery): CallersCallees {
  checkSampleIndex(p, q.sampleIndex);
  const filter = compileFilters(p, q.filters);
  const table = framesByName(frameTable(p, q.granularity ?? 'functions', filter));
  const { names, idOf } = displayNames(table.nodes);
  const total = p.totals[q.sampleIndex];
  const x = idOf.get(q.name);
  if (x === undefined) return { name: q.name, flat: 0, cum: 0, total, callers: [], callees: [] };

  const { frameStart, frames } = table;
  // Only stacks through a location that shows x need the full walk.
  const hasX = new Uint8Array(p.locationCount);
  for (let l = 0; l < p.locationCount; l++) {
    for (let i = frameStart[l]; i < frameStart[l + 1]; i++) if (frames[i] === x) hasX[l] = 1;
  }
  const caller = new Float64Array(names.length);
  const callee = new Float64Array(names.length);
  const callerSeen = new Int32Array(names.length);
  const calleeSeen = new Int32Array(names.length);
  const { sampleLocStart, sampleLocs, sampleValues } = p;
  const keep = filter.keep;
  const nt = p.sampleTypes.length;
  let flat = 0;
  let cum = 0;
  for (let s = 0; s < p.sampleCount; s++) {
    const end = sampleLocStart[s + 1];
    let k = sampleLocStart[s];
    while (k < end && hasX[sampleLocs[k]] === 0) k++;
    if (k === end) continue;
    const w = sampleValues[s * nt + q.sampleIndex];
    if (w === 0 || (keep !== undefined && keep[s] === 0)) continue;
    const stamp = s + 1;
    // Walk leaf to root; `below` is the frame called by the current one.
    let below = -1;
    for (k = sampleLocStart[s]; k < end; k++) {
      const l = sampleLocs[k];
      for (let i = frameStart[l]; i < frameStart[l + 1]; i++) {
        const f = frames[i];
        if (f === x && below >= 0 && below !== x && calleeSeen[below] !== stamp) {
          calleeSeen[below] = stamp;
          callee[below] += w;
        } else if (below === x && f !== x && callerSeen[f] !== stamp) {
          callerSeen[f] = stamp;
          caller[f] += w;
        }
        if (below < 0 && f === x) flat += w;
        below = f;
      }
    }
    cum += w;
  }
  const out: CallersCallees = { name: q.name, flat, cum, total, callers: ranked(caller, names), callees: ranked(callee, names) };
  return q.limit === undefined ? out : limited(out, q.limit);
}

/** A function called from thousands of places would otherwise send (and draw) thousands of rows. */
function limited(n: CallersCallees, limit: number): CallersCallees {
  const keep = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : Infinity;
  const cut = (xs: CallersCallees['callers']) => {
    const rest = xs.slice(keep);
    return { kept: xs.slice(0, keep), omitted: rest.length === 0 ? undefined : { count: rest.length, value: rest.reduce((a, x) => a + x.value, 0) } };
  };
  const callers = cut(n.callers);
  const callees = cut(n.callees);
  return {
    ...n,
    callers: callers.kept,
    callees: callees.kept,
    ...(callers.omitted && { callersOmitted: callers.omitted }),
    ...(callees.omitted && { calleesOmitted: callees.omitted }),
  };
}

function ranked(values: Float64Array, names: readonly string[]): { name: string; value: number }[] {
  const out: { name: string; value: number }[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) out.push({ name: names[i], value: values[i] });
  return out.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
