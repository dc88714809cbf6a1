// Locations and functions: tens of thousands of small messages in a big profile. As for samples, runs of
// them in the usual encoding (fields in order, no unknown fields) are read by one loop over local
// variables, and any other message goes through the general reader, which gives the precise error.
import type { RawProfile } from '../../../src/model/decode/rawProfile';
import { delimitedEnd, expectEnd, Reader, readVarint64, skipField, varintField, wrongWireType } from './wireReader';

const LOCATION = 0x22; // field 4, length-delimited
const FUNCTION = 0x2a; // field 5, length-delimited

/** Reads consecutive locations from r.pos (at a location's tag) while they are in the usual encoding. */
export function readLocationRun(r: Reader, p: RawProfile): void {
  const buf = r.buf;
  const len = r.len;
  let pos = r.pos;
  while (pos < len && buf[pos] === LOCATION) {
    const at = pos;
    r.pos = pos + 1;
    const n = readVarint64(r, false);
    pos = r.pos;
    const end = pos + n;
    if (end > len) break;
    const lines0 = p.lineFuncIds.length;
    let id = 0;
    let mapping = 0;
    let address = 0;
    let folded = 0;
    let ok = true;
    while (pos < end) {
      const tag = buf[pos++];
      if (tag === 0x22) {
        // A line: function id, then line number.
        r.pos = pos;
        const lineLength = readVarint64(r, false);
        pos = r.pos;
        const lineEnd = pos + lineLength;
        let func = 0;
        let line = 0;
        while (pos < lineEnd) {
          const t = buf[pos++];
          if (t !== 0x08 && t !== 0x10) {
            ok = false;
            break;
          }
          let v = buf[pos++];
          if (v >= 0x80) {
            r.pos = pos - 1;
            v = readVarint64(r, t === 0x10);
            pos = r.pos;
          }
          if (t === 0x08) func = v;
          else line = v;
        }
        if (!ok || pos !== lineEnd || lineEnd > end) {
          ok = false;
          break;
        }
        p.lineFuncIds.push(func);
        p.lineNumbers.push(line);
        continue;
      }
      if (tag !== 0x08 && tag !== 0x10 && tag !== 0x18 && tag !== 0x28) {
        ok = false;
        break;
      }
      let v = buf[pos++];
      if (v >= 0x80) {
        r.pos = pos - 1;
        v = readVarint64(r, false);
        pos = r.pos;
      }
      if (tag === 0x08) id = v;
      else if (tag === 0x10) mapping = v;
      else if (tag === 0x18) address = v;
      else folded = v ? 1 : 0;
    }
    if (!ok || pos !== end) {
      p.lineFuncIds.length = lines0;
      p.lineNumbers.length = lines0;
      pos = at;
      break;
    }
    p.locLineStart.push(lines0);
    p.locIds.push(id);
    p.locMappingIds.push(mapping);
    p.locAddress.push(BigInt(address));
    p.locIsFolded.push(folded);
  }
  r.pos = pos;
}

/** Reads consecutive functions from r.pos (at a function's tag) while they are in the usual encoding. */
export function readFunctionRun(r: Reader, p: RawProfile): void {
  const buf = r.buf;
  const len = r.len;
  let pos = r.pos;
  while (pos < len && buf[pos] === FUNCTION) {
    const at = pos;
    r.pos = pos + 1;
    const n = readVarint64(r, false);
    pos = r.pos;
    const end = pos + n;
    if (end > len) break;
    let id = 0;
    let name = 0;
    let systemName = 0;
    let file = 0;
    let start = 0;
    let ok = true;
    while (pos < end) {
      const tag = buf[pos++];
      if (tag !== 0x08 && tag !== 0x10 && tag !== 0x18 && tag !== 0x20 && tag !== 0x28) {
        ok = false;
        break;
      }
      let v = buf[pos++];
      if (v >= 0x80) {
        r.pos = pos - 1;
        v = readVarint64(r, tag === 0x28);
        pos = r.pos;
      }
      if (tag === 0x08) id = v;
      else if (tag === 0x10) name = v;
      else if (tag === 0x18) systemName = v;
      else if (tag === 0x20) file = v;
      else start = v;
    }
    if (!ok || pos !== end) {
      pos = at;
      break;
    }
    p.funcIds.push(id);
    p.funcStrs.push(name);
    p.funcStrs.push(systemName);
    p.funcStrs.push(file);
    p.funcStartLine.push(start);
  }
  r.pos = pos;
}

/** One location, any encoding; r.pos is just after its tag. */
export function readLocation(r: Reader, p: RawProfile): void {
  const end = delimitedEnd(r, 'a location');
  let id = 0;
  let mapping = 0;
  let address = 0;
  let folded = 0;
  p.locLineStart.push(p.lineFuncIds.length);
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1) id = varintField(r, wt);
    else if (f === 2) mapping = varintField(r, wt);
    else if (f === 3) address = varintField(r, wt);
    else if (f === 4) {
      if (wt !== 2) throw wrongWireType(r, wt);
      readLine(r, p);
    } else if (f === 5) folded = varintField(r, wt) ? 1 : 0;
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a location');
  p.locIds.push(id);
  p.locMappingIds.push(mapping);
  p.locAddress.push(BigInt(address));
  p.locIsFolded.push(folded);
}

function readLine(r: Reader, p: RawProfile): void {
  const end = delimitedEnd(r, 'a line');
  let func = 0;
  let line = 0;
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1) func = varintField(r, wt);
    else if (f === 2) line = varintField(r, wt, true);
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a line');
  p.lineFuncIds.push(func);
  p.lineNumbers.push(line);
}

/** One function, any encoding; r.pos is just after its tag. */
export function readFunction(r: Reader, p: RawProfile): void {
  const end = delimitedEnd(r, 'a function');
  let id = 0;
  let name = 0;
  let systemName = 0;
  let file = 0;
  let start = 0;
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1) id = varintField(r, wt);
    else if (f === 2) name = varintField(r, wt);
    else if (f === 3) systemName = varintField(r, wt);
    else if (f === 4) file = varintField(r, wt);
    else if (f === 5) start = varintField(r, wt, true);
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a function');
  p.funcIds.push(id);
  p.funcStrs.push(name);
  p.funcStrs.push(systemName);
  p.funcStrs.push(file);
  p.funcStartLine.push(start);
}
