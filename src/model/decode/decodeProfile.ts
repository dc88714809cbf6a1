// Bytes → Profile. gzip is recognised by its magic bytes, never by a file name.
import { readWireColumns, type DecodeHow } from './readWireColumns';
import { gunzip } from './inflate';
import { DecodedProfile, ProfileError } from '../profile/profile';
import { resolveWireIds } from './resolveWireIds';
import { keepShape } from '../base/keepShape';
import { isGzip, sniffText, TextSniff } from './sniffBytes';

const MB = 1024 * 1024;

/** Inflated profiles larger than this are refused rather than exhausting memory (a gzip bomb). */
export function inflateLimit(compressedBytes: number): number {
  return Math.min(2048 * MB, Math.max(256 * MB, compressedBytes * 64));
}

export function decodeProfile(input: Uint8Array, how: DecodeHow = {}): DecodedProfile {
  if (input.length === 0) throw new ProfileError('the file is empty; expected a pprof profile (gzip or protobuf)');
  let bytes = input;
  if (isGzip(input)) {
    try {
      bytes = gunzip(input, inflateLimit(input.length));
    } catch (e) {
      throw gzipError(e);
    }
    if (bytes.length === 0) throw new ProfileError('the gzip stream is empty; expected a pprof profile inside it');
  }
  const text = sniffText(bytes);
  if (text) throw new ProfileError(textMessage(text));
  try {
    return resolveWireIds(readWireColumns(bytes, how));
  } catch (e) {
    if (e instanceof ProfileError) throw e;
    throw new ProfileError(`corrupt protobuf: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function gzipError(e: unknown): ProfileError {
  const msg = e instanceof Error ? e.message : String(e);
  if (/unexpected end of file/i.test(msg)) return new ProfileError('truncated gzip stream: the file ends before the compressed data does (was the download cut short?)');
  if (/buffer|maxOutputLength|Cannot create a Buffer larger/i.test(msg)) {
    return new ProfileError('the gzip stream inflates to more than the size limit; this is not a profile that can be opened safely');
  }
  return new ProfileError(`corrupt gzip stream: ${msg}`);
}

function textMessage(text: TextSniff): string {
  switch (text.kind) {
    case 'html':
      return 'this is an HTML page, not a pprof profile; check that the URL points at a /debug/pprof/<profile> endpoint';
    case 'goroutineDump':
      return 'this is a text goroutine dump (debug=1 or debug=2), not a protobuf profile; capture it without the debug parameter';
    case 'legacyProfile':
      return 'this is a legacy text profile; convert it with `go tool pprof -proto` first';
    case 'text':
      return `this is a text file, not a pprof profile (it starts with ${JSON.stringify(text.firstLine.slice(0, 60))})`;
  }
}

// See shapes.ts. The kept profile holds fractions where a profile's numbers may exceed 2^31, so that its
// shape is already the most general one and a real profile never moves to another.
const keeper = readWireColumns(new Uint8Array(0));
keeper.timeNanos = keeper.durationNanos = keeper.period = 0.5;
keepShape(resolveWireIds(keeper));
