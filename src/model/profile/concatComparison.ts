// The comparison profile the views read, built without pprof's merge: the target's samples as they are and
// the base's negated and labelled `pprof::base`, side by side. Every number a view shows (flat, cum, the
// flame tree, callers/callees, the line index, at every granularity) is a sum over samples of values keyed
// by what a frame says (its name, file, line, mapping file, start line, address: frameTable.ts), so it does
// not matter whether equal samples, functions and locations were made one first, as pprof's merge does.
// What the merge changes beside that, this does too: mappings are made one by pprof's key, a location's
// address then counts from its merged mapping's start (pprof's defence against address-space
// randomization, which the addresses granularity shows), the header is combineHeaders', and samples whose
// values are all 0 are dropped. It does not do what the merge does to values: a side whose equal samples
// could cancel (a negative value) or a normalized target (rounded after the merge) takes the merge.
import { BASE_LABEL_KEY, BASE_LABEL_VALUE } from './comparison';
import { combineHeaders } from './mergeHeaders';
import { mappingKey } from './mergeLocations';
import type { DecodedProfile, Mapping } from './profile';
import { typedColumn } from '../base/growableColumns';

/**
 * Whether the concatenation gives the merge's numbers: no normalize, no negative value on either side
 * (within a side, merged samples then never cancel, and the magnitudes pprof's total sums are the same
 * before and after the merge), and no target sample already labelled as a base's.
 */
export function concatenates(base: DecodedProfile, target: DecodedProfile, normalize: boolean): boolean {
  if (normalize || target.labelKey.includes(BASE_LABEL_KEY)) return false;
  return !hasNegative(base) && !hasNegative(target);
}

function hasNegative(p: DecodedProfile): boolean {
  const v = p.sampleValues;
  for (let i = 0; i < v.length; i++) if (v[i] < 0) return true;
  return false;
}

/**
 * The target's samples, then the base's negated and labelled: the diff_base profile's samples, unmerged.
 * `appendToTarget`: the target's sample columns are this comparison's to extend; where they have the room
 * (decoded with readWireColumns' roomToAppend) the base's samples are written after them, and the target's
 * are not copied (on the L pair that copy was 0.3 of the concatenation's 1.5 s and 145 MB of fresh memory).
 */
export function concatComparison(target: DecodedProfile, base: DecodedProfile, shared = false, appendToTarget = false): DecodedProfile {
  const nt = target.sampleTypes.length;
  const { mappings, mappingOf, shift } = unifyMappings([target, base]);
  const tl = target.locationCount;
  const tf = target.functionCount;
  const lc = tl + base.locationCount;

  const locAddress = new BigUint64Array(lc);
  const locMapping = new Int32Array(lc);
  const locIsFolded = new Uint8Array(lc);
  const locLineStart = new Int32Array(lc + 1);
  const lineFunction = new Int32Array(target.lineFunction.length + base.lineFunction.length);
  const lineNumber = new Float64Array(lineFunction.length);
  [target, base].forEach((p, side) => {
    const l0 = side === 0 ? 0 : tl;
    const j0 = side === 0 ? 0 : target.lineFunction.length;
    const f0 = side === 0 ? 0 : tf;
    const m0 = side === 0 ? 0 : target.mappings.length;
    for (let l = 0; l < p.locationCount; l++) {
      const m = p.locMapping[l];
      locMapping[l0 + l] = m >= 0 ? mappingOf[m0 + m] : -1;
      locAddress[l0 + l] = m >= 0 ? BigInt.asUintN(64, p.locAddress[l] + shift[m0 + m]) : p.locAddress[l];
      locIsFolded[l0 + l] = p.locIsFolded[l];
      locLineStart[l0 + l] = j0 + p.locLineStart[l];
    }
    for (let j = 0; j < p.lineFunction.length; j++) lineFunction[j0 + j] = f0 + p.lineFunction[j];
    lineNumber.set(p.lineNumber, j0);
  });
  locLineStart[lc] = lineFunction.length;

  const labels = target.labelKey.length + base.labelKey.length + base.sampleCount;
  const size: SampleSize = { samples: target.sampleCount + base.sampleCount, frames: target.sampleLocs.length + base.sampleLocs.length, labels };
  const inPlace = appendToTarget ? columnsWithRoom(target, nt, size, shared) : undefined;
  const writer = new SampleWriter(nt, size, inPlace ?? newColumns(nt, size, shared));
  if (inPlace) writer.adopt(target);
  else writer.add(target, 1, 0, undefined);
  writer.add(base, -1, tl, BASE_LABEL_KEY);
  const samples = writer.finish();

  // The functions in the order the samples first use them, as the merge numbers them: where two functions
  // have one name (or one name and file), the first is the one whose file a node shows. When no name has
  // two files, which one is first shows nowhere, and the pass over every frame is spared.
  const fc = tf + base.functionCount;
  const order = oneFilePerName([target, base]) ? Int32Array.from({ length: fc }, (_, f) => f) : functionOrder(samples.sampleLocs, locLineStart, lineFunction, lc, fc);
  for (let j = 0; j < lineFunction.length; j++) lineFunction[j] = order[lineFunction[j]];
  const funcName = new Array<string>(fc);
  const funcSystemName = new Array<string>(fc);
  const funcFile = new Array<string>(fc);
  const funcStartLine = new Float64Array(fc);
  [target, base].forEach((p, side) => {
    const f0 = side === 0 ? 0 : tf;
    for (let f = 0; f < p.functionCount; f++) {
      const to = order[f0 + f];
      funcName[to] = p.funcName[f];
      funcSystemName[to] = p.funcSystemName[f];
      funcFile[to] = p.funcFile[f];
      funcStartLine[to] = p.funcStartLine[f];
    }
  });

  return {
    ...combineHeaders([target, base]),
    mappings,
    functionCount: fc,
    funcName,
    funcSystemName,
    funcFile,
    funcStartLine,
    locationCount: lc,
    locAddress,
    locMapping,
    locIsFolded,
    locLineStart,
    lineFunction,
    lineNumber,
    ...samples,
  };
}

/**
 * pprof's mapping key (mergeLocations.ts): size rounded up to 4 KiB, offset, build id or else file. Each
 * mapping of the profiles in order becomes the first one with its key, and its addresses move by the
 * difference of the two starts.
 */
function unifyMappings(profiles: readonly DecodedProfile[]): { mappings: Mapping[]; mappingOf: Int32Array; shift: BigUint64Array } {
  const all = profiles.flatMap((p) => p.mappings);
  const mappings: Mapping[] = [];
  const byKey = new Map<string, number>();
  const mappingOf = new Int32Array(all.length);
  const shift = new BigUint64Array(all.length);
  all.forEach((m, i) => {
    const key = mappingKey(m);
    let id = byKey.get(key);
    if (id === undefined) byKey.set(key, (id = mappings.push(m) - 1));
    mappingOf[i] = id;
    shift[i] = BigInt.asUintN(64, mappings[id].start - m.start);
  });
  return { mappings, mappingOf, shift };
}

/** Whether every function name (the empty one too) comes with one file only, across the profiles. */
function oneFilePerName(profiles: readonly DecodedProfile[]): boolean {
  const fileOf = new Map<string, string>();
  for (const p of profiles) {
    for (let f = 0; f < p.functionCount; f++) {
      const seen = fileOf.get(p.funcName[f]);
      if (seen === undefined) fileOf.set(p.funcName[f], p.funcFile[f]);
      else if (seen !== p.funcFile[f]) return false;
    }
  }
  return true;
}

/** Each function's new number: in the order of first use by the samples' locations, the unused after. */
function functionOrder(sampleLocs: Int32Array, locLineStart: Int32Array, lineFunction: Int32Array, lc: number, fc: number): Int32Array {
  const seen = new Uint8Array(lc);
  const order = new Int32Array(fc).fill(-1);
  let n = 0;
  for (let k = 0; k < sampleLocs.length; k++) {
    const l = sampleLocs[k];
    if (seen[l]) continue;
    seen[l] = 1;
    for (let j = locLineStart[l]; j < locLineStart[l + 1]; j++) if (order[lineFunction[j]] < 0) order[lineFunction[j]] = n++;
  }
  for (let f = 0; f < fc; f++) if (order[f] < 0) order[f] = n++;
  return order;
}


/** How many samples, frames and labels the concatenation holds. */
interface SampleSize {
  readonly samples: number;
  readonly frames: number;
  readonly labels: number;
}

/** The sample columns the concatenation writes. */
interface SampleColumns {
  readonly values: Float64Array;
  readonly locStart: Int32Array;
  readonly locs: Int32Array;
  readonly labelStart: Int32Array;
}

/** New columns for the concatenation, on shared memory when asked (sharedProfile.ts then has nothing to copy). */
function newColumns(nt: number, size: SampleSize, shared: boolean): SampleColumns {
  return {
    values: typedColumn(Float64Array, size.samples * nt, shared),
    locStart: typedColumn(Int32Array, size.samples + 1, shared),
    locs: typedColumn(Int32Array, size.frames, shared),
    labelStart: typedColumn(Int32Array, size.samples + 1, shared),
  };
}

/**
 * The target's own sample columns extended over the room after them, when each has it (on shared memory if
 * `shared`) and the target keeps every sample (a sample whose values are all 0 would be dropped, moving the
 * rest).
 */
function columnsWithRoom(target: DecodedProfile, nt: number, size: SampleSize, shared: boolean): SampleColumns | undefined {
  if (hasEmptySample(target, nt) || target.sampleLocStart[0] !== 0 || target.labelStart[0] !== 0) return undefined;
  const over = <T extends Int32Array | Float64Array>(a: T, n: number, Ctor: new (b: ArrayBufferLike, offset: number, length: number) => T): T | undefined =>
    a.byteOffset === 0 && a.buffer.byteLength >= n * a.BYTES_PER_ELEMENT && a.buffer instanceof SharedArrayBuffer === shared ? new Ctor(a.buffer, 0, n) : undefined;
  const values = over(target.sampleValues, size.samples * nt, Float64Array);
  const locStart = over(target.sampleLocStart, size.samples + 1, Int32Array);
  const locs = over(target.sampleLocs, size.frames, Int32Array);
  const labelStart = over(target.labelStart, size.samples + 1, Int32Array);
  return values && locStart && locs && labelStart ? { values, locStart, locs, labelStart } : undefined;
}

/** Whether some sample's values are all 0 (pprof's merge drops such a sample). */
function hasEmptySample(p: DecodedProfile, nt: number): boolean {
  const v = p.sampleValues;
  for (let s = 0; s < p.sampleCount; s++) {
    let t = 0;
    while (t < nt && v[s * nt + t] === 0) t++;
    if (t === nt) return true;
  }
  return false;
}

/** Appends the samples of each side: values scaled by ±1, location ids moved, and the base's label set. */
class SampleWriter {
  private n = 0;
  private k = 0;
  private readonly values: Float64Array;
  private readonly locStart: Int32Array;
  private readonly locs: Int32Array;
  private readonly labelStart: Int32Array;
  // The labels go into arrays made at their most (every label of both sides, and one per base sample) and
  // cut at the end: on the L pair, pushing its 1.2M labels took 3x as long.
  private j = 0;
  private readonly labelKey: string[];
  private readonly labelStr: (string | undefined)[];
  private readonly labelNum: Float64Array;
  private readonly labelUnit: string[];

  constructor(
    private readonly nt: number,
    { labels }: SampleSize,
    { values, locStart, locs, labelStart }: SampleColumns,
  ) {
    this.values = values;
    this.locStart = locStart;
    this.locs = locs;
    this.labelStart = labelStart;
    this.labelKey = new Array<string>(labels);
    this.labelStr = new Array<string | undefined>(labels);
    this.labelNum = new Float64Array(labels);
    this.labelUnit = new Array<string>(labels);
  }

  /** With `label`, every sample gets it set to "true" (pprof's SetLabel: a string label of that key goes). */
  add(p: DecodedProfile, sign: 1 | -1, locOffset: number, label: string | undefined): void {
    if (hasEmptySample(p, this.nt)) return this.addEach(p, sign, locOffset, label);
    const { nt, values, locStart, locs, labelStart } = this;
    const n = this.n;
    const k = this.k;
    const pv = p.sampleValues;
    const count = p.sampleCount;
    // + 0: a negated 0 is 0, as Go's integers have no -0.
    if (sign === 1) values.set(pv.subarray(0, count * nt), n * nt);
    else for (let i = 0; i < count * nt; i++) values[n * nt + i] = 0 - pv[i];
    const from = p.sampleLocStart[0];
    for (let s = 0; s < count; s++) locStart[n + s] = k + p.sampleLocStart[s] - from;
    const frames = p.sampleLocStart[count] - from;
    // One pass: a copy and then a second pass adding the offset went over the base's 120 MB twice on L.
    if (locOffset === 0) locs.set(p.sampleLocs.subarray(from, from + frames), k);
    else {
      const src = p.sampleLocs;
      for (let i = 0; i < frames; i++) locs[k + i] = src[from + i] + locOffset;
    }
    for (let s = 0; s < count; s++) {
      this.copyLabels(p, s, label);
      labelStart[n + s + 1] = this.j;
    }
    this.n = n + count;
    this.k = k + frames;
  }

  /** The target's samples, already in the columns (columnsWithRoom): only its labels are copied. */
  adopt(p: DecodedProfile): void {
    for (let s = 0; s < p.sampleCount; s++) this.copyLabels(p, s, undefined);
    this.n = p.sampleCount;
    this.k = p.sampleLocs.length;
  }

  /** add() dropping the samples whose values are all 0. */
  private addEach(p: DecodedProfile, sign: 1 | -1, locOffset: number, label: string | undefined): void {
    const { nt, values, locStart, locs, labelStart } = this;
    const pv = p.sampleValues;
    let n = this.n;
    let k = this.k;
    for (let s = 0; s < p.sampleCount; s++) {
      let nonzero = false;
      for (let t = 0; t < nt; t++) if (pv[s * nt + t] !== 0) nonzero = true;
      if (!nonzero) continue;
      for (let t = 0; t < nt; t++) values[n * nt + t] = sign * pv[s * nt + t] + 0;
      locStart[n] = k;
      for (let i = p.sampleLocStart[s]; i < p.sampleLocStart[s + 1]; i++) locs[k++] = locOffset + p.sampleLocs[i];
      this.copyLabels(p, s, label);
      labelStart[++n] = this.j;
    }
    this.n = n;
    this.k = k;
  }

  private copyLabels(p: DecodedProfile, s: number, label: string | undefined): void {
    const { labelKey, labelStr, labelNum, labelUnit } = this;
    let j = this.j;
    for (let i = p.labelStart[s]; i < p.labelStart[s + 1]; i++) {
      const str = p.labelStr[i];
      if (label !== undefined && str !== undefined && p.labelKey[i] === label) continue;
      labelKey[j] = p.labelKey[i];
      labelStr[j] = str;
      labelNum[j] = p.labelNum[i];
      labelUnit[j++] = p.labelUnit[i];
    }
    if (label !== undefined) {
      labelKey[j] = label;
      labelStr[j] = BASE_LABEL_VALUE;
      labelNum[j] = 0;
      labelUnit[j++] = '';
    }
    this.j = j;
  }

  finish() {
    const { n, k, nt, j } = this;
    this.locStart[n] = k;
    const whole = n === this.locStart.length - 1;
    for (const a of [this.labelKey, this.labelStr, this.labelUnit]) a.length = j;
    return {
      sampleCount: n,
      sampleValues: whole ? this.values : this.values.subarray(0, n * nt),
      sampleLocStart: whole ? this.locStart : this.locStart.subarray(0, n + 1),
      sampleLocs: k === this.locs.length ? this.locs : this.locs.subarray(0, k),
      labelStart: whole ? this.labelStart : this.labelStart.subarray(0, n + 1),
      labelKey: this.labelKey,
      labelStr: this.labelStr,
      labelNum: j === this.labelNum.length ? this.labelNum : this.labelNum.slice(0, j),
      labelUnit: this.labelUnit,
    };
  }
}
