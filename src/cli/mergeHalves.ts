// What the two-thread merges (parallelMerge.ts, fleetWrite.ts) share: when a fleet's halves can be kept
// apart, and this thread's half of the files decoded, labelled and merged.
import { decodeSide } from '../model/decode/loadProfile';
import { instanceSource, type InstanceProfile } from '../model/decode/mergeInstances';
import { mergerFor, type MergeSource, type SampleMerger } from '../model/profile/mergeProfiles';

/** Whether every input has an instance, and no instance of `a` is one of `b`'s. */
export function apart(a: readonly InstanceProfile[], b: readonly InstanceProfile[]): boolean {
  const ours = new Set(a.map((i) => i.instance));
  return !ours.has('') && b.every((i) => i.instance !== '' && !ours.has(i.instance));
}

/**
 * The first half of the files merged here, in columns with room for `room` times its samples; its sources
 * hashed apart when they are sourcesApart and `mayHashApart` (the other half will be appended apart).
 */
export function mergeFirstHalf(inputs: readonly InstanceProfile[], room: number, mayHashApart: boolean): { sources: MergeSource[]; merger: SampleMerger; renamed: string[] } {
  const renamed: string[] = [];
  const sources = inputs.map(({ bytes, instance, name }) => instanceSource(decodeSide(bytes, name), instance, name, renamed));
  const merger = mergerFor(sources, 'merge', { room, mayHashApart });
  for (const s of sources) merger.add(s);
  return { sources, merger, renamed };
}
