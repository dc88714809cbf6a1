// A cheap look at the first bytes of a response, on the host, before the worker decodes it.
// A profile is gzip (1f 8b) or raw protobuf, which always has control bytes early; text has none.
import { CaptureError, excerpt } from './captureError';
import type { CaptureRequest } from './policy';

const HEAD = 512;

export function isGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function looksLikeText(head: Uint8Array): boolean {
  for (const c of head) {
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return false;
  }
  return true;
}

/** Throws when the body clearly is not a profile: empty, an HTML page, or text. */
export function checkProfileBody(req: CaptureRequest, bytes: Uint8Array): void {
  if (bytes.length === 0) throw new CaptureError('empty', `${req.url} answered with an empty body: is this a /debug/pprof/<profile> endpoint?`);
  if (isGzipMagic(bytes)) return;
  const head = bytes.subarray(0, HEAD);
  if (!looksLikeText(head)) return;
  const text = Buffer.from(head).toString('latin1').trimStart();
  const lower = text.toLowerCase();
  if (lower.startsWith('<!doctype html') || lower.startsWith('<html') || /<(head|body|title)[\s>]/.test(lower)) {
    throw new CaptureError('html', `${req.url} returned an HTML page, not a profile: point the URL at /debug/pprof/<profile>; a login page or proxy may be in the way`);
  }
  throw new CaptureError('text', `${req.url} returned text, not a profile (it starts with ${excerpt(text.split(/\r?\n/, 1)[0], 60)}): point the URL at a /debug/pprof/<profile> endpoint without debug=1`);
}
