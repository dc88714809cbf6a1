// The two text forms of /debug/pprof/goroutine, read in one pass over the lines with character tests (a
// dump of 100,000 goroutines has millions of lines). Their shapes are those runtime/traceback.go and
// runtime/pprof print:
//
// debug=2 (runtime.Stack of every goroutine), blocks separated by a blank line:
//   goroutine 18 [chan receive, 12 minutes, locked to thread]:      (Go 1.23+ may add ` gp=0x… m=…` before `[`)
//   main.parkedWaiter(0x0?)                                          (inlined: `(...)`; no arguments: `()`)
//   \texample.com/goapp/main.go:195 +0x25                            (` +0x…` absent for inlined frames; ` fp=… sp=… pc=…` at GOTRACEBACK=system)
//   ...additional frames elided...                                   (Go 1.21+: `...N frames elided...`)
//   created by main.handlePark in goroutine 1                        (` in goroutine N` since Go 1.21)
//   \texample.com/goapp/main.go:212 +0x57
//
// debug=1 (the profile's records, by stack and labels):
//   goroutine profile: total 21
//   10 @ 0x4399d6 0x40653b …
//   # labels: {"handler":"park"}
//   #\t0x6a4a24\tmain.parkedWaiter+0x24\texample.com/goapp/main.go:195
import type { GoroutineGrouper } from './goroutineGroups';

const TAB = 9;
const SPACE = 32;
const HASH = 35;
const DOT = 46;
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

/** `goroutine N …[…]:` */
export function isDebug2Header(s: string): boolean {
  return s.startsWith('goroutine ') && isDigit(s.charCodeAt(10)) && s.endsWith(']:') && s.indexOf('[') > 10;
}

/** A function line's name: its argument list, the last parenthesised group, cut off; a receiver `(*T)` stays. */
function functionName(s: string): string {
  if (s.charCodeAt(s.length - 1) === 41 /* ) */) {
    const open = s.lastIndexOf('(');
    if (open > 0) return s.slice(0, open);
  }
  return s.trim();
}

/** `\tfile:line +0x25 fp=…`: the file and line, or undefined when the line names no position. */
function position(s: string, from: number): { file: string; line: number } | undefined {
  let end = s.indexOf(' +0x', from);
  if (end < 0) end = s.indexOf(' fp=', from);
  if (end < 0) end = s.length;
  const colon = s.lastIndexOf(':', end - 1);
  if (colon <= from) return undefined;
  let line = 0;
  for (let i = colon + 1; i < end; i++) {
    const c = s.charCodeAt(i);
    if (!isDigit(c)) return undefined;
    line = line * 10 + (c - ZERO);
  }
  if (colon + 1 === end) return undefined;
  return { file: s.slice(from, colon), line };
}

interface Header {
  readonly state: string;
  readonly wait: number | null;
  readonly locked: boolean;
}

/** The bracket of `goroutine N [state, M minutes, locked to thread]:`. */
function parseHeader(s: string): Header {
  const inner = s.slice(s.indexOf('[') + 1, s.length - 2);
  const parts = inner.split(', ');
  let state = parts[0];
  if (state.endsWith(' (scan)')) state = state.slice(0, -7);
  let wait: number | null = null;
  let locked = false;
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i];
    if (p === 'locked to thread') locked = true;
    else if (p.endsWith(' minutes') && isDigit(p.charCodeAt(0))) wait = parseInt(p, 10);
    // Others (a synctest bubble, say) do not change what the goroutine waits for.
  }
  return { state, wait, locked };
}

/** Reads a debug=2 dump into the grouper; returns the number of goroutines read. */
export function readDebug2(text: string, into: GoroutineGrouper): number {
  let inGoroutine = false;
  let header: Header = { state: '', wait: null, locked: false };
  let frames: number[] = [];
  let pendingName: string | undefined;
  let creatorName: string | undefined;
  let createdBy = -1;
  /** After `[originating from goroutine N]:` the frames are an ancestor's, not this goroutine's. */
  let ancestors = false;
  let count = 0;

  const finish = () => {
    if (!inGoroutine) return;
    into.add(1, header.state, header.locked, header.wait, createdBy, frames);
    count++;
    inGoroutine = false;
  };

  forEachLine(text, (s) => {
    if (s.length === 0) {
      finish();
      return;
    }
    const c = s.charCodeAt(0);
    if (c === TAB) {
      if (!inGoroutine || ancestors) return;
      const pos = position(s, 1);
      if (pendingName !== undefined) {
        frames.push(into.frame(pendingName, pos?.file ?? '', pos?.line ?? 0));
        pendingName = undefined;
      } else if (creatorName !== undefined) {
        createdBy = into.frame(creatorName, pos?.file ?? '', pos?.line ?? 0);
        creatorName = undefined;
      }
      // Otherwise a note such as `goroutine running on other thread; stack unavailable`.
      return;
    }
    if (c === 103 /* g */ && isDebug2Header(s)) {
      finish();
      inGoroutine = true;
      header = parseHeader(s);
      frames = [];
      pendingName = creatorName = undefined;
      createdBy = -1;
      ancestors = false;
      return;
    }
    if (!inGoroutine || ancestors) return;
    if (pendingName !== undefined) {
      // A function line whose position line never came.
      frames.push(into.frame(pendingName, '', 0));
      pendingName = undefined;
    }
    if (c === DOT && s.startsWith('...')) return;
    if (c === 99 /* c */ && s.startsWith('created by ')) {
      const at = s.indexOf(' in goroutine ', 11);
      creatorName = s.slice(11, at < 0 ? undefined : at);
      return;
    }
    if (c === 91 /* [ */ && s.startsWith('[originating from goroutine')) {
      ancestors = true;
      return;
    }
    pendingName = functionName(s);
  });
  if (pendingName !== undefined) frames.push(into.frame(pendingName, '', 0));
  finish();
  return count;
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
      const m = /^goroutine profile: total (\d+)$/.exec(s);
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
      const pos = fields.length > 3 ? position(fields.slice(3).join('\t'), 0) : undefined;
      frames.push(into.frame(name, pos?.file ?? '', pos?.line ?? 0));
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
