// Locations and functions: tens of thousands of small messages in a big profile, each read field by field
// through protobufjs's Reader. On L they take a few percent of the decode, as the hand-written loops over
// their bytes that these replaced did, so they need no loop of their own (unlike samples, readSamples.ts).
import type { RawProfile } from './rawProfile';
import { expectEnd, fieldEnd, Reader, skipField, uint64Field, varintField, wrongWireType } from './wireReader';

/** One location; r.pos is just after its tag. */
export function readLocation(r: Reader, p: RawProfile): void {
  const end = fieldEnd(r, 'a location');
  let id = 0;
  let mapping = 0;
  let address = 0n;
  let folded = 0;
  p.locLineStart.push(p.lineFuncIds.length);
  while (r.pos < end) {
    const tag = r.tag();
    const wt = tag & 7;
    const f = tag >>> 3;
    if (f === 1) id = varintField(r, wt);
    else if (f === 2) mapping = varintField(r, wt);
    else if (f === 3) address = uint64Field(r, wt);
    else if (f === 4) {
      if (wt !== 2) throw wrongWireType(r, wt);
      readLine(r, p);
    } else if (f === 5) folded = varintField(r, wt) ? 1 : 0;
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a location');
  p.locIds.push(id);
  p.locMappingIds.push(mapping);
  p.locAddress.push(address);
  p.locIsFolded.push(folded);
}

function readLine(r: Reader, p: RawProfile): void {
  const end = fieldEnd(r, 'a line');
  let func = 0;
  let line = 0;
  while (r.pos < end) {
    const tag = r.tag();
    const wt = tag & 7;
    const f = tag >>> 3;
    if (f === 1) func = varintField(r, wt);
    else if (f === 2) line = varintField(r, wt, true);
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a line');
  p.lineFuncIds.push(func);
  p.lineNumbers.push(line);
}

/** One function; r.pos is just after its tag. */
export function readFunction(r: Reader, p: RawProfile): void {
  const end = fieldEnd(r, 'a function');
  let id = 0;
  let name = 0;
  let systemName = 0;
  let file = 0;
  let start = 0;
  while (r.pos < end) {
    const tag = r.tag();
    const wt = tag & 7;
    const f = tag >>> 3;
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
