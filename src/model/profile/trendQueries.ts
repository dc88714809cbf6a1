// The question asked of a series of snapshots of one kind, and its answer: each node's value in every
// snapshot, and how steadily it grows. Plain data that crosses threads.
import type { ValueType } from './profile';
import type { Filters, Granularity } from './queries';

export interface TrendQuery {
  /** A sample type's name or index; absent = the first snapshot's default, as pprof picks it. */
  readonly sampleIndex?: number | string;
  readonly granularity: Granularity;
  readonly filters?: Filters;
}

export interface TrendRow {
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
  /** At addresses granularity: the location's address as TopRow has it ('' for a location without one); the name is then the frame's. */
  readonly address?: string;
  /** Per snapshot, in time order: the node's flat and cum exactly as `go tool pprof -top` gives them for that file. */
  readonly flat: readonly number[];
  readonly cum: readonly number[];
  /** flat, last snapshot minus first. */
  readonly growth: number;
  /** flat's least-squares slope, in the sample type's unit per minute. */
  readonly slope: number;
  /** Snapshot-to-snapshot steps in which flat rose, and all steps (snapshots − 1). */
  readonly ups: number;
  readonly steps: number;
  /** 0..1: 1 when flat never falls; a sawtooth that is cleared scores near 0. */
  readonly steadiness: number;
  /** The rank key, steady growth first (README: "How growth is ranked"). */
  readonly score: number;
}

export interface TrendResult {
  readonly sampleType: ValueType;
  /** Snapshot times, ms since the epoch, ascending; the files are taken in this order. */
  readonly times: readonly number[];
  /** pprof's total of each snapshot for the sample type, in time order. */
  readonly totals: readonly number[];
  /** Sorted by score, descending. */
  readonly rows: readonly TrendRow[];
}
