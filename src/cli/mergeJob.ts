// What the CLI's merge thread is asked and answers (parallelMerge.ts, mergeWorker.ts): the bytes of some of
// the files, and their merge with each file's header, or that it failed (the caller then merges every file
// itself, so that the message is the one a merge on one thread gives).
import type { DecodedProfile } from '../model/profile/profile';
import type { ProfileHeader } from '../model/profile/mergeHeaders';

export interface MergeJob {
  readonly id: number;
  readonly inputs: readonly Uint8Array[];
}

export type MergeReply =
  | { readonly id: number; readonly merged: DecodedProfile; readonly headers: readonly ProfileHeader[] }
  | { readonly id: number; readonly merged?: undefined };

/** The typed arrays' buffers of a merged profile, which the reply moves rather than copies. */
export function profileBuffers(p: DecodedProfile): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  for (const v of Object.values(p)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) found.add(v.buffer);
  return [...found];
}
