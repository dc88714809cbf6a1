// A goroutine dump, whatever form it was saved in, grouped by identical stack and state: `debug=2` text
// (states, wait minutes, creators), `debug=1` text and goroutine profiles (stacks and counts only). The
// form is told by the bytes, never by the file name.
import { loadProfile } from '../decode/loadProfile';
import { isGzip, sniffText } from '../decode/sniffBytes';
import { ProfileError, type Profile } from '../profile/profile';
import { GoroutineGrouper } from './goroutineGroups';
import { readDebug2 } from './goroutineDebug2';
import { readDebug1 } from './goroutineDebug1';
import type { GoroutineDump } from './goroutineTypes';

const HINT = 'save one from /debug/pprof/goroutine?debug=2 (or debug=1, or the goroutine profile)';

function refuse(why: string): never {
  throw new ProfileError(`not a goroutine dump: ${why}; ${HINT}`);
}

/** Throws a ProfileError with a one-line "not a goroutine dump: …" for anything else. */
export function groupGoroutines(input: Uint8Array): GoroutineDump {
  if (input.length === 0) refuse('the file is empty');
  if (isGzip(input)) return fromProfile(input);
  const bytes = asUtf8(input);
  const sniff = sniffText(bytes);
  if (!sniff) return fromProfile(bytes);
  const grouper = new GoroutineGrouper();
  if (/^goroutine(leak)? profile:/.test(sniff.firstLine)) {
    let stated: number;
    try {
      stated = readDebug1(new TextDecoder('utf-8').decode(bytes), grouper);
    } catch (e) {
      refuse(`debug=1 text, ${(e as Error).message}`);
    }
    const dump = grouper.finish('debug1');
    if (stated !== dump.total) refuse(`the first line says ${stated} goroutines but the stacks hold ${dump.total}, so the file may be cut short`);
    return dump;
  }
  // A panic or a crash log prints its message before the goroutines: text before the first header is skipped.
  if (sniff.kind !== 'goroutineDump' && sniff.kind !== 'text') refuse(`it starts with ${quote(sniff.firstLine)}`);
  if (readDebug2(bytes, grouper) === 0) refuse(`no "goroutine N [state]:" line; it starts with ${quote(sniff.firstLine)}`);
  return grouper.finish('debug2');
}

/**
 * The dump as UTF-8 without a byte order mark. A dump saved by a Windows shell's redirection is UTF-16 with
 * a BOM (PowerShell 5's `>`); re-encoded, it reads like any other.
 */
function asUtf8(bytes: Uint8Array): Uint8Array {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextEncoder().encode(new TextDecoder('utf-16le').decode(bytes.subarray(2)));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextEncoder().encode(new TextDecoder('utf-16be').decode(bytes.subarray(2)));
  return bytes;
}

function quote(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}

function fromProfile(bytes: Uint8Array): GoroutineDump {
  let p: Profile;
  try {
    p = loadProfile(bytes);
  } catch (e) {
    refuse(e instanceof Error ? e.message : String(e));
  }
  const index = p.sampleTypes.findIndex((t) => t.type === 'goroutine' || t.type === 'goroutineleak');
  if (index < 0) refuse(`a profile of ${p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ') || 'no sample type'}`);
  const grouper = new GoroutineGrouper();
  const nt = p.sampleTypes.length;
  // A location's frames, innermost first (a Location with several Lines is inlining), made once.
  const locFrames = new Array<readonly number[] | undefined>(p.locationCount);
  const framesOf = (loc: number): readonly number[] => {
    let ids = locFrames[loc];
    if (ids) return ids;
    const out: number[] = [];
    const from = p.locLineStart[loc];
    const to = p.locLineStart[loc + 1];
    if (from === to) out.push(grouper.frame(`0x${p.locAddress[loc].toString(16)}`, '', 0));
    for (let j = from; j < to; j++) {
      const fn = p.lineFunction[j];
      out.push(grouper.frame(fn >= 0 ? p.funcName[fn] : '', fn >= 0 ? p.funcFile[fn] : '', p.lineNumber[j]));
    }
    locFrames[loc] = ids = out;
    return ids;
  };
  for (let s = 0; s < p.sampleCount; s++) {
    const count = p.sampleValues[s * nt + index];
    if (count === 0) continue;
    const frames: number[] = [];
    for (let k = p.sampleLocStart[s]; k < p.sampleLocStart[s + 1]; k++) frames.push(...framesOf(p.sampleLocs[k]));
    grouper.add(count, null, false, null, -1, frames);
  }
  return grouper.finish('profile');
}

