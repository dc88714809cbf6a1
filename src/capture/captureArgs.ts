// The argument object of pprof: Capture Profile (DESIGN.md), checked. No vscode here.
import { CaptureError } from './captureError';
import { isProfileType, PROFILE_TYPES } from './profileTypes';
import type { CaptureSpec } from './targets';

export interface CaptureArgs {
  readonly spec: Omit<CaptureSpec, 'type'> & { readonly type?: CaptureSpec['type'] };
  readonly open: boolean;
}

/** True when the command was given an argument object rather than invoked from a menu or the palette. */
export function hasCaptureArgs(arg: unknown): arg is { url: unknown } {
  return typeof arg === 'object' && arg !== null && 'url' in arg;
}

export function parseCaptureArgs(arg: { url: unknown } & Record<string, unknown>): CaptureArgs {
  const { url, type, seconds, open, gc, name } = arg;
  if (typeof url !== 'string' || !url.trim()) throw new CaptureError('invalid', 'The argument "url" must be a non-empty string');
  if (type !== undefined && !isProfileType(type)) {
    throw new CaptureError('invalid', `The argument "type" must be one of ${PROFILE_TYPES.join(', ')}, not ${JSON.stringify(type)}`);
  }
  if (seconds !== undefined && typeof seconds !== 'number') throw new CaptureError('invalid', 'The argument "seconds" must be a number');
  if (name !== undefined && typeof name !== 'string') throw new CaptureError('invalid', 'The argument "name" must be a string');
  return { spec: { url: url.trim(), type, seconds, gc: gc === true, name }, open: open !== false };
}
