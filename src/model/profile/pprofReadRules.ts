// What `go tool pprof` does to a profile right after reading it, before any report: it prunes frames with
// the profile's own drop_frames/keep_frames (profile.RemoveUninteresting) and forgets mapping files that
// are URLs without a build id (driver.unsourceMappings). Loading applies them once (decode/loadProfile.ts).
import { compileGoRegexp } from '../base/goRegexp';
import type { DecodedProfile, Mapping } from './profile';

/** Returns the profile as pprof would analyse it; the profile itself when there is nothing to do. */
export function applyPprofReadRules(p: DecodedProfile): DecodedProfile {
  let out = p;
  if (p.mappings.some(isUrlWithoutBuildId)) {
    out = { ...out, mappings: p.mappings.map((m) => (isUrlWithoutBuildId(m) ? { ...m, file: '' } : m)) };
  }
  if (p.dropFrames) out = pruneFrames(out, p.dropFrames, p.keepFrames);
  return out;
}

function isUrlWithoutBuildId(m: Mapping): boolean {
  return m.buildId === '' && /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(m.file);
}

/**
 * pprof's Prune: in each location, the outermost line whose function matches drop (and not keep) is cut
 * together with everything inlined into it; if that was the outermost line, the whole location goes.
 * Then each stack loses everything from the first pruned location (scanning from the root) to the leaf,
 * but never the root-most frames before the first frame that is kept as it is.
 */
function pruneFrames(p: DecodedProfile, dropSrc: string, keepSrc: string): DecodedProfile {
  let drop: RegExp;
  let keep: RegExp | undefined;
  try {
    drop = compileGoRegexp(`^(${dropSrc})$`, 'drop_frames');
    keep = keepSrc ? compileGoRegexp(`^(${keepSrc})$`, 'keep_frames') : undefined;
  } catch {
    return p; // pprof ignores a drop_frames it cannot compile
  }
  const fnDropped = new Int8Array(p.functionCount).fill(-1);
  const dropsFunction = (f: number): boolean => {
    if (fnDropped[f] < 0) {
      const name = p.funcName[f];
      const simple = simplifyFunc(name);
      fnDropped[f] = name !== '' && drop.test(simple) && !(keep && keep.test(simple)) ? 1 : 0;
    }
    return fnDropped[f] === 1;
  };

  // 0 = untouched, 1 = prune beneath (lines trimmed), 2 = prune the whole location.
  const state = new Uint8Array(p.locationCount);
  const lineFrom = Int32Array.from(p.locLineStart.subarray(0, p.locationCount));
  let anyLocation = false;
  for (let l = 0; l < p.locationCount; l++) {
    const lo = p.locLineStart[l];
    const hi = p.locLineStart[l + 1];
    for (let j = hi - 1; j >= lo; j--) {
      if (!dropsFunction(p.lineFunction[j])) continue;
      state[l] = j === hi - 1 ? 2 : 1;
      if (j < hi - 1) lineFrom[l] = j + 1;
      anyLocation = true;
      break;
    }
  }
  if (!anyLocation) return p;

  // Locations keep only their lines from lineFrom on.
  const locLineStart = new Int32Array(p.locationCount + 1);
  let n = 0;
  for (let l = 0; l < p.locationCount; l++) {
    locLineStart[l] = n;
    n += p.locLineStart[l + 1] - lineFrom[l];
  }
  locLineStart[p.locationCount] = n;
  const lineFunction = new Int32Array(n);
  const lineNumber = new Float64Array(n);
  for (let l = 0; l < p.locationCount; l++) {
    const len = p.locLineStart[l + 1] - lineFrom[l];
    lineFunction.set(p.lineFunction.subarray(lineFrom[l], lineFrom[l] + len), locLineStart[l]);
    lineNumber.set(p.lineNumber.subarray(lineFrom[l], lineFrom[l] + len), locLineStart[l]);
  }

  // Stacks, leaf first: find the cut scanning from the root.
  const sampleLocStart = new Int32Array(p.sampleCount + 1);
  const sampleLocs = new Int32Array(p.sampleLocs.length);
  let k = 0;
  for (let s = 0; s < p.sampleCount; s++) {
    const lo = p.sampleLocStart[s];
    const hi = p.sampleLocStart[s + 1];
    let from = lo;
    let foundUser = false;
    for (let i = hi - 1; i >= lo; i--) {
      const st = state[p.sampleLocs[i]];
      if (st === 0) {
        foundUser = true;
        continue;
      }
      if (!foundUser) continue;
      from = st === 2 ? i + 1 : i;
      break;
    }
    sampleLocStart[s] = k;
    sampleLocs.set(p.sampleLocs.subarray(from, hi), k);
    k += hi - from;
  }
  sampleLocStart[p.sampleCount] = k;

  return {
    ...p,
    locLineStart,
    lineFunction,
    lineNumber,
    sampleLocStart,
    sampleLocs: sampleLocs.slice(0, k),
  };
}

const RESERVED = ['(anonymous namespace)', 'operator()'];

/** pprof's simplifyFunc: drop a leading "." and an argument list, keeping "(anonymous namespace)" and "operator()". */
export function simplifyFunc(name: string): string {
  const f = name.startsWith('.') ? name.slice(1) : name;
  const rx = /\(anonymous namespace\)|operator\(\)|\(/g;
  for (let m = rx.exec(f); m; m = rx.exec(f)) {
    if (!RESERVED.includes(m[0])) return f.slice(0, m.index);
  }
  return f;
}
