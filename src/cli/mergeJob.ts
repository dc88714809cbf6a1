// What the merge thread is asked and answers (parallelMerge.ts, parallelGzip.ts, mergeWorker.ts): the bytes
// of some of the files, with the instance each one's samples are labelled with (none for the CLI), and
// their merge with each file's header, or that it failed (the caller then merges every file itself, so
// that the message is the one a merge on one thread gives); or a part of a profile's bytes to deflate.
import type { DecodedProfile } from '../model/profile/profile';
import type { ProfileHeader } from '../model/profile/mergeHeaders';

export type MergeJob =
  | { readonly kind: 'merge'; readonly id: number; readonly inputs: readonly Uint8Array[]; readonly instances?: readonly string[] }
  | { readonly kind: 'deflate'; readonly id: number; readonly bytes: Uint8Array; readonly level: number };

export type MergeReply =
  | { readonly id: number; readonly merged: DecodedProfile; readonly headers: readonly ProfileHeader[]; readonly renamed: readonly string[]; readonly deflated?: undefined }
  | { readonly id: number; readonly deflated: Uint8Array; readonly merged?: undefined }
  | { readonly id: number; readonly merged?: undefined; readonly deflated?: undefined };

/** The typed arrays' buffers of a merged profile, which the reply moves rather than copies. */
export function profileBuffers(p: DecodedProfile): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  for (const v of Object.values(p)) if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer) found.add(v.buffer);
  return [...found];
}
