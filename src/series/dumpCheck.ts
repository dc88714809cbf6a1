// A goroutine `?debug=2` answer, checked on the host before it is saved: it must be the text dump
// (`goroutine 1 [running]:` first), not an empty body, a login page or a profile.
import { CaptureError, excerpt } from '../capture/captureError';
import { sniffText } from '../model/decode/sniffBytes';

export function checkGoroutineDump(url: string, bytes: Uint8Array): void {
  if (bytes.length === 0) throw new CaptureError('empty', `${url} answered with an empty body: is this a /debug/pprof/goroutine endpoint?`);
  const text = sniffText(bytes);
  if (text?.kind === 'html') throw new CaptureError('html', `${url} returned an HTML page, not a goroutine dump: a login page or proxy may be in the way`);
  if (!text) throw new CaptureError('notProfile', `${url} returned binary data, not the goroutine dump that debug=2 asks for: is a proxy rewriting the query?`);
  if (!/^goroutine \d+ \[/.test(text.firstLine)) {
    throw new CaptureError('notProfile', `${url} returned text that is not a debug=2 goroutine dump (it starts with ${excerpt(text.firstLine, 60)})`);
  }
}
