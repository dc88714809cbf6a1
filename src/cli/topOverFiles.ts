// The CLI's `top` over several files without their merge (model/report/topParts.ts): this thread and the
// merge thread each make the top of the files they take, then this one joins the two.
// Whenever the merge could give another answer (topParts.ts says when), or anything fails on the way (a
// bad file, files that cannot be merged, a bad option, a thread that died), the answer is undefined, and
// the caller merges the files as before, so that its numbers and messages are the merge's.
import { decodeProfile } from '../model/decode/decodeProfile';
import { checkCompatible, combineHeaders, headerOf, type ProfileHeader } from '../model/profile/mergeHeaders';
import type { DecodedProfile, ValueType } from '../model/profile/profile';
import { isGranularity, type Filters, type TopRow } from '../model/profile/queries';
import { sampleIndexByName } from '../model/profile/sampleTypeLookup';
import { partRows, renderPartRows } from '../model/report/topPartRows';
import { TopPartBuilder, type TopPart, type TopPartQuery } from '../model/report/topParts';
import { deadlineAfter, defaultWorkerPath, send, type Sent } from './mergeThread';

export interface TopQuestion {
  /** --sample_index as given. */
  readonly sampleIndex: string | undefined;
  /** --granularity as given (undefined: functions). */
  readonly granularity: string | undefined;
  readonly filters: Filters;
  readonly unit: string | undefined;
  readonly json: boolean;
  readonly timeZone?: string;
}

export interface TopOverFilesOptions {
  /** The merge thread's script: by default mergeWorker.js beside this bundle; without one, this thread does every file. */
  readonly workerPath?: string;
  /** Below this many bytes in all, this thread does every file. */
  readonly minBytes?: number;
}

/** What a test can see: how many tops were made without a merge, and how many of those on two threads. */
export const topCounts = { joined: 0, twoThreads: 0 };

/** The text (or --json) of `top` over the files, or undefined when the caller must merge them. */
export function topOverFiles(bytes: readonly Uint8Array[], question: TopQuestion, options: TopOverFilesOptions = {}): string | undefined {
  const granularity = question.granularity ?? 'functions';
  if (bytes.length < 2 || !isGranularity(granularity) || granularity === 'addresses') return undefined;
  let sent: Sent | undefined;
  const path = options.workerPath ?? defaultWorkerPath();
  try {
    const first = decodeProfile(bytes[0]);
    const sampleIndex = sampleIndexByName(first, question.sampleIndex);
    const query: TopPartQuery = { sampleIndex, granularity, filters: question.filters, dropFrames: first.dropFrames, keepFrames: first.keepFrames };
    let total = 0;
    for (const b of bytes) total += b.byteLength;
    // The files are taken one at a time from a shared counter by this thread and the merge thread, so
    // that each does as much as it can (the other may start late, or share its core).
    const next = new Int32Array(new SharedArrayBuffer(4));
    next[0] = 1;
    if (total >= (options.minBytes ?? 4 << 20)) sent = send(path, { kind: 'top', inputs: shared(bytes, total), next, query });
    const started = performance.now();
    const builder = new TopPartBuilder(query);
    const headers: ProfileHeader[] = [];
    for (let i = 0; i < bytes.length; i = Atomics.add(next, 0, 1)) {
      const p: DecodedProfile = i === 0 ? first : decodeProfile(bytes[i]);
      headers[i] = headerOf(p);
      // Profiles that cannot be merged: the merge says so.
      checkCompatible([{ profile: headers[0] }, { profile: headers[i] }], 'merge');
      builder.addProfile(p, i);
    }
    if (sent) {
      // The other thread's headers and inlined nodes; then each thread's tops with the edges into the nodes inlined in either.
      const theirs = sent.wait(deadlineAfter(started));
      if (!theirs?.inlined) return undefined;
      for (const { index, header } of theirs.headers) headers[index] = header;
      checkCompatible(headers.map((profile) => ({ profile })), 'merge');
      const second = send(path, { kind: 'topFinish', inlined: builder.inlinedKeys() });
      if (!second) return undefined;
      builder.finishFiles(theirs.inlined);
      const reply = second.wait(deadlineAfter(started));
      if (!reply?.part) return undefined;
      builder.addPart(reply.part);
    } else builder.finishFiles([]);
    if (headers.length !== bytes.length || headers.includes(undefined as unknown as ProfileHeader)) return undefined;
    checkCompatible(headers.map((profile) => ({ profile })), 'merge');
    const header = combineHeaders(headers);
    // The merge's default sample type may come from a later file.
    if (sampleIndexByName(header, question.sampleIndex) !== sampleIndex) return undefined;
    const part = builder.finish();
    if (part.inexact) return undefined;
    topCounts.joined++;
    if (sent) topCounts.twoThreads++;
    return answer(part, header, sampleIndex, granularity, question);
  } catch {
    return undefined;
  }
}

/** The files in one block of shared memory: one copy, which the other thread reads without a second (a structured clone copies twice). */
function shared(bytes: readonly Uint8Array[], total: number): Uint8Array[] {
  const block = new Uint8Array(new SharedArrayBuffer(total));
  let at = 0;
  return bytes.map((b) => {
    block.set(b, at);
    at += b.byteLength;
    return block.subarray(at - b.byteLength, at);
  });
}

function answer(part: TopPart, header: ReturnType<typeof combineHeaders>, sampleIndex: number, granularity: Parameters<typeof partRows>[2], q: TopQuestion): string {
  const top = partRows(part, header.sampleTypes[sampleIndex], granularity);
  if (q.json) return topJson(top.sampleType, top.total, top.rows);
  const mappings = part.mainMapping ? [part.mainMapping] : [];
  return renderPartRows({ ...header, mappings }, top, { sampleIndex, filters: q.filters, unit: q.unit, timeZone: q.timeZone });
}

/** `top --json`: the sample type, pprof's total and the rows. */
export function topJson(sampleType: ValueType, total: number, rows: readonly TopRow[]): string {
  const out = rows.map((r) => ({
    name: r.name,
    ...(r.file ? { file: r.file } : {}),
    ...(r.line !== undefined ? { line: r.line } : {}),
    ...(r.address !== undefined ? { address: `0x${r.address || '0'}` } : {}),
    flat: r.flat,
    cum: r.cum,
  }));
  return JSON.stringify({ sampleType: { type: sampleType.type, unit: sampleType.unit }, total, rows: out }) + '\n';
}
