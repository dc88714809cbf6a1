// A fleet's merge written on two threads without handing the merge thread's samples over. The merge thread
// merges the later half of the instances and holds that merge; this thread merges the first half and
// numbers its own samples' locations (they come first in the result, so their numbers do not depend on
// the others). The merge thread sends its locations and functions ahead, once unified and before it merges
// its samples, and this thread unifies them with its own meanwhile. Its answer is then the order in which
// its samples first use those locations, so that numbering them after these is a lookup and no stack of
// its needs walking here. Given those numbers and its label strings', the merge thread writes and deflates
// its samples. This thread writes and deflates its own while it waits for the answer, looking for it after
// each piece, and the head (mappings, locations, functions, strings) last, once every string is known.
// Each part is deflated on its own and they are joined in file order, head first, as one gzip member
// (gzipParts.ts). The bytes are those of the one-thread merge written whole (pprof's merge of the files,
// the same numbering and string table). It holds only when no instance of one half is in the other (a
// fleet's instances are distinct): no sample of the halves can then add up.
import { headOf, stringTable } from '../model/profile/encodeProfile';
import { encodeSamplesInPieces, sampleCountOf } from '../model/profile/encodeSamples';
import { checkCompatible } from '../model/profile/mergeHeaders';
import { ProfileError } from '../model/profile/profile';
import type { InstanceProfile } from '../model/decode/mergeInstances';
import { apart, mergeFirstHalf } from './mergeHalves';
import type { LocationTables } from '../model/profile/mergeLocations';
import type { MergeReply } from './mergeJob';
import { deadlineAfter, send, type Sent } from './mergeThread';
import { Deflating, gzipMember, nodeCrc32 } from './gzipParts';

/** A fleet's merge as the file it is saved as. */
export interface MergedBytes {
  /** profile.proto, gzipped. */
  readonly bytes: Uint8Array;
  readonly sampleCount: number;
  /** The instances whose profiles had an `instance` label of their own (kept as `instance_original`). */
  readonly renamed: string[];
}

/** How many merges were written this way (the others were not): what a test can see. */
export const fleetWriteCounts = { held: 0 };

/** The merge of `inputs` gzipped at `level`, on this thread and the one at `path`; undefined when that cannot be done (the caller merges otherwise). */
export function writeFleetOnTwoThreads(inputs: readonly InstanceProfile[], level: 1 | 6 | 9, path: string): MergedBytes | undefined {
  const crc32 = nodeCrc32;
  // This thread has more to do around the other's answer (the other's tables unified, the head written), so
  // it merges a little less than half: 24 of 50 instances of M's size (with 25, the other thread ended about
  // 115 ms before this one; 23 was no faster than 24).
  const split = Math.max(1, Math.round(inputs.length * 0.47));
  const later = inputs.slice(split);
  if (!crc32 || split === 0 || !apart(inputs.slice(0, split), later)) return undefined;
  const sent = send(path, { kind: 'mergeHeld', inputs: later.map((i) => i.bytes), instances: later.map((i) => i.instance) });
  if (!sent) return undefined;
  const started = performance.now();
  try {
    const { sources: own, merger, renamed } = mergeFirstHalf(inputs.slice(0, split), 1, true);
    const strings = stringTable(own[0].profile.sampleTypes);
    const columns = merger.ownColumns((x) => strings.of(x));
    let ids: Int32Array | undefined;
    const ahead = ({ unified }: { unified: LocationTables }) => (ids = merger.addHeldTables(unified));
    // The other thread waits for the numbers of its locations and label strings. This thread's samples need
    // none of them, so they are written and deflated meanwhile, and the answer is looked for after each piece.
    const got: { reply?: MergeReply; writing?: Sent; sent?: number } = {};
    const numberHeld = (reply: MergeReply) => {
      got.reply = reply;
      if (!reply.held || !ids) return;
      checkCompatible([...own, ...reply.headers.map((profile, i) => ({ profile, name: later[i].name }))], 'merge');
      const locations = merger.numberHeld(ids, reply.held.order);
      const laterIds = strings.numbers(reply.held.labelStrings);
      got.sent = performance.now();
      got.writing = send(path, { kind: 'writeHeld', held: { locations, strings: laterIds }, level }, [locations.buffer as ArrayBuffer, laterIds.buffer as ArrayBuffer]);
    };
    const mine = new Deflating(level, crc32);
    encodeSamplesInPieces(columns, (raw) => {
      mine.take(raw);
      const reply = got.reply ? undefined : sent.poll(ahead);
      if (reply) numberHeld(reply);
    });
    if (!got.reply) {
      // As in parallelMerge.ts: ten times this thread's time, and the other thread is taken for dead.
      const reply = sent.wait(deadlineAfter(started), ahead);
      if (!reply) return undefined;
      numberHeld(reply);
    }
    const { reply, writing } = got;
    if (!reply?.held || !writing) return undefined;
    const head = new Deflating(level, crc32);
    head.take(headOf(merger.head([...own.map((s) => s.profile), ...reply.headers]), strings));
    const answer = writing.wait(deadlineAfter(got.sent!));
    if (!answer?.written) return undefined;
    fleetWriteCounts.held++;
    return {
      bytes: gzipMember([head.written, mine.written, answer.written], level),
      sampleCount: sampleCountOf(columns) + reply.held.sampleCount,
      renamed: [...renamed, ...reply.renamed],
    };
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    return undefined;
  }
}
