// What the merge thread is asked and answers (parallelMerge.ts, parallelWrite.ts, mergeWorker.ts): the bytes
// of some of the files, with the instance each one's samples are labelled with (none for the CLI), and
// their merge with each file's header, or that it failed (the caller then merges every file itself, so
// that the message is the one a merge on one thread gives); or the later half of a profile's samples to
// write and deflate; or the top of several files made without their merge (the CLI's top over several
// files: topParts.ts) in two steps: first the files the thread takes from a counter shared with the caller
// are decoded, answered with their headers and the nodes inlined in them; then, told the nodes inlined in
// the caller's files, their tops, answered with the part. A fleet's merge may also be held by the thread
// (mergeHeld): its locations and functions are sent ahead, once unified and before the samples are merged;
// the answer is the order its samples use them in and its label strings; the samples are then written and
// deflated there once the caller has numbered them (writeHeld; fleetWrite.ts).
import type { DecodedProfile } from '../model/profile/profile';
import type { ProfileHeader } from '../model/profile/mergeHeaders';
import type { LocationTables } from '../model/profile/mergeLocations';
import type { SampleColumns } from '../model/profile/encodeSamples';
import type { PackedLabels } from '../protocol/packedLabels';
import type { TopPart, TopPartQuery } from '../model/report/topParts';

/** A merge as it crosses back: its label strings packed (a fleet's carry an `instance` on every sample). */
export type PackedMerge = Omit<DecodedProfile, 'labelKey' | 'labelStr' | 'labelUnit'> & { readonly labels: PackedLabels };

export type MergeJob =
  | { readonly kind: 'merge'; readonly id: number; readonly inputs: readonly Uint8Array[]; readonly instances?: readonly string[] }
  | { readonly kind: 'write'; readonly id: number; readonly samples: SampleColumns; readonly level: number }
  | { readonly kind: 'top'; readonly id: number; readonly inputs: readonly Uint8Array[]; readonly next: Int32Array; readonly query: TopPartQuery }
  | { readonly kind: 'topFinish'; readonly id: number; readonly inlined: readonly string[] }
  | { readonly kind: 'mergeHeld'; readonly id: number; readonly inputs: readonly Uint8Array[]; readonly instances: readonly string[] }
  | { readonly kind: 'writeHeld'; readonly id: number; readonly held: HeldNumbers; readonly level: number };

type Nothing<K extends string> = { readonly [k in K]?: undefined };
type Answer = 'merged' | 'written' | 'part' | 'inlined' | 'held' | 'unified';

export type MergeReply =
  | ({ readonly id: number; readonly merged: PackedMerge; readonly headers: readonly ProfileHeader[]; readonly renamed: readonly string[] } & Nothing<Exclude<Answer, 'merged'>>)
  | ({ readonly id: number; readonly written: Written } & Nothing<Exclude<Answer, 'written'>>)
  | ({ readonly id: number; readonly inlined: readonly string[]; readonly headers: readonly IndexedHeader[] } & Nothing<Exclude<Answer, 'inlined'>>)
  | ({ readonly id: number; readonly part: TopPart } & Nothing<Exclude<Answer, 'part'>>)
  | ({ readonly id: number; readonly held: HeldMerge; readonly headers: readonly ProfileHeader[]; readonly renamed: readonly string[] } & Nothing<Exclude<Answer, 'held'>>)
  | ({ readonly id: number; readonly unified: LocationTables } & Nothing<Exclude<Answer, 'unified'>>)
  | ({ readonly id: number } & Nothing<Answer>);

/**
 * The merge the thread holds, as the caller needs it to number what it uses: its locations in the order its
 * samples first use them (`order[i]`: the id in the tables sent ahead, `unified`), and its label strings
 * in the order a writer of its samples asks for them (SampleMerger.holdSamples).
 */
export interface HeldMerge {
  readonly order: Int32Array;
  readonly sampleCount: number;
  readonly labelStrings: readonly string[];
}

/** What the caller gives the held merge's samples: each location's number, and each of the label strings' (in their order). */
export interface HeldNumbers {
  readonly locations: Int32Array;
  readonly strings: Int32Array;
}

/** The header of the file at `index` among a top's files. */
export interface IndexedHeader {
  readonly index: number;
  readonly header: ProfileHeader;
}

/** Samples written (profile.proto) and deflated as the end of a deflate stream, in pieces; the CRC-32 and length of what was written. */
export interface Written {
  readonly deflated: readonly Uint8Array[];
  readonly crc: number;
  readonly size: number;
}

/** The typed arrays' buffers of a merge, which the reply moves rather than copies. */
export function profileBuffers(p: PackedMerge): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  for (const v of [...Object.values(p), ...Object.values(p.labels)]) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) found.add(v.buffer);
  return [...found];
}
