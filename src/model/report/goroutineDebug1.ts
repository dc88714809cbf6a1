// The debug=1 form of /debug/pprof/goroutine (the profile's records, by stack and labels), as
// runtime/pprof prints it:
//   goroutine profile: total 21
//   10 @ 0x4399d6 0x40653b …
//   # labels: {"handler":"park"}
//   #\t0x6a4a24\tmain.parkedWaiter+0x24\texample.com/goapp/main.go:195
// Go 1.26's goroutineleak profile (/debug/pprof/goroutineleak) prints the leaked goroutines the same ways.
// (The debug=2 form is read from its bytes: goroutineDebug2.ts.)
import type { GoroutineGrouper } from './goroutineGroups';

const TAB = 9;
const SPACE = 32;
const HASH = 35;
const ZERO = 48;
const NINE = 57;
const CR = 13;

/** The text's lines, `\r\n` or `\n`, without their ends; calls `line` for each. */
function forEachLine(text: string, line: (s: string) => boolean | void): void {
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    const stop = end > start && text.charCodeAt(end - 1) === CR ? end - 1 : end;
    if (line(text.slice(start, stop)) === false) return;
    start = end + 1;
  }
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/**
 * Where `file:line` ends in a position (`file:line +0x25`): after the digits that follow its last colon (a
 * Windows drive's colon comes first); -1 when it names no position.
 */
function positionEnd(text: string, from: number, end: number): number {
  let colon = end - 1;
  while (colon > from && text.charCodeAt(colon) !== 58 /* : */) colon--;
  if (colon <= from) return -1;
  let i = colon + 1;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  if (i === colon + 1 || (i < end && text.charCodeAt(i) !== SPACE)) return -1;
  return i;
}

/** `file:line` of a debug=1 frame's last column. */
function position(s: string): string | undefined {
  const end = positionEnd(s, 0, s.length);
  return end < 0 ? undefined : s.slice(0, end);
}

/** Reads a debug=1 dump into the grouper; returns the total its first line states. */
export function readDebug1(text: string, into: GoroutineGrouper): number {
  let stated = -1;
  let count = 0;
  let frames: number[] = [];
  let lineNo = 0;
  const flush = () => {
    if (count > 0) into.add(count, null, false, null, -1, frames);
    count = 0;
    frames = [];
  };
  forEachLine(text, (s) => {
    lineNo++;
    if (stated < 0) {
      if (s.length === 0) return;
      // Go 1.26's goroutineleak profile prints the same records under its own name.
      const m = /^goroutine(?:leak)? profile: total (\d+)$/.exec(s);
      if (!m) throw new Error(`line ${lineNo}: expected "goroutine profile: total N"`);
      stated = Number(m[1]);
      return;
    }
    if (s.length === 0) {
      flush();
      return;
    }
    const c = s.charCodeAt(0);
    if (c === HASH) {
      if (count === 0 || s.charCodeAt(1) !== TAB) return; // `# labels: …`
      // #\t0xADDR\tname+0xOFF\t\tfile:line, the columns padded with tabs.
      const fields = s.split('\t').filter((f) => f.length > 0);
      if (fields.length < 3) return;
      const fn = fields[2];
      const plus = fn.lastIndexOf('+0x');
      const name = plus > 0 ? fn.slice(0, plus) : fn;
      frames.push(into.frameAt(name, (fields.length > 3 && position(fields.slice(3).join('\t'))) || ''));
      return;
    }
    if (isDigit(c)) {
      flush();
      const at = s.indexOf(' @');
      if (at < 0) throw new Error(`line ${lineNo}: expected "N @ 0x…"`);
      count = Number(s.slice(0, at));
      return;
    }
    if (c === SPACE) return;
    throw new Error(`line ${lineNo}: unexpected ${JSON.stringify(s.slice(0, 40))}`);
  });
  flush();
  return stated;
}
