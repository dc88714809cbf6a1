// The worker's logic: holds decoded profiles by handle and answers EngineApi calls. Pure: no threads, and
// files are read through the reader it is given.
import { compareDecoded, decodeSide, loadProfile } from '../model/decode/loadProfile';
import type { DecodeHow } from '../model/decode/readWireColumns';
import { PageToucher, type AheadColumn } from '../model/base/touchAhead';
import type { CompareOptions, ComparisonSummary } from '../model/profile/comparison';
import { ProfileError, type DecodedProfile, type Profile } from '../model/profile/profile';
import { flameTree } from '../model/analysis/flame/flameTree';
import { likelyZooms, MIN_ZOOM_SHARE } from '../model/analysis/flame/likelyZooms';
import { lineIndex } from '../model/analysis/lineIndex';
import { adoptUnfilteredEveryType, unfilteredEveryType, type EveryType } from '../model/analysis/flatCum';
import { callersCallees } from '../model/analysis/callersCallees';
import { ZOOMS_AHEAD, type FlameQuery, type FlameTree, type LineIndex, type CallersCallees, type CallersCalleesQuery, type LabelBreakdownQuery, type ProfileSummary, type TopQuery, type TopResult } from '../model/profile/queries';
import { labelBreakdown } from '../model/analysis/labelBreakdown';
import { LabelBreakdownColumns, toLabelBreakdownColumns } from '../protocol/labelBreakdownColumns';
import { computeTop } from '../model/analysis/topRows';
import { TrendBuilder } from '../model/analysis/trend';
import { LineIndexColumns, LineIndexHead, toLineIndexColumns, toLineIndexHead } from '../protocol/lineIndexColumns';
import { TopColumns, toTopColumns } from '../protocol/topColumns';
import type { TrendQuery, TrendResult } from '../model/profile/trendQueries';
import type { GoroutineDump, GoroutineTrend } from '../model/report/goroutineTypes';
import { groupGoroutines } from '../model/report/goroutineDump';
import { goroutineTrend } from '../model/analysis/goroutineTrend';
import { mergeInstanceProfiles, type InstanceProfile } from '../model/decode/mergeInstances';
import { encodeProfile } from '../model/profile/encodeProfile';
import type { EngineApi, MergedFiles } from './rpc';
import { gzip } from '../model/decode/inflate';

/** Reads a whole local file; the worker shim gives node:fs's readFileSync. */
export type ReadFile = (path: string) => Uint8Array;

/** Told of each profile loaded here (decoded, with its totals and pprof's read rules applied). */
export type OnLoaded = (handle: string, profile: Profile) => void;

/**
 * Starts decoding one side of a comparison on another thread (readSide, then decodeSide there): the
 * comparison's two sides decode at once.
 */
export type DecodeAside = (path: string, label: string) => DecodingAside;

export interface DecodingAside {
  /** The decoder's progress on the other thread (model/base/touchAhead.ts), DONE once it has stopped. */
  readonly progress: Int32Array;
  /** Whether the other thread has answered (take() then returns at once). */
  answered(): boolean;
  /** The side, once decoded: blocks until then. */
  take(): DecodedProfile;
}

/**
 * How a fleet's files become the bytes it saves: by default on this thread; the Node build's table thread
 * merges and writes on two (src/cli/parallelMerge.ts `mergingOnTwoThreads`), with the same profile.
 */
export interface Merging {
  /** The merge of the files, as profile.proto gzipped. */
  mergeToBytes(inputs: readonly InstanceProfile[]): MergedFiles;
  /** How it would have the files read (into memory another thread shares); by default as every file is. */
  readonly readFile?: ReadFile;
}

const ONE_THREAD: Merging = {
  mergeToBytes(inputs) {
    const { merged, renamed } = mergeInstanceProfiles(inputs);
    // Level 1: the merge of a fleet is large, and the fastest level keeps its write a small part of the work.
    return { bytes: gzip(encodeProfile(merged), 1), sampleCount: merged.sampleCount, renamed };
  },
};

/** Reads a profile's file, with a message that names it. */
export function readSide(readFile: ReadFile, path: string): Uint8Array {
  try {
    return readFile(path);
  } catch (e) {
    throw new Error(`cannot read ${path}: ${e instanceof Error ? e.message : e}`);
  }
}

/** Loads a profile; a message names it. */
function loadNamed(bytes: Uint8Array, label: string, how: DecodeHow = {}): Profile {
  try {
    return loadProfile(bytes, how);
  } catch (e) {
    if (e instanceof ProfileError) throw new ProfileError(`${label}: ${e.message}`, e.offset);
    throw e;
  }
}

export class Analysis implements EngineApi {
  private readonly profiles = new Map<string, Profile>();
  /** The line index takes a second on a big profile, and the host asks for it file by file. */
  private readonly lineIndexes = new Map<string, LineIndex>();

  constructor(
    private readonly readFile: ReadFile = () => {
      throw new Error('this engine reads no files; pass the bytes to open()');
    },
    private readonly onLoaded?: OnLoaded,
    /** A thread that shares each profile loaded here: a side decoded on another thread, columns made shared. */
    private readonly threads: { readonly decodeAside?: DecodeAside; readonly shared?: boolean; readonly touchAhead?: DecodeHow['touchAhead']; readonly merging?: Merging } = {},
  ) {}

  open(handle: string, bytes: Uint8Array, label: string) {
    // A profile the other threads will hold too is decoded into shared memory rather than copied there.
    // Another thread faults the sample columns' pages in ahead of the decoder, when there is one.
    const profile = loadNamed(bytes, label, { shared: this.threads.shared, touchAhead: this.threads.touchAhead });
    this.hold(handle, profile);
    return summarize(profile);
  }

  /** Holds a profile loaded elsewhere (another thread's, in shared memory); a held handle keeps its own. */
  adopt(handle: string, profile: Profile): void {
    if (!this.profiles.has(handle)) this.profiles.set(handle, profile);
  }

  has(handle: string): boolean {
    return this.profiles.has(handle);
  }

  openFile(handle: string, path: string, label: string) {
    let bytes: Uint8Array;
    try {
      bytes = this.readFile(path);
    } catch (e) {
      throw new Error(`cannot read ${path}: ${e instanceof Error ? e.message : e}`);
    }
    return this.open(handle, bytes, label);
  }

  openComparison(
    handle: string,
    files: { readonly base: string; readonly target: string },
    options: CompareOptions,
    labels: { readonly base: string; readonly target: string },
  ): ProfileSummary {
    // The base decodes on another thread while this one decodes the target; a failing base is the one
    // reported when both fail, as when the base is read first.
    const aside = this.threads.decodeAside?.(files.base, labels.base);
    let target: DecodedProfile | undefined;
    let targetError: unknown;
    /** The target's sample columns with the room after them where the base's samples go, when it is big. */
    let room: readonly AheadColumn[] | undefined;
    const touchAhead = this.threads.touchAhead;
    try {
      // With room after its samples for the base's, which the comparison then appends in place.
      // The table thread touches the pages of the target's columns ahead of this decoder, once it has
      // decoded the base (threads.ts).
      target = decodeSide(readSide(this.readFile, files.target), labels.target, {
        shared: this.threads.shared,
        roomToAppend: true,
        touchAhead: touchAhead && ((columns, progress, hasRoom) => ((room = hasRoom ? columns : undefined), touchAhead(columns, progress, hasRoom))),
      });
    } catch (e) {
      targetError = e;
    }
    // While the base is still decoding, this thread maps the room where its samples go, as far as the base's
    // decoder has got: the copy into the room would otherwise fault in every page of it.
    if (target && room && aside) new PageToucher(room, aside.progress, { samples: target.sampleCount, ids: target.sampleLocs.length }).untilDone(aside.answered);
    const base = aside ? aside.take() : decodeSide(readSide(this.readFile, files.base), labels.base);
    if (!target) throw targetError;
    const { profile, comparison } = compareDecoded(base, target, options, labels, { shared: this.threads.shared, appendToTarget: true });
    this.hold(handle, profile);
    return summarize(profile, comparison);
  }

  /** A handle opened again (a comparison swapped, say) answers from its new profile only. */
  private hold(handle: string, profile: Profile): void {
    this.onLoaded?.(handle, profile);
    this.profiles.set(handle, profile);
    this.lineIndexes.delete(handle);
  }

  close(handle: string): void {
    this.profiles.delete(handle);
    this.lineIndexes.delete(handle);
  }

  top(handle: string, query: TopQuery): TopResult {
    const { sampleType, total, rows } = computeTop(this.get(handle), query);
    return { sampleType, total, rows };
  }
  flame(handle: string, query: FlameQuery): FlameTree {
    return flameTree(this.get(handle), query);
  }
  zoomAhead(handle: string, query: FlameQuery): string[][] {
    return likelyZooms(this.flame(handle, { ...query, path: [] }), ZOOMS_AHEAD, MIN_ZOOM_SHARE);
  }
  flameAhead(handle: string, query: FlameQuery): FlameTree {
    return this.flame(handle, query);
  }
  callersCallees(handle: string, query: CallersCalleesQuery): CallersCallees {
    return callersCallees(this.get(handle), query);
  }
  lineIndex(handle: string): LineIndex {
    let index = this.lineIndexes.get(handle);
    if (!index) this.lineIndexes.set(handle, (index = lineIndex(this.get(handle))));
    return index;
  }
  /** The unfiltered sums of every sample type, once a top table has made them (for another thread's line index). */
  unfilteredSums(handle: string): EveryType | undefined {
    const p = this.profiles.get(handle);
    return p && unfilteredEveryType(p);
  }
  /** Another thread's unfiltered sums of this handle's profile: the line index is then read off them. */
  adoptUnfilteredSums(handle: string, sums: EveryType): void {
    const p = this.profiles.get(handle);
    if (p && !this.lineIndexes.has(handle)) adoptUnfilteredEveryType(p, sums);
  }
  topColumns(handle: string, query: TopQuery): TopColumns {
    return toTopColumns(this.top(handle, query));
  }
  labelBreakdown(handle: string, query: LabelBreakdownQuery): LabelBreakdownColumns {
    return toLabelBreakdownColumns(labelBreakdown(this.get(handle), query));
  }
  lineIndexHead(handle: string): LineIndexHead {
    return toLineIndexHead(this.lineIndex(handle));
  }
  lineIndexFiles(handle: string, files: readonly number[]): LineIndexColumns {
    return toLineIndexColumns(this.lineIndex(handle), files);
  }
  /** One snapshot at a time: each is read, loaded, aggregated and dropped before the next is read. */
  trend(files: readonly string[], query: TrendQuery): TrendResult {
    const builder = new TrendBuilder(query);
    for (const file of files) builder.add(loadNamed(readSide(this.readFile, file), file), file);
    return builder.finish();
  }
  goroutines(file: string): GoroutineDump {
    return groupNamed(readSide(this.readFile, file), file);
  }
  goroutineTrend(dumps: readonly { readonly time: number; readonly file: string }[]): GoroutineTrend {
    return goroutineTrend(dumps.map((d) => ({ time: d.time, dump: this.goroutines(d.file) })));
  }

  /** Each file is read and decoded in turn; the merged profile is written and gzipped here, off the host. */
  mergeFiles(files: readonly string[], instances: readonly string[]): MergedFiles {
    if (files.length !== instances.length) throw new Error(`mergeFiles: ${files.length} files but ${instances.length} instances`);
    const merging = this.threads.merging ?? ONE_THREAD;
    const read = merging.readFile ?? this.readFile;
    return merging.mergeToBytes(files.map((file, i) => ({ bytes: readSide(read, file), instance: instances[i], name: file })));
  }

  protected get(handle: string): Profile {
    const p = this.profiles.get(handle);
    if (!p) throw new Error(`no open profile with handle ${handle}`);
    return p;
  }
}

/** groupGoroutines, its message naming the file. */
function groupNamed(bytes: Uint8Array, file: string): GoroutineDump {
  try {
    return groupGoroutines(bytes);
  } catch (e) {
    if (e instanceof ProfileError) throw new ProfileError(`${file}: ${e.message}`);
    throw e;
  }
}

function summarize(p: Profile, comparison?: ComparisonSummary): ProfileSummary {
  return {
    ...(comparison ? { comparison } : {}),
    sampleTypes: p.sampleTypes,
    defaultSampleIndex: p.defaultSampleIndex,
    sampleCount: p.sampleCount,
    totals: Array.from(p.totals),
    timeNanos: p.timeNanos,
    durationNanos: p.durationNanos,
    periodType: p.periodType,
    period: p.period,
    comments: p.comments,
    labels: labelSummary(p),
    mainBinary: p.mappings[0]?.file ?? '',
    functionCount: p.functionCount,
    locationCount: p.locationCount,
  };
}

/** String label keys, sorted, each with up to 50 of its distinct values (sorted) and how many it has. */
function labelSummary(p: Profile): { key: string; values: string[]; count: number }[] {
  const byKey = new Map<string, Set<string>>();
  for (let j = 0; j < p.labelKey.length; j++) {
    const v = p.labelStr[j];
    if (v === undefined) continue;
    let set = byKey.get(p.labelKey[j]);
    if (!set) byKey.set(p.labelKey[j], (set = new Set()));
    set.add(v);
  }
  return [...byKey.keys()].sort().map((key) => {
    const all = byKey.get(key)!;
    return { key, values: [...all].sort().slice(0, 50), count: all.size };
  });
}
