// A cheap look at the first bytes of a response, on the host, before the worker decodes it. The look
// itself is the decoder's (model/decode/sniffBytes.ts); here it becomes a capture error with its hint.
import { sniffText } from '../model/decode/sniffBytes';
import { CaptureError, excerpt } from './captureError';
import type { CaptureRequest } from './policy';

/** Throws when the body clearly is not a profile: empty, an HTML page, or text. */
export function checkProfileBody(req: CaptureRequest, bytes: Uint8Array): void {
  if (bytes.length === 0) throw new CaptureError('empty', `${req.url} answered with an empty body: is this a /debug/pprof/<profile> endpoint?`);
  const text = sniffText(bytes);
  if (!text) return;
  if (text.kind === 'html') {
    throw new CaptureError('html', `${req.url} returned an HTML page, not a profile: point the URL at /debug/pprof/<profile>; a login page or proxy may be in the way`);
  }
  throw new CaptureError('text', `${req.url} returned text, not a profile (it starts with ${excerpt(text.firstLine, 60)}): point the URL at a /debug/pprof/<profile> endpoint without debug=1`);
}
