// Callers and callees of one function, valued as pprof's -peek values them (graph.New): an edge between
// two adjacent frames of a stack gets the sample's value once per sample, however often the pair repeats,
// and a function calling itself is not its own caller or callee. The counting is edgeWalk.ts's, which reads
// in full only the stacks that pass through the function.
import { checkSampleIndex } from './flatCum';
import { compileFilters } from '../filter/sampleFilter';
import { displayNames, framesByName } from './flame/displayNames';
import { frameTable } from './frameTable';
import type { Profile } from '../profile/profile';
import type { CallersCallees, CallersCalleesQuery } from '../profile/queries';
import { EDGES_IN, EDGES_OUT, walkEdges } from './edgeWalk';

/** Callers and callees at functions or files granularity. */
export function callersCallees(p: Profile, q: CallersCalleesQuery): CallersCallees {
  checkSampleIndex(p, q.sampleIndex);
  const filter = compileFilters(p, q.filters);
  const table = framesByName(frameTable(p, q.granularity ?? 'functions', filter));
  const { names, idOf } = displayNames(table.nodes);
  const total = p.totals[q.sampleIndex];
  const x = idOf.get(q.name);
  if (x === undefined) return { name: q.name, flat: 0, cum: 0, total, callers: [], callees: [] };

  const marks = new Uint8Array(names.length);
  marks[x] = EDGES_IN | EDGES_OUT;
  const sums = walkEdges(p, table, { sampleIndex: q.sampleIndex, keep: filter.keep }, marks);
  const caller = new Float64Array(names.length);
  const callee = new Float64Array(names.length);
  const { baseFlat, baseCum, baseWeight } = sums;
  const callerBase = baseWeight && new Float64Array(names.length);
  const calleeBase = baseWeight && new Float64Array(names.length);
  for (let e = 0; e < sums.edgeCount; e++) {
    const into = sums.callee[e] === x;
    if (into) caller[sums.caller[e]] += sums.weight[e];
    else callee[sums.callee[e]] += sums.weight[e];
    if (baseWeight) (into ? callerBase! : calleeBase!)[into ? sums.caller[e] : sums.callee[e]] += baseWeight[e];
  }
  const out: CallersCallees = {
    name: q.name,
    flat: sums.flat[x],
    cum: sums.cum[x],
    ...(baseFlat && baseCum && { baseFlat: baseFlat[x], baseCum: baseCum[x] }),
    total,
    callers: ranked(caller, callerBase, names),
    callees: ranked(callee, calleeBase, names),
  };
  return q.limit === undefined ? out : limited(out, q.limit);
}

/** A function called from thousands of places would otherwise send (and draw) thousands of rows. */
function limited(n: CallersCallees, limit: number): CallersCallees {
  const keep = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : Infinity;
  const cut = (xs: CallersCallees['callers']) => {
    const rest = xs.slice(keep);
    if (rest.length === 0) return { kept: xs, omitted: undefined };
    const value = rest.reduce((a, x) => a + x.value, 0);
    const omitted = rest[0].base === undefined ? { count: rest.length, value } : { count: rest.length, value, base: rest.reduce((a, x) => a + (x.base ?? 0), 0) };
    return { kept: xs.slice(0, keep), omitted };
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

/** A comparison's (with `base`) lists also the entries whose net value is 0 but whose base side is not. */
function ranked(values: Float64Array, base: Float64Array | undefined, names: readonly string[]): CallersCallees['callers'] {
  const out: { name: string; value: number; base?: number }[] = [];
  for (let i = 0; i < values.length; i++) {
    if (base) {
      if (values[i] !== 0 || base[i] !== 0) out.push({ name: names[i], value: values[i], base: base[i] });
    } else if (values[i] !== 0) out.push({ name: names[i], value: values[i] });
  }
  return out.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
