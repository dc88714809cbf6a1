// What the merge thread is asked and answers (parallelMerge.ts, parallelWrite.ts, mergeWorker.ts): the bytes
// of some of the files, with the instance each one's samples are labelled with (none for the CLI), and
// their merge with each file's header, or that it failed (the caller then merges every file itself, so
// that the message is the one a merge on one thread gives); or the later half of a profile's samples to
// write and deflate; or the top of several files made without their merge (the CLI's top over several
// files: topParts.ts) in two steps: first the files the thread takes from a counter shared with the caller
// are decoded, answered with their headers and the nodes inlined in them; then, told the nodes inlined in
// the caller's files, their tops, answered with the part.
import type { DecodedProfile } from '../model/profile/profile';
import type { ProfileHeader } from '../model/profile/mergeHeaders';
import type { SampleColumns } from '../model/profile/encodeSamples';
import type { PackedLabels } from '../protocol/packedLabels';
import type { TopPart, TopPartQuery } from '../model/report/topParts';

/** A merge as it crosses back: its label strings packed (a fleet's carry an `instance` on every sample). */
export type PackedMerge = Omit<DecodedProfile, 'labelKey' | 'labelStr' | 'labelUnit'> & { readonly labels: PackedLabels };

export type MergeJob =
  | { readonly kind: 'merge'; readonly id: number; readonly inputs: readonly Uint8Array[]; readonly instances?: readonly string[] }
  | { readonly kind: 'write'; readonly id: number; readonly samples: SampleColumns; readonly level: number }
  | { readonly kind: 'top'; readonly id: number; readonly inputs: readonly Uint8Array[]; readonly next: Int32Array; readonly query: TopPartQuery }
  | { readonly kind: 'topFinish'; readonly id: number; readonly inlined: readonly string[] };

export type MergeReply =
  | { readonly id: number; readonly merged: PackedMerge; readonly headers: readonly ProfileHeader[]; readonly renamed: readonly string[]; readonly written?: undefined; readonly part?: undefined; readonly inlined?: undefined }
  | { readonly id: number; readonly written: Written; readonly merged?: undefined; readonly part?: undefined; readonly inlined?: undefined }
  | { readonly id: number; readonly inlined: readonly string[]; readonly headers: readonly IndexedHeader[]; readonly merged?: undefined; readonly written?: undefined; readonly part?: undefined }
  | { readonly id: number; readonly part: TopPart; readonly merged?: undefined; readonly written?: undefined; readonly inlined?: undefined }
  | { readonly id: number; readonly merged?: undefined; readonly written?: undefined; readonly part?: undefined; readonly inlined?: undefined };

/** The header of the file at `index` among a top's files. */
export interface IndexedHeader {
  readonly index: number;
  readonly header: ProfileHeader;
}

/** Samples written (profile.proto) and deflated as the end of a deflate stream. */
export interface Written {
  readonly raw: Uint8Array;
  readonly deflated: Uint8Array;
}

/** The typed arrays' buffers of a merge, which the reply moves rather than copies. */
export function profileBuffers(p: PackedMerge): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  for (const v of [...Object.values(p), ...Object.values(p.labels)]) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) found.add(v.buffer);
  return [...found];
}
