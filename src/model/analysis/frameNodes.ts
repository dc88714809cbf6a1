// The nodes a frame table merges frames into, with what pprof prints of them: the printable name and the
// NodeInfo it sorts by. Function names and clean files get small ids once per profile, shared by every
// granularity's table.
import { keepShape } from '../base/keepShape';
import { baseName, cleanPath } from '../base/cleanPath';
import type { Granularity } from '../profile/queries';
import type { Profile } from '../profile/profile';

export interface NodeTable {
  readonly granularity: Granularity;
  readonly count: number;
  /** Function name; '' for an unsymbolized frame. */
  readonly names: readonly string[];
  /** Source file as the profile spells it ('' when unknown). At functions granularity, the first file seen. */
  readonly files: readonly string[];
  /** Line number at lines and addresses granularity, else 0. */
  readonly lines: Float64Array;
  /** The location's address at addresses granularity, else 0. */
  readonly addresses: BigUint64Array;
  /** pprof's printable name: "name", "name file:line", "file", "[binary]", "<unknown>", "0000000000401000 name file:line". */
  readonly printable: readonly string[];
  /** The node's identity as Go prints pprof's NodeInfo; the last tie-breaker of pprof's sort. */
  readonly infoText: (node: number) => string;
  /** What tells node n from the others, as one string: the same node in another profile has the same (topParts.ts). */
  readonly identity: (node: number) => string;
  /** NodeInfo's clean file, objfile and start line, which identity and infoText are made of. */
  readonly infoFile: readonly string[];
  readonly infoObj: readonly string[];
  readonly infoStart: readonly number[];
}

/**
 * Nodes as the table is built. What only the top table's names and order need (pprof's printable name and
 * NodeInfo) is kept in its parts and put together on first use.
 */
export class Nodes implements NodeTable {
  count = 0;
  readonly names: string[] = [];
  readonly files: string[] = [];
  lines = new Float64Array(0);
  addresses = new BigUint64Array(0);
  readonly lineList: number[] = [];
  private readonly addressList: bigint[] = [];
  // The rest of pprof's NodeInfo: clean file, objfile, start line.
  readonly infoFile: string[] = [];
  readonly infoObj: string[] = [];
  readonly infoStart: number[] = [];
  private shown: string[] | undefined;

  constructor(readonly granularity: Granularity) {}

  add(name: string, rawFile: string, file: string, line: number, obj: string, start: number, address = 0n): number {
    this.names.push(name);
    this.addressList.push(address);
    this.files.push(rawFile);
    this.lineList.push(line);
    this.infoFile.push(file);
    this.infoObj.push(obj);
    this.infoStart.push(start);
    return this.count++;
  }

  finish(): this {
    this.lines = Float64Array.from(this.lineList);
    this.addresses = BigUint64Array.from(this.addressList);
    return this;
  }

  get printable(): readonly string[] {
    if (!this.shown) {
      const out = new Array<string>(this.count);
      for (let i = 0; i < this.count; i++) {
        out[i] = printableName(this.names[i], this.infoFile[i], this.lineList[i], this.infoObj[i], this.addressList[i]);
      }
      this.shown = out;
    }
    return this.shown;
  }

  readonly infoText = (n: number): string =>
    nodeInfoText(this.names[n], this.addressList[n], this.infoFile[n], this.infoStart[n], this.lineList[n], this.infoObj[n]);

  readonly identity = (n: number): string =>
    nodeIdentity(this.names[n], this.infoFile[n], this.lineList[n], this.infoObj[n], this.infoStart[n], this.addressList[n]);
}

/** pprof's NodeInfo as Go's %v prints it. */
export const nodeInfoText = (name: string, address: bigint, file: string, start: number, line: number, obj: string): string =>
  `{${name}  ${address} ${file} ${start} ${line} ${obj}}`;

/**
 * A node's identity: its NodeInfo's parts joined by NULs, or a named function's name alone when that is all
 * it has (the most common node at functions granularity, whose string then needs no new hash).
 */
export function nodeIdentity(name: string, file: string, line: number, obj: string, start: number, address: bigint): string {
  if (file === '' && line === 0 && obj === '' && start === 0 && address === 0n && name !== '' && !name.includes('\u0000')) return name;
  return `\u0000${name}\u0000${file}\u0000${line}\u0000${obj}\u0000${start}\u0000${address}`;
}

keepShape(new Nodes('functions').finish());

export interface FunctionIds {
  /** Per function: an id shared by the functions with the same name, or -1 for a nameless one. */
  readonly name: Int32Array;
  readonly nameCount: number;
  /** Per function: an id of its clean file (see cleanPath). */
  readonly file: Int32Array;
  readonly cleanFile: (f: number) => string;
}

const functionIdCache = new WeakMap<Profile, FunctionIds>();

/**
 * Ids of names and clean files shared by several profiles (the files of a top made without their merge,
 * topParts.ts): a name has the same id in each, so that their nodes are matched by number, not by string.
 */
export class NameDictionary {
  readonly names = new Map<string, number>();
  readonly cleanIds = new Map<string, number>();
  readonly clean: string[] = [];
}

/** Names and clean files of the functions as small ids, shared by every granularity's table. */
export function functionIds(p: Profile): FunctionIds {
  let out = functionIdCache.get(p);
  if (!out) functionIdCache.set(p, (out = makeFunctionIds(p, new NameDictionary())));
  return out;
}

/** functionIds of p made with `shared`'s ids (before any table of p is built), returned. */
export function functionIdsWith(p: Profile, shared: NameDictionary): FunctionIds {
  const out = makeFunctionIds(p, shared);
  functionIdCache.set(p, out);
  return out;
}

function makeFunctionIds(p: Profile, { names: nameIds, cleanIds, clean }: NameDictionary): FunctionIds {
  const name = new Int32Array(p.functionCount);
  const file = new Int32Array(p.functionCount);
  // A profile's raw files are few strings, each shared by its functions: found by identity in a Map of its own.
  const rawFiles = new Map<string, number>(); // raw file → clean file id
  for (let f = 0; f < p.functionCount; f++) {
    const nm = p.funcName[f];
    if (nm === '') name[f] = -1;
    else {
      let id = nameIds.get(nm);
      if (id === undefined) nameIds.set(nm, (id = nameIds.size));
      name[f] = id;
    }
    let fid = rawFiles.get(p.funcFile[f]);
    if (fid === undefined) {
      const c = cleanPath(p.funcFile[f]);
      fid = cleanIds.get(c);
      if (fid === undefined) cleanIds.set(c, (fid = clean.push(c) - 1));
      rawFiles.set(p.funcFile[f], fid);
    }
    file[f] = fid;
  }
  return { name, nameCount: nameIds.size, file, cleanFile: (f) => clean[file[f]] };
}

/** pprof's NodeInfo.PrintableName. */
export function printableName(name: string, file: string, line: number, obj: string, address: bigint): string {
  const tail = line !== 0 ? `${file}:${line}` : file !== '' ? file : name !== '' ? '' : obj !== '' ? `[${baseName(obj)}]` : '<unknown>';
  const named = name === '' ? tail : tail === '' ? name : `${name} ${tail}`;
  return address !== 0n ? `${address.toString(16).padStart(16, '0')} ${named}` : named;
}
