// The unification half of pprof's Merge (profile/merge.go): functions are one when their functionKey is
// (start line, name, system name, file), mappings when their mappingKey is (size rounded up to 4 KiB,
// offset, build id or else file), and locations when their locationKey is (merged mapping, address less
// the mapping's start, folding, and each line's merged function and number). Mappings are few and keyed by
// strings; functions and locations are hashed as numbers, and a hit is confirmed field by field.
import { GrowableF64, GrowableI32, GrowableU64 } from '../base/growableColumns';
import { finish, HashSlots, mix, mixNumber } from './hashTable';
import type { DecodedProfile, Mapping } from './profile';

/** What unifying reads of a profile: its mappings, functions and locations. */
export type LocationTables = Pick<
  DecodedProfile,
  'mappings' | 'functionCount' | 'funcName' | 'funcSystemName' | 'funcFile' | 'funcStartLine' | 'locationCount' | 'locAddress' | 'locMapping' | 'locIsFolded' | 'locLineStart' | 'lineFunction' | 'lineNumber'
>;

export class LocationUnifier {
  readonly mappings: Mapping[] = [];
  private readonly mappingIds = new Map<string, number>();
  /** The main binary: the first mapping of the first profile that has any (pprof maps it before any sample). */
  mainMapping = -1;

  // Merged functions: the profile (an index into `profiles`) and the index there of the first one seen.
  readonly profiles: LocationTables[] = [];
  readonly funcProfile = new GrowableI32();
  readonly funcIndex = new GrowableI32();
  private readonly funcTable = new HashSlots(1024);
  /** Each merged function's file, as an id in fileIds, and whether its system name is its name (one string). */
  private readonly funcFileId = new GrowableI32();
  private readonly funcSystemIsName = new GrowableI32();
  private readonly fileIds = new Map<string, number>();

  // Merged locations, as columns.
  readonly locMapping = new GrowableI32();
  /** The address less its mapping's start (pprof normalizes for address-space randomization). */
  readonly locRelAddress = new GrowableU64();
  readonly locFolded = new GrowableI32();
  readonly locLineStart = new GrowableI32();
  readonly lineFunction = new GrowableI32();
  readonly lineNumber = new GrowableF64();
  private readonly table = new HashSlots(1024);

  constructor() {
    this.locLineStart.push(0);
  }

  get locationCount(): number {
    return this.table.size;
  }

  /** Maps every location of `p` to its merged location: the result's [l] is the merged id of location l. */
  addProfile(p: LocationTables): Int32Array {
    if (this.mainMapping < 0 && p.mappings.length > 0) this.mainMapping = this.mapMapping(p.mappings[0]);
    const mapIds = p.mappings.map((m) => this.mapMapping(m));
    const starts = p.mappings.map((m) => m.start);
    const pi = this.profiles.push(p) - 1;
    const funcIds = new Int32Array(p.functionCount);
    const files = new Map<string, number>();
    for (let f = 0; f < p.functionCount; f++) funcIds[f] = this.mapFunction(p, pi, f, files);
    const out = new Int32Array(p.locationCount);
    const lineStart = p.locLineStart;
    for (let l = 0; l < p.locationCount; l++) {
      const srcMap = p.locMapping[l];
      const m = srcMap >= 0 ? mapIds[srcMap] : -1;
      // Relative to the mapping, so that one binary loaded at two addresses merges; a uint64 difference, as pprof's.
      let rel = srcMap >= 0 ? p.locAddress[l] - starts[srcMap] : p.locAddress[l];
      if (rel < 0n) rel = BigInt.asUintN(64, rel);
      const folded = p.locIsFolded[l];
      const from = lineStart[l];
      const to = lineStart[l + 1];
      let h = mixNumber(mix(mix(0x2545f491, m), folded), Number(rel));
      for (let j = from; j < to; j++) h = mixNumber(mix(h, funcIds[p.lineFunction[j]]), p.lineNumber[j]);
      out[l] = this.findOrAdd(finish(h), m, rel, folded, p, from, to, funcIds);
    }
    return out;
  }

  private findOrAdd(h: number, m: number, rel: bigint, folded: number, p: LocationTables, from: number, to: number, funcIds: Int32Array): number {
    const t = this.table;
    let slot = h & t.mask;
    for (let e = t.slots[slot]; e !== 0; e = t.slots[slot]) {
      const i = e - 1;
      if (t.hashes[i] === h && this.sameLocation(i, m, rel, folded, p, from, to, funcIds)) return i;
      slot = (slot + 1) & t.mask;
    }
    this.locMapping.push(m);
    this.locRelAddress.push(rel);
    this.locFolded.push(folded);
    for (let j = from; j < to; j++) {
      this.lineFunction.push(funcIds[p.lineFunction[j]]);
      this.lineNumber.push(p.lineNumber[j]);
    }
    this.locLineStart.push(this.lineFunction.length);
    return t.add(slot, h);
  }

  private sameLocation(i: number, m: number, rel: bigint, folded: number, p: LocationTables, from: number, to: number, funcIds: Int32Array): boolean {
    if (this.locMapping.data[i] !== m || this.locRelAddress.data[i] !== rel || this.locFolded.data[i] !== folded) return false;
    const start = this.locLineStart.data[i];
    if (this.locLineStart.data[i + 1] - start !== to - from) return false;
    for (let j = 0; j < to - from; j++) {
      if (this.lineFunction.data[start + j] !== funcIds[p.lineFunction[from + j]] || this.lineNumber.data[start + j] !== p.lineNumber[from + j]) return false;
    }
    return true;
  }

  private mapMapping(m: Mapping): number {
    const key = mappingKey(m);
    let id = this.mappingIds.get(key);
    if (id === undefined) {
      id = this.mappings.length;
      this.mappings.push(m);
      this.mappingIds.set(key, id);
    }
    return id;
  }

  /**
   * Functions are hashed by their start line, file, string lengths and a few characters of the name (a Map
   * keyed by names would hash every name in full), then the names are compared in full. Names and files are
   * slices of each profile's string table, which `===` compares through a call into the runtime unless they
   * are one object, so that is done once per function: a file recurs as one object within a profile and
   * gets its id from that profile's own Map (found by identity), which asks the shared one once per file;
   * a system name is most often the name's own string, and is then not compared again.
   */
  private mapFunction(p: LocationTables, pi: number, f: number, files: Map<string, number>): number {
    const name = p.funcName[f];
    const system = p.funcSystemName[f];
    const file = this.fileId(p.funcFile[f], files);
    const systemIsName = system === name ? 1 : 0;
    let h = mixNumber(mix(mix(mix(mix(0x68e31da4, name.length), system.length), file), systemIsName), p.funcStartLine[f]);
    for (let i = name.length - 1, n = 0; i >= 0 && n < 8; i -= 3, n++) h = mix(h, name.charCodeAt(i));
    h = finish(h);
    const t = this.funcTable;
    let slot = h & t.mask;
    for (let e = t.slots[slot]; e !== 0; e = t.slots[slot]) {
      const id = e - 1;
      if (t.hashes[id] === h && this.funcFileId.data[id] === file && this.funcSystemIsName.data[id] === systemIsName && this.sameFunction(id, p, f, systemIsName)) return id;
      slot = (slot + 1) & t.mask;
    }
    this.funcProfile.push(pi);
    this.funcIndex.push(f);
    this.funcFileId.push(file);
    this.funcSystemIsName.push(systemIsName);
    return t.add(slot, h);
  }

  /** Whether merged function id, of the same file, has function f's start line, name and system name (pprof's functionKey). */
  private sameFunction(id: number, p: LocationTables, f: number, systemIsName: number): boolean {
    const q = this.profiles[this.funcProfile.data[id]];
    const g = this.funcIndex.data[id];
    if (q.funcStartLine[g] !== p.funcStartLine[f] || q.funcName[g] !== p.funcName[f]) return false;
    return systemIsName === 1 || q.funcSystemName[g] === p.funcSystemName[f];
  }

  /** The id of a file name: from this profile's Map when the profile has used it before. */
  private fileId(file: string, files: Map<string, number>): number {
    let id = files.get(file);
    if (id !== undefined) return id;
    id = this.fileIds.get(file);
    if (id === undefined) {
      id = this.fileIds.size;
      this.fileIds.set(file, id);
    }
    files.set(file, id);
    return id;
  }
}

/** What makes two mappings one in a merge (pprof's mappingKey): size rounded up to 4 KiB, offset, build id or else file. */
export function mappingKey(m: Mapping): string {
  // In uint64, as pprof computes it.
  const size = BigInt.asUintN(64, m.limit - m.start + 0xfffn);
  return `${size - (size % 0x1000n)}\u0000${m.offset}\u0000${m.buildId || m.file}`;
}
