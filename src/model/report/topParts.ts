// The -top of several profiles without their merge. Every number of the top table is a sum over samples of
// what each node is (flat, cum, the report total), and a merge only adds up samples with the same stack and
// labels, so the top of the merge is the sum over the files of each file's own top, joined by what the
// nodes are (their identity, not their ids). What else a merge decides is kept too:
// - the file a row shows is that of the node's first use in the merge's order (the merge numbers
//   locations and functions in the order its samples first use them: file after file, each file's kept
//   samples in order, leaf first, each location's lines innermost first);
// - an edge is inline only when every sample's first pass over it was inlined, so the files' edges are
//   joined by AND (inlineEdges.ts);
// - the read rules of the merge are the first profile's drop_frames/keep_frames, applied to every file.
// Two threads share the files (each takes the next one from a counter), so each node keeps the index of
// the file its row's file comes from, and the earliest wins when the two parts are joined. A file's top is
// made in two steps: first what its nodes are and which are inlined in it; then, once the nodes inlined
// in any file are known (the other thread's too), its flat, cum and the edges into those nodes only:
// a node without an inline edge into it has no mark, whatever its other edges (on the bench's profiles,
// against every edge of every file: the edge pass from about 15 to 11 ms a file, and the join of the
// files' edges from about 10 to 1 ms a file).
// Where the merge could give other numbers, `inexact` says why and the caller merges instead: a negative
// value (samples that cancel), a comparison's base label, a numeric tag filter (pprof takes a label's unit
// from the whole profile), frames that drop_frames prunes, or two mappings the merge makes one with
// different files. The addresses granularity (an address counts from its merged mapping's start) is the
// caller's to keep away.
import { aggregate } from '../analysis/flatCum';
import { frameTable } from '../analysis/frameTable';
import { functionIdsWith, NameDictionary, type FunctionIds } from '../analysis/frameNodes';
import { compileFilters, type SampleFilter } from '../filter/sampleFilter';
import { BASE_LABEL_KEY } from '../profile/comparison';
import { mappingKey } from '../profile/mergeLocations';
import { applyPprofReadRules } from '../profile/pprofReadRules';
import type { DecodedProfile, Mapping, Profile } from '../profile/profile';
import type { Filters, Granularity } from '../profile/queries';
import { inlineEdgeFacts, inlinedNodes, PairSet } from './inlineEdges';

export interface TopPartQuery {
  readonly sampleIndex: number;
  /** Any but addresses. */
  readonly granularity: Granularity;
  readonly filters: Filters;
  /** The merge's read rules: the first profile's. */
  readonly dropFrames: string;
  readonly keepFrames: string;
}

/** The top of some files, node by node (each used by a kept sample of theirs), as it crosses threads. */
export interface TopPart {
  readonly keys: string[];
  /** NodeInfo's parts, for the row's name and order. */
  readonly names: string[];
  readonly infoFiles: string[];
  readonly lines: number[];
  readonly objs: string[];
  readonly starts: number[];
  /** The file the row shows: the raw file of the node's first use, and the index of the file that used it first. */
  readonly files: string[];
  readonly fileIndex: Int32Array;
  readonly flat: Float64Array;
  readonly cum: Float64Array;
  /** Edges between nodes, distinct; inline 1 when inline in every file that has them. */
  readonly edgeCaller: Int32Array;
  readonly edgeCallee: Int32Array;
  readonly edgeInline: Uint8Array;
  /** pprof's report total of the sample type. */
  readonly total: number;
  /** Each mapping key's file, first seen first. */
  readonly mappingKeys: string[];
  readonly mappingFiles: string[];
  /** The merge's main mapping (the first profile's first), read rules applied, and its file's index. */
  readonly mainMapping: Mapping | undefined;
  readonly mainIndex: number;
  /** Why the merge could differ; '' when the sums are the merge's. */
  readonly inexact: string;
}

/** The tops of files (each thread's in increasing order of index), joined. */
export class TopPartBuilder {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  private readonly names: string[] = [];
  private readonly infoFiles: string[] = [];
  private readonly lines: number[] = [];
  private readonly objs: string[] = [];
  private readonly starts: number[] = [];
  private readonly files: string[] = [];
  private flat: number[] = [];
  private cum: number[] = [];
  private readonly edges = new PairSet();
  private edgeInline = new Uint8Array(1024);
  private total = 0;
  private readonly mappingFile = new Map<string, string>();
  private mainMapping: Mapping | undefined;
  private inexact = '';
  /** Names' ids shared by the files, and the part's node of each named function (functions granularity). */
  private readonly dictionary = new NameDictionary();
  private readonly byName: number[] = [];
  /** The files whose second step is to come (finishFiles), and the nodes inlined in any file added. */
  private readonly pending: { p: Profile; fns: FunctionIds; filter: SampleFilter; index: number }[] = [];
  private readonly inlined = new Set<string>();
  /** Per node, the index of the file its `files` entry comes from; the main mapping's file. */
  private readonly firstFile: number[] = [];
  private mainIndex = Infinity;

  constructor(private readonly q: TopPartQuery) {}

  /**
   * The first step of file `index`'s top (its profile as decoded): what it is made of, and the nodes
   * inlined in it. The files come in any order (two threads share them), each thread's in increasing order.
   */
  addProfile(decoded: DecodedProfile, index: number): void {
    if (this.inexact) return;
    const { sampleIndex, filters } = this.q;
    const why = this.mappingsOf(decoded) || inexactReason(decoded, filters);
    if (why) {
      this.inexact = why;
      return;
    }
    const ruled = applyPprofReadRules({ ...decoded, dropFrames: this.q.dropFrames, keepFrames: this.q.keepFrames });
    if (ruled.locLineStart !== decoded.locLineStart) {
      this.inexact = 'drop_frames prunes frames';
      return;
    }
    const nt = decoded.sampleTypes.length;
    const totals = new Float64Array(nt);
    let total = 0;
    for (let s = 0; s < decoded.sampleCount; s++) total += decoded.sampleValues[s * nt + sampleIndex];
    totals[sampleIndex] = total;
    this.total += total;
    const p: Profile = { ...ruled, totals };
    if (p.mappings.length > 0 && index < this.mainIndex) {
      this.mainMapping = p.mappings[0];
      this.mainIndex = index;
    }
    const fns = functionIdsWith(p, this.dictionary);
    const filter = compileFilters(p, filters);
    const table = frameTable(p, this.q.granularity, filter);
    const inlined = inlinedNodes(table);
    for (let n = 0; n < inlined.length; n++) if (inlined[n] === 1) this.inlined.add(table.nodes.identity(n));
    this.pending.push({ p, fns, filter, index });
  }

  /** The nodes inlined in the files added, by identity: the other thread's files need the edges into them too. */
  inlinedKeys(): string[] {
    return [...this.inlined];
  }

  /**
   * The second step of every file added: flat and cum, then the edges into the nodes inlined in one of
   * them or named in `elsewhere` (the other thread's inlinedKeys), since only those can make a mark.
   */
  finishFiles(elsewhere: readonly string[]): void {
    const files = this.pending.splice(0);
    if (this.inexact) return;
    const { sampleIndex, granularity } = this.q;
    const done = files.map(({ p, fns, filter, index }) => {
      const agg = aggregate(p, sampleIndex, granularity, filter, true);
      const kept = keptLocations(p, sampleIndex, filter.keep);
      const global = this.nodesOf(p, granularity, fns, index, kept.locations);
      const { flat, cum } = agg;
      for (let n = 0; n < flat.length; n++) {
        if (flat[n] === 0 && cum[n] === 0) continue;
        // Never -1: values come from kept samples.
        this.flat[global[n]] += flat[n];
        this.cum[global[n]] += cum[n];
      }
      return { p, table: agg.table, keep: filter.keep, global, used: kept.counted ? kept.locations : undefined };
    });
    const into = new Uint8Array(this.keys.length);
    for (const keys of [this.inlined, elsewhere]) {
      for (const key of keys) {
        const g = this.ids.get(key);
        if (g !== undefined) into[g] = 1;
      }
    }
    for (const { p, table, keep, global, used } of done) {
      const local = new Uint8Array(global.length);
      for (let n = 0; n < global.length; n++) if (global[n] >= 0) local[n] = into[global[n]];
      const edges = inlineEdgeFacts(p, table, sampleIndex, keep, local, used);
      for (let e = 0; e < edges.caller.length; e++) this.addEdge(global[edges.caller[e]], global[edges.callee[e]], edges.inline[e]);
    }
  }

  /** The top of later files, made elsewhere (the merge thread's half). */
  addPart(part: TopPart): void {
    if (this.inexact) return;
    for (let i = 0; i < part.mappingKeys.length; i++) {
      if (this.conflicts(part.mappingKeys[i], part.mappingFiles[i])) {
        this.inexact = 'two mappings the merge makes one have different files';
        return;
      }
    }
    if (part.inexact) {
      this.inexact = part.inexact;
      return;
    }
    if (part.mainIndex < this.mainIndex) {
      this.mainMapping = part.mainMapping;
      this.mainIndex = part.mainIndex;
    }
    this.total += part.total;
    const global = new Int32Array(part.keys.length);
    for (let i = 0; i < part.keys.length; i++) {
      const g = this.node(part.keys[i], part.names[i], part.infoFiles[i], part.lines[i], part.objs[i], part.starts[i], part.files[i], part.fileIndex[i]);
      // The file of the node's first use in the merge's order: the earliest file's.
      if (part.fileIndex[i] < this.firstFile[g]) {
        this.files[g] = part.files[i];
        this.firstFile[g] = part.fileIndex[i];
      }
      global[i] = g;
      this.flat[g] += part.flat[i];
      this.cum[g] += part.cum[i];
    }
    for (let e = 0; e < part.edgeCaller.length; e++) this.addEdge(global[part.edgeCaller[e]], global[part.edgeCallee[e]], part.edgeInline[e]);
  }

  finish(): TopPart {
    if (this.pending.length > 0) throw new Error('finishFiles first');
    const [mappingKeys, mappingFiles] = [[...this.mappingFile.keys()], [...this.mappingFile.values()]];
    const n = this.edges.size;
    return {
      keys: this.keys,
      names: this.names,
      infoFiles: this.infoFiles,
      lines: this.lines,
      objs: this.objs,
      starts: this.starts,
      files: this.files,
      fileIndex: Int32Array.from(this.firstFile),
      flat: Float64Array.from(this.flat),
      cum: Float64Array.from(this.cum),
      edgeCaller: this.edges.first.slice(0, n),
      edgeCallee: this.edges.second.slice(0, n),
      edgeInline: this.edgeInline.slice(0, n),
      total: this.total,
      mappingKeys,
      mappingFiles,
      mainMapping: this.mainMapping,
      mainIndex: this.mainIndex,
      inexact: this.inexact,
    };
  }

  /**
   * This file's nodes as the part's; -1 for a node that no kept sample (a value not 0) uses. A node new to
   * the part shows the raw file of its first use in the merge's order: the locations of the kept samples
   * leaf first, each one's frames innermost first. The locations are looked at in their own order, which
   * is that one unless a node new here has frames of two raw files; then the samples are walked for it.
   */
  private nodesOf(p: Profile, granularity: Granularity, fns: FunctionIds, index: number, used: Uint8Array): Int32Array {
    const { frameStart, frames, nodes } = frameTable(p, granularity);
    const { locLineStart, lineFunction, funcFile } = p;
    const global = new Int32Array(nodes.count).fill(-1);
    const fresh = new Uint8Array(nodes.count);
    const byName = granularity === 'functions';
    let twoFiles = false;
    for (let l = 0; l < p.locationCount; l++) {
      if (used[l] === 0) continue;
      const lo = locLineStart[l];
      const lined = locLineStart[l + 1] > lo;
      for (let i = frameStart[l]; i < frameStart[l + 1]; i++) {
        const n = frames[i];
        const f = lined ? lineFunction[lo + i - frameStart[l]] : -1;
        const file = f >= 0 ? funcFile[f] : '';
        if (global[n] >= 0) {
          if (fresh[n] === 1 && this.files[global[n]] !== file) twoFiles = true;
          continue;
        }
        const known = this.keys.length;
        // A named function at functions granularity is its name: matched by the name's shared id.
        const nm = byName && f >= 0 ? fns.name[f] : -1;
        let g = nm >= 0 ? (this.byName[nm] ?? -1) : -1;
        if (g < 0) {
          g = this.node(nodes.identity(n), nodes.names[n], nodes.infoFile[n], nodes.lines[n], nodes.infoObj[n], nodes.infoStart[n], file, index);
          if (nm >= 0) this.byName[nm] = g;
        }
        global[n] = g;
        if (this.keys.length > known) fresh[n] = 1;
      }
    }
    if (twoFiles) this.firstUseFiles(p, frameStart, frames, global, fresh);
    return global;
  }

  /** The files of the nodes new here, taken in the order of the samples. */
  private firstUseFiles(p: Profile, frameStart: Int32Array, frames: Int32Array, global: Int32Array, fresh: Uint8Array): void {
    const seen = new Uint8Array(p.locationCount);
    const nt = p.sampleTypes.length;
    const { sampleValues, sampleLocStart, sampleLocs, locLineStart, lineFunction, funcFile } = p;
    for (let s = 0; s < p.sampleCount; s++) {
      let kept = false;
      for (let t = 0; t < nt && !kept; t++) kept = sampleValues[s * nt + t] !== 0;
      if (!kept) continue;
      for (let k = sampleLocStart[s]; k < sampleLocStart[s + 1]; k++) {
        const l = sampleLocs[k];
        if (seen[l] === 1) continue;
        seen[l] = 1;
        const lo = locLineStart[l];
        for (let i = frameStart[l]; i < frameStart[l + 1]; i++) {
          const n = frames[i];
          if (fresh[n] !== 1) continue;
          fresh[n] = 2;
          this.files[global[n]] = locLineStart[l + 1] > lo ? funcFile[lineFunction[lo + i - frameStart[l]]] : '';
        }
      }
    }
  }

  /** The part's id of a node, added with its first use's file when new. */
  private node(key: string, name: string, infoFile: string, line: number, obj: string, start: number, file: string, index: number): number {
    let g = this.ids.get(key);
    if (g === undefined) {
      g = this.keys.length;
      this.ids.set(key, g);
      this.keys.push(key);
      this.names.push(name);
      this.infoFiles.push(infoFile);
      this.lines.push(line);
      this.objs.push(obj);
      this.starts.push(start);
      this.files.push(file);
      this.firstFile.push(index);
      this.flat.push(0);
      this.cum.push(0);
    }
    return g;
  }

  private addEdge(caller: number, callee: number, inline: number): void {
    const known = this.edges.size;
    const e = this.edges.add(caller, callee);
    if (e === known) {
      if (e === this.edgeInline.length) {
        const grown = new Uint8Array(2 * e);
        grown.set(this.edgeInline);
        this.edgeInline = grown;
      }
      this.edgeInline[e] = inline;
    } else if (inline === 0) this.edgeInline[e] = 0;
  }

  /** Records the profile's mappings; a reason when two of them that the merge makes one have different files. */
  private mappingsOf(p: DecodedProfile): string {
    for (const m of p.mappings) if (this.conflicts(mappingKey(m), m.file)) return 'two mappings the merge makes one have different files';
    return '';
  }

  private conflicts(key: string, file: string): boolean {
    const known = this.mappingFile.get(key);
    if (known === undefined) this.mappingFile.set(key, file);
    return known !== undefined && known !== file;
  }
}

/**
 * Per location, 1 when a kept sample (a value not 0, of any type) has it: what the merge keeps. `counted`:
 * these are also the locations of the samples that count for the sample type (the edges' usedLocations),
 * as when no sample is filtered out and none is 0 in that type alone, which spares that pass.
 */
function keptLocations(p: Profile, sampleIndex: number, keep: Uint8Array | undefined): { locations: Uint8Array; counted: boolean } {
  const locations = new Uint8Array(p.locationCount);
  const nt = p.sampleTypes.length;
  const { sampleValues, sampleLocStart, sampleLocs } = p;
  let counted = keep === undefined;
  for (let s = 0; s < p.sampleCount; s++) {
    let kept = false;
    for (let t = 0; t < nt && !kept; t++) kept = sampleValues[s * nt + t] !== 0;
    if (!kept) continue;
    if (sampleValues[s * nt + sampleIndex] === 0) counted = false;
    for (let k = sampleLocStart[s], e = sampleLocStart[s + 1]; k < e; k++) locations[sampleLocs[k]] = 1;
  }
  return { locations, counted };
}

/** Why the merge of this profile with others could give other sums than the profile alone; '' when it cannot. */
function inexactReason(p: DecodedProfile, filters: Filters): string {
  const v = p.sampleValues;
  for (let i = 0; i < v.length; i++) if (v[i] < 0) return 'a negative value';
  if (p.labelKey.includes(BASE_LABEL_KEY)) return "a comparison's base samples";
  if ((filters.tagfocus || filters.tagignore) && p.labelStr.includes(undefined)) return 'a tag filter and numeric labels';
  return '';
}
