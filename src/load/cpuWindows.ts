// The CPU side of a load run: one capture of the run's length, or (for the live view) consecutive short
// windows that add up to it, since a Go process runs one CPU profile at a time. Each window is fetched and
// checked as any capture is and staged in a private folder; after each one the windows so far are merged
// (in the worker) for the live view, and the last merge is the run's profile. No vscode.
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fetchCheckedProfile, type ProfileValidator } from '../capture/capture';
import type { CaptureRequest } from '../capture/policy';

export interface CpuWindowsDeps {
  /** The request for a CPU capture of `seconds`. */
  readonly requestFor: (seconds: number) => CaptureRequest;
  readonly validate: ProfileValidator;
  /** The gzipped merge of the files, as pprof merges them. */
  readonly merge: (files: readonly string[]) => Promise<Uint8Array>;
  readonly staging: string;
  readonly signal: AbortSignal;
  /** Told the merge of the windows captured so far and the seconds they cover. */
  readonly onWindow?: (merged: Uint8Array, seconds: number) => void;
}

/** The windows' lengths: `window` seconds each, the last one what is left; one window when `window` is 0. */
export function windowLengths(seconds: number, window: number): number[] {
  if (!(window > 0) || window >= seconds) return [seconds];
  const out: number[] = [];
  for (let left = seconds; left > 0; left -= window) out.push(Math.min(window, left));
  return out;
}

/** Captures `seconds` of CPU in windows of `window` seconds and returns the gzipped profile of them all. */
export async function captureCpuWindows(seconds: number, window: number, deps: CpuWindowsDeps): Promise<Uint8Array> {
  const files: string[] = [];
  let covered = 0;
  let last: Uint8Array | undefined;
  for (const [i, length] of windowLengths(seconds, window).entries()) {
    const { bytes } = await fetchCheckedProfile(deps.requestFor(length), { validate: deps.validate, signal: deps.signal });
    covered += length;
    const file = path.join(deps.staging, `window-${i + 1}.pb.gz`);
    await writeFile(file, bytes);
    files.push(file);
    last = files.length === 1 ? bytes : await deps.merge(files);
    if (covered < seconds) deps.onWindow?.(last, covered);
  }
  return last!;
}
