// The unification half of pprof's Merge (profile/merge.go): functions are one when their functionKey is
// (start line, name, system name, file), mappings when their mappingKey is (size rounded up to 4 KiB,
// offset, build id or else file), and locations when their locationKey is (merged mapping, address less
// the mapping's start, folding, and each line's merged function and number). Mappings are few and keyed by
// strings; functions and locations are hashed as numbers, and a hit is confirmed field by field.
import { GrowableF64, GrowableI32 } from '../base/growableColumns';
import { finish, HashSlots, mix, mixNumber } from './hashTable';
import type { DecodedProfile, Mapping } from './profile';

export class LocationUnifier {
  readonly mappings: Mapping[] = [];
  private readonly mappingIds = new Map<string, number>();
  /** The main binary: the first mapping of the first profile that has any (pprof maps it before any sample). */
  mainMapping = -1;

  // Merged functions: the profile (an index into `profiles`) and the index there of the first one seen.
  readonly profiles: DecodedProfile[] = [];
  readonly funcProfile = new GrowableI32();
  readonly funcIndex = new GrowableI32();
  private readonly funcTable = new HashSlots(1024);

  // Merged locations, as columns.
  readonly locMapping = new GrowableI32();
  /** The address less its mapping's start (pprof normalizes for address-space randomization). */
  readonly locRelAddress = new GrowableF64();
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
  addProfile(p: DecodedProfile): Int32Array {
    if (this.mainMapping < 0 && p.mappings.length > 0) this.mainMapping = this.mapMapping(p.mappings[0]);
    const mapIds = p.mappings.map((m) => this.mapMapping(m));
    const pi = this.profiles.push(p) - 1;
    const funcIds = new Int32Array(p.functionCount);
    for (let f = 0; f < p.functionCount; f++) funcIds[f] = this.mapFunction(p, pi, f);
    const out = new Int32Array(p.locationCount);
    const lineStart = p.locLineStart;
    for (let l = 0; l < p.locationCount; l++) {
      const srcMap = p.locMapping[l];
      const m = srcMap >= 0 ? mapIds[srcMap] : -1;
      const rel = srcMap >= 0 ? p.locAddress[l] - p.mappings[srcMap].start : p.locAddress[l];
      const folded = p.locIsFolded[l];
      const from = lineStart[l];
      const to = lineStart[l + 1];
      let h = mixNumber(mix(mix(0x2545f491, m), folded), rel);
      for (let j = from; j < to; j++) h = mixNumber(mix(h, funcIds[p.lineFunction[j]]), p.lineNumber[j]);
      out[l] = this.findOrAdd(finish(h), m, rel, folded, p, from, to, funcIds);
    }
    return out;
  }

  private findOrAdd(h: number, m: number, rel: number, folded: number, p: DecodedProfile, from: number, to: number, funcIds: Int32Array): number {
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

  private sameLocation(i: number, m: number, rel: number, folded: number, p: DecodedProfile, from: number, to: number, funcIds: Int32Array): boolean {
    if (this.locMapping.data[i] !== m || this.locRelAddress.data[i] !== rel || this.locFolded.data[i] !== folded) return false;
    const start = this.locLineStart.data[i];
    if (this.locLineStart.data[i + 1] - start !== to - from) return false;
    for (let j = 0; j < to - from; j++) {
      if (this.lineFunction.data[start + j] !== funcIds[p.lineFunction[from + j]] || this.lineNumber.data[start + j] !== p.lineNumber[from + j]) return false;
    }
    return true;
  }

  private mapMapping(m: Mapping): number {
    const size = Math.ceil((m.limit - m.start) / 0x1000) * 0x1000;
    const key = `${size}\u0000${m.offset}\u0000${m.buildId || m.file}`;
    let id = this.mappingIds.get(key);
    if (id === undefined) {
      id = this.mappings.length;
      this.mappings.push(m);
      this.mappingIds.set(key, id);
    }
    return id;
  }

  /**
   * Functions are hashed by their start line, string lengths and a few characters (the names are slices of
   * each profile's string table, so a Map keyed by them would hash every name in full), then compared in full.
   */
  private mapFunction(p: DecodedProfile, pi: number, f: number): number {
    const name = p.funcName[f];
    const file = p.funcFile[f];
    let h = mixNumber(mix(mix(mix(0x68e31da4, name.length), file.length), p.funcSystemName[f].length), p.funcStartLine[f]);
    for (let i = name.length - 1, n = 0; i >= 0 && n < 8; i -= 3, n++) h = mix(h, name.charCodeAt(i));
    for (let i = file.length - 1, n = 0; i >= 0 && n < 3; i -= 5, n++) h = mix(h, file.charCodeAt(i));
    h = finish(h);
    const t = this.funcTable;
    let slot = h & t.mask;
    for (let e = t.slots[slot]; e !== 0; e = t.slots[slot]) {
      const id = e - 1;
      if (t.hashes[id] === h && this.sameFunction(id, p, f)) return id;
      slot = (slot + 1) & t.mask;
    }
    this.funcProfile.push(pi);
    this.funcIndex.push(f);
    return t.add(slot, h);
  }

  /** Whether merged function id has function f's key (pprof's functionKey). */
  private sameFunction(id: number, p: DecodedProfile, f: number): boolean {
    const q = this.profiles[this.funcProfile.data[id]];
    const g = this.funcIndex.data[id];
    return (
      q.funcStartLine[g] === p.funcStartLine[f] &&
      q.funcName[g] === p.funcName[f] &&
      q.funcSystemName[g] === p.funcSystemName[f] &&
      q.funcFile[g] === p.funcFile[f]
    );
  }
}
