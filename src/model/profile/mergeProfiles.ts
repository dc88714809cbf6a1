// pprof's profile.Merge on columns: samples with the same merged locations and the same labels add up,
// samples whose values are all 0 are dropped (before and after adding), and the result is compacted as
// pprof's re-merge leaves it: only what the kept samples use, numbered in the order they first use it, the
// main binary's mapping first. A source may be scaled first (pprof's Scale/ScaleN, rounding as Go does)
// and may carry labels that its samples get (pprof's SetLabel), e.g. the base's `pprof::base` or an
// `instance`. No object is made per sample: stacks are hashed as numbers.
import { headOfMerge, keptLabelColumns, numberLaterLocations, numberSamples, profileWith, samplesOf, sourceStacks, unifiedTables, type MergedSamples, type NumberedSamples } from './compactMerge';
import type { LabelColumns, SampleColumns } from './encodeSamples';
import { lookUp } from '../base/lookUp';
import { finish, HashSlots, mix } from './hashTable';
import { checkCompatible, type ProfileHeader } from './mergeHeaders';
import { LocationUnifier, type LocationTables } from './mergeLocations';
import { ProfileError, type DecodedProfile } from './profile';
import { LabelSets } from './sampleLabels';
import { scaleSample, scales } from './scaleValues';

export interface MergeSource {
  readonly profile: DecodedProfile;
  /** Multiplies the values (pprof's Scale: -1 negates a base), or each sample type's by its own ratio (ScaleN). */
  readonly scale?: number | readonly number[];
  /** Labels set on every sample of this source, replacing its string labels of the same keys (SetLabel). */
  readonly labels?: Readonly<Record<string, string>>;
  /** What a message calls this source (a file name). */
  readonly name?: string;
}

export function mergeProfiles(sources: readonly MergeSource[], verb: 'merge' | 'compare' = 'merge'): DecodedProfile {
  const merger = mergerFor(sources, verb);
  for (const s of sources) merger.add(s);
  return merger.finish();
}

/**
 * A merge with room for `room` times the sources' samples, once they are found compatible; none is added
 * yet. Its sources are hashed apart when they are sourcesApart and `mayHashApart` (a merge whose later
 * sources are appended apart, or none: SampleMerger.add).
 */
export function mergerFor(sources: readonly MergeSource[], verb: 'merge' | 'compare' = 'merge', { room = 1, mayHashApart = true } = {}): SampleMerger {
  if (sources.length === 0) throw new ProfileError('no profiles to merge');
  checkCompatible(sources, verb);
  let samples = 0;
  for (const { profile: p } of sources) samples += p.sampleCount;
  return new SampleMerger(sources[0].profile.sampleTypes.length, samples * room, mayHashApart && sourcesApart(sources));
}

/**
 * Whether some label key is set on every sample of every source (its `labels`), each source's to a value of
 * its own (a fleet's `instance`): then only samples of one source can add up.
 */
export function sourcesApart(sources: readonly MergeSource[]): boolean {
  const first = sources[0]?.labels;
  if (!first || sources.length < 2) return false;
  return Object.keys(first).some((key) => {
    const seen = new Set<string>();
    return sources.every(({ labels }) => {
      const v = labels && Object.hasOwn(labels, key) ? labels[key] : undefined;
      if (v === undefined || seen.has(v)) return false;
      seen.add(v);
      return true;
    });
  });
}

/**
 * The merge one source at a time, for a caller that has the later sources only after the first ones are
 * merged (the CLI, whose other thread merges the second half of the files). The caller checks that the
 * sources are compatible. Adding the merge of sources i..j gives what adding each of them gives, as long as
 * their values add exactly (integers): pprof's re-merge leaves a merge as it was.
 */
export class SampleMerger {
  private readonly sources: MergeSource[] = [];
  private readonly unifier = new LocationUnifier();
  private readonly labels = new LabelSets();
  private readonly table: HashSlots;
  private m: MergedSamples;

  /**
   * `apart`: the sources will all be sourcesApart. Each is then hashed in a table of its own, which stays
   * in cache where one table of every sample would not (on a fleet of 25 M-sized profiles, a million).
   */
  constructor(
    private readonly nt: number,
    expectedSamples: number,
    private readonly apart = false,
  ) {
    this.table = new HashSlots(apart ? 0 : expectedSamples);
    this.m = mergedColumns(Math.max(16, expectedSamples), nt);
  }

  /** Merged samples so far: those hashed, then those appended by the last add kept apart. */
  private count = 0;
  private closed = false;

  /**
   * Adds a source. `apart` says that none of its samples can have the key of an earlier one (a merge of
   * other instances of a fleet: each sample carries its own instance), and that nothing is added after
   * it: its samples are then appended without hashing their stacks (half of a two-thread fleet merge's join).
   */
  add(source: MergeSource, apart = false): void {
    if (this.closed) throw new Error('nothing can be added to a merge after a source kept apart');
    const need = this.count + source.profile.sampleCount;
    if (need > this.m.source.length) this.m = grown(this.m, need, this.count, this.nt);
    this.sources.push(source);
    const si = this.sources.length - 1;
    const p = source.profile;
    const locIds = this.ahead.get(p) ?? this.unifier.addProfile(p);
    this.ahead.delete(p);
    this.m.sourceLocations.push(locIds);
    if (apart) {
      this.closed = true;
      this.count = appendSource(source, si, this.m, this.count, this.nt);
    } else if (this.apart) {
      const own = new HashSlots(p.sampleCount);
      addSource(this.sources, si, this.m, own, this.labels, this.nt, this.count);
      this.count += own.size;
    } else {
      addSource(this.sources, si, this.m, this.table, this.labels, this.nt);
      this.count = this.table.size;
    }
  }

  /** Profiles unified before their samples are added (unifyAhead): each location's merged id. */
  private readonly ahead = new Map<DecodedProfile, Int32Array>();

  /**
   * Unifies the locations and functions of the sources to be added, in their order, before any of their
   * samples is added, and gives them: what a fleet's merge thread sends ahead, so that the other thread
   * unifies them with its own while this one merges the samples (fleetWrite.ts).
   */
  unifyAhead(sources: readonly MergeSource[]): LocationTables {
    for (const { profile } of sources) this.ahead.set(profile, this.unifier.addProfile(profile));
    return unifiedTables(this.unifier);
  }

  /** The merged profile; `headers` (default: the sources') are the profiles whose headers it combines. */
  finish(headers: readonly ProfileHeader[] = this.sources.map((s) => s.profile)): DecodedProfile {
    this.closed = true;
    const n = numberSamples(this.sources, this.m, this.count, this.nt, this.unifier.locationCount);
    return profileWith(samplesOf(n, this.sources), this.unifier, n, headers);
  }

  private numbered?: NumberedSamples;

  /**
   * The end of a merge whose samples are written without a profile made of them (a fleet's, on two threads:
   * fleetWrite.ts): the samples are kept and their locations numbered, their stacks left in the sources.
   * Nothing is added after this.
   */
  private numberForWriting(): NumberedSamples {
    this.closed = true;
    return (this.numbered ??= numberSamples(this.sources, this.m, this.count, this.nt, this.unifier.locationCount, false));
  }

  // A fleet's merge on two threads. The thread holding the later instances' merge: its columns are numbered
  // by the caller, who first gets its locations' order (holdSamples) and then gives their numbers (heldColumns).

  /** The label strings of the held samples, numbered from 1 in the order a writer asks for them (0: no unit). */
  private heldLabels?: LabelColumns;

  /**
   * The samples held: the order in which they first use their locations (`order[i]`: the id in unifyAhead's
   * tables), and their label strings in the order a writer asks for them.
   */
  holdSamples(): { order: Int32Array; sampleCount: number; labelStrings: string[] } {
    const n = this.numberForWriting();
    const strings = new Map<string, number>();
    this.heldLabels = keptLabelColumns(this.sources, n, (s) => {
      let id = strings.get(s);
      if (id === undefined) strings.set(s, (id = strings.size + 1));
      return id;
    });
    return { order: n.locOrder.view(), sampleCount: n.kept, labelStrings: [...strings.keys()] };
  }

  /** The held samples to write: `locations[i]` is the number of order's location i, `strings[i]` that of label string i. */
  heldColumns(locations: Int32Array, strings: Int32Array): SampleColumns {
    const n = this.numberForWriting();
    const labels = this.heldLabels;
    if (!labels) throw new Error('no samples held');
    const { labelKey, labelStr, labelUnit } = labels;
    for (let j = 0; j < labelKey.length; j++) {
      labelKey[j] = strings[labelKey[j] - 1];
      if (labelStr[j] > 0) labelStr[j] = strings[labelStr[j] - 1];
      if (labelUnit[j] > 0) labelUnit[j] = strings[labelUnit[j] - 1];
    }
    return { nt: this.nt, sampleValues: n.sampleValues, ...labels, stacks: sourceStacks(this.sources, this.m, n, lookUp(n.locNew, locations)) };
  }

  // The other thread: its own samples come first, so they are numbered (ownColumns) before the held ones are known.

  /**
   * The held merge's locations and functions (the other thread's unifyAhead) unified with these:
   * the result's [l] is the merged id of its location l, which numberHeld takes.
   */
  addHeldTables(tables: LocationTables): Int32Array {
    this.numberForWriting();
    return this.unifier.addProfile(tables);
  }

  /**
   * The held merge's locations numbered after those of the samples here: `ids` from addHeldTables, and
   * `order` the held merge's locations as its samples first use them (its holdSamples). The result's [i]
   * is the number of its location i.
   */
  numberHeld(ids: Int32Array, order: Int32Array): Int32Array {
    const n = this.numberForWriting();
    return numberLaterLocations(n, lookUp(order, ids), this.unifier.locationCount);
  }

  /** The samples added here to write, their label strings numbered by `str`: their locations' numbers are final (later ones only add). */
  ownColumns(str: (s: string) => number): SampleColumns {
    const n = this.numberForWriting();
    return { nt: this.nt, sampleValues: n.sampleValues, ...keptLabelColumns(this.sources, n, str), stacks: sourceStacks(this.sources, this.m, n, n.locNew) };
  }

  /** Last, all of the merged profile but its samples: every location, function and mapping, the headers combined. */
  head(headers: readonly ProfileHeader[]) {
    return headOfMerge(this.unifier, this.numberForWriting(), headers);
  }
}

function mergedColumns(capacity: number, nt: number): MergedSamples {
  return {
    sourceLocations: [],
    values: new Float64Array(capacity * nt),
    labelSet: new Int32Array(capacity),
    source: new Int32Array(capacity),
    sourceSample: new Int32Array(capacity),
  };
}

/** The columns with room for `need` samples, the first `used` kept. */
function grown(m: MergedSamples, need: number, used: number, nt: number): MergedSamples {
  const next = mergedColumns(Math.max(need, m.source.length * 2), nt);
  next.sourceLocations.push(...m.sourceLocations);
  next.values.set(m.values.subarray(0, used * nt));
  next.labelSet.set(m.labelSet.subarray(0, used));
  next.source.set(m.source.subarray(0, used));
  next.sourceSample.set(m.sourceSample.subarray(0, used));
  return next;
}

/**
 * Adds one source's samples to the merged ones (the hot loop: one hash per stack, no object per sample).
 * The table's entry i is merged sample `first` + i.
 */
function addSource(
  sources: readonly MergeSource[],
  si: number,
  m: MergedSamples,
  table: HashSlots,
  labels: LabelSets,
  nt: number,
  first = 0,
): void {
  const src = sources[si];
  const p = src.profile;
  const locIds = m.sourceLocations[si];
  const ratios = typeof src.scale === 'number' ? new Array<number>(nt).fill(src.scale) : src.scale;
  const scaled = scales(ratios) ? ratios : undefined;
  const ownSet = labels.sourceSet(src.labels);
  const labelStart = p.labelStart;
  const pv = p.sampleValues;
  const sampleLocStart = p.sampleLocStart;
  const sampleLocs = p.sampleLocs;
  const { values: mValues, source, sourceSample, labelSet } = m;
  const values = new Float64Array(nt);
  let n = first + table.size;
  for (let s = 0; s < p.sampleCount; s++) {
    let nonzero = false;
    for (let t = 0; t < nt; t++) {
      const v = pv[s * nt + t];
      values[t] = v;
      if (v !== 0) nonzero = true;
    }
    if (scaled && nonzero) nonzero = scaleSample(values, 0, scaled);
    if (!nonzero) continue;

    // A merged sample keeps no copy of its stack: it is read from its first source sample when needed.
    const from = sampleLocStart[s];
    const depth = sampleLocStart[s + 1] - from;
    let h = mix(0x1b873593, depth);
    for (let k = 0; k < depth; k++) h = mix(h, locIds[sampleLocs[from + k]]);
    const set = labelStart[s] === labelStart[s + 1] ? ownSet : labels.of(p, s, src.labels);
    h = finish(mix(h, set));

    let slot = h & table.mask;
    let found = -1;
    for (let e = table.slots[slot]; e !== 0; e = table.slots[slot]) {
      const i = e - 1;
      if (table.hashes[i] === h && labelSet[first + i] === set && sameStack(sources, m, first + i, locIds, sampleLocs, from, depth)) {
        found = first + i;
        break;
      }
      slot = (slot + 1) & table.mask;
    }
    if (found >= 0) {
      for (let t = 0; t < nt; t++) mValues[found * nt + t] += values[t];
      continue;
    }
    table.add(slot, h);
    for (let t = 0; t < nt; t++) mValues[n * nt + t] = values[t];
    labelSet[n] = set;
    source[n] = si;
    sourceSample[n] = s;
    n++;
  }
}

/** Appends a source's samples from merged sample n on, none of them equal to an earlier one; returns the new count. */
function appendSource(src: MergeSource, si: number, m: MergedSamples, n: number, nt: number): number {
  const p = src.profile;
  const ratios = typeof src.scale === 'number' ? new Array<number>(nt).fill(src.scale) : src.scale;
  const scaled = scales(ratios) ? ratios : undefined;
  const pv = p.sampleValues;
  const { values: mValues, source, sourceSample, labelSet } = m;
  for (let s = 0; s < p.sampleCount; s++) {
    let nonzero = false;
    for (let t = 0; t < nt; t++) if ((mValues[n * nt + t] = pv[s * nt + t]) !== 0) nonzero = true;
    if (scaled && nonzero) nonzero = scaleSample(mValues, n * nt, scaled);
    if (!nonzero) continue;
    // No later sample is compared with it: its label set is never asked.
    labelSet[n] = -1;
    source[n] = si;
    sourceSample[n] = s;
    n++;
  }
  return n;
}

/** Whether merged sample i has the stack of depth `depth` at `from` in sampleLocs (whose merged ids are locIds). */
function sameStack(
  sources: readonly MergeSource[],
  m: MergedSamples,
  i: number,
  locIds: Int32Array,
  sampleLocs: Int32Array,
  from: number,
  depth: number,
): boolean {
  const q = sources[m.source[i]].profile;
  const qFrom = q.sampleLocStart[m.sourceSample[i]];
  if (q.sampleLocStart[m.sourceSample[i] + 1] - qFrom !== depth) return false;
  const qIds = m.sourceLocations[m.source[i]];
  const qLocs = q.sampleLocs;
  for (let k = 0; k < depth; k++) if (qIds[qLocs[qFrom + k]] !== locIds[sampleLocs[from + k]]) return false;
  return true;
}
