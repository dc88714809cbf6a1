// Samples: the bulk of a big profile (one varint per frame). A run of well-formed samples is read by one
// tight loop over local variables; anything unusual (a long varint, a location id 0 or above 2^28, an
// unknown field, bad lengths) sends that one sample through the general reader, which also gives the
// precise error for a broken one.
import type { RawProfile } from '../../../src/model/decode/rawProfile';
import { ProfileError } from '../../../src/model/profile/profile';
import { delimitedEnd, expectEnd, Reader, readVarint64, skipField, varintField, wrongWireType } from './wireReader';

/**
 * Location ids are stored as id - 1, so that with the usual ids 1..N they already are location indices.
 * Id 0 is stored as -1 and an id above 2^31-1 as -(k+2), with the id in bigLocIds[k].
 */
export function pushLocationId(p: RawProfile, id: number): void {
  if (id >= 1 && id <= 0x7fffffff) {
    p.sampleLocIds.push(id - 1);
    if (id > p.maxLocId) p.maxLocId = id;
  } else if (id === 0) {
    p.sampleLocIds.push(-1);
    p.oddLocIds = true;
  } else {
    p.oddLocIds = true;
    p.bigLocIds.push(id);
    p.sampleLocIds.push(-p.bigLocIds.length - 1);
  }
}

/** Reads consecutive samples from r.pos (at a sample's tag) while they are well-formed and common. */
export function readSampleRun(r: Reader, p: RawProfile): void {
  const buf = r.buf;
  const len = r.len;
  const ids = p.sampleLocIds;
  const vals = p.sampleValues;
  const locStart = p.sampleLocStart;
  const valStart = p.sampleValueStart;
  const labelStart = p.labelStart;
  let idData = ids.data;
  let valData = vals.data;
  let nIds = ids.length;
  let nVals = vals.length;
  let maxId = p.maxLocId;
  let pos = r.pos;
  while (pos < len && buf[pos] === 0x12) {
    const at = pos;
    if (pos + 3 > len) break;
    let n = buf[pos + 1];
    pos += 2;
    if (n >= 0x80) {
      const b = buf[pos++];
      if (b >= 0x80) break;
      n = (n & 0x7f) | (b << 7);
    }
    const end = pos + n;
    if (end > len) break;
    // A sample of n bytes has fewer than n ids and n values.
    if (nIds + n > idData.length) {
      ids.length = nIds;
      ids.reserve(n);
      idData = ids.data;
    }
    if (nVals + n > valData.length) {
      vals.length = nVals;
      vals.reserve(n);
      valData = vals.data;
    }
    const ids0 = nIds;
    const vals0 = nVals;
    const labels0 = p.labelKey.length;
    let ok = true;
    let low = 0;
    while (pos < end && ok) {
      const tagAt = pos;
      const tag = buf[pos];
      if (tag === 0x10) {
        // One value, not packed (as some C++ profilers write them).
        r.pos = pos + 1;
        valData[nVals++] = readVarint64(r, true);
        pos = r.pos;
        continue;
      }
      if (pos + 2 >= end) {
        ok = false;
        break;
      }
      let m = buf[pos + 1];
      pos += 2;
      if (m >= 0x80) {
        const b = buf[pos++];
        if (b >= 0x80) {
          ok = false;
          break;
        }
        m = (m & 0x7f) | (b << 7);
      }
      const pend = pos + m;
      if (pend > end) {
        ok = false;
        break;
      }
      if (tag === 0x0a) {
        // Location ids, packed. Ids of up to 4 bytes are read here.
        while (pos < pend) {
          let b = buf[pos++];
          let v = b & 0x7f;
          if (b >= 0x80) {
            b = buf[pos++];
            v |= (b & 0x7f) << 7;
            if (b >= 0x80) {
              b = buf[pos++];
              v |= (b & 0x7f) << 14;
              if (b >= 0x80) {
                b = buf[pos++];
                v |= (b & 0x7f) << 21;
                if (b >= 0x80) {
                  ok = false;
                  break;
                }
              }
            }
          }
          // Id 0 makes `low` negative; the general reader takes the sample then.
          low |= v - 1;
          idData[nIds++] = v - 1;
          if (v > maxId) maxId = v;
        }
        ok = ok && pos === pend && low >= 0;
      } else if (tag === 0x12) {
        // Values, packed; a value of 5 or more bytes (or negative) is read by the general varint reader.
        while (pos < pend) {
          const from = pos;
          let b = buf[pos++];
          let v = b & 0x7f;
          if (b >= 0x80) {
            b = buf[pos++];
            v |= (b & 0x7f) << 7;
            if (b >= 0x80) {
              b = buf[pos++];
              v |= (b & 0x7f) << 14;
              if (b >= 0x80) {
                b = buf[pos++];
                v |= (b & 0x7f) << 21;
                if (b >= 0x80) {
                  r.pos = from;
                  v = readVarint64(r, true);
                  pos = r.pos;
                }
              }
            }
          }
          valData[nVals++] = v;
        }
        ok = pos === pend;
      } else if (tag === 0x1a) {
        r.pos = tagAt + 1;
        readLabel(r, p);
        ok = r.pos === pend;
        pos = pend;
      } else {
        ok = false;
      }
    }
    if (!ok || pos !== end) {
      // Undo this sample; the general reader takes it from its tag.
      nIds = ids0;
      nVals = vals0;
      p.labelKey.length = labels0;
      p.labelStr.length = labels0;
      p.labelNum.length = labels0;
      p.labelUnit.length = labels0;
      pos = at;
      break;
    }
    locStart.push(ids0);
    valStart.push(vals0);
    labelStart.push(labels0);
  }
  ids.length = nIds;
  vals.length = nVals;
  p.maxLocId = maxId;
  r.pos = pos;
}

/** One sample, any encoding; r.pos is just after its tag. */
export function readSample(r: Reader, p: RawProfile): void {
  const end = delimitedEnd(r, 'a sample');
  p.sampleLocStart.push(p.sampleLocIds.length);
  p.sampleValueStart.push(p.sampleValues.length);
  p.labelStart.push(p.labelKey.length);
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1 && wt === 2) {
      const pend = subEnd(r, end);
      while (r.pos < pend) pushLocationId(p, readVarint64(r, false));
      expectEnd(r, pend, 'a packed field');
    } else if (f === 1 && wt === 0) {
      pushLocationId(p, readVarint64(r, false));
    } else if (f === 2 && wt === 2) {
      const pend = subEnd(r, end);
      while (r.pos < pend) p.sampleValues.push(readVarint64(r, true));
      expectEnd(r, pend, 'a packed field');
    } else if (f === 2 && wt === 0) {
      p.sampleValues.push(readVarint64(r, true));
    } else if (f === 1 || f === 2) {
      throw wrongWireType(r, wt);
    } else if (f === 3) {
      if (wt !== 2) throw wrongWireType(r, wt);
      readLabel(r, p);
    } else {
      skipField(r, wt);
    }
  }
  expectEnd(r, end, 'a sample');
}

function subEnd(r: Reader, end: number): number {
  const pend = delimitedEnd(r, 'a packed field');
  if (pend > end) throw new ProfileError(`corrupt protobuf: packed field overruns its sample at byte ${r.pos}`, r.pos);
  return pend;
}

function readLabel(r: Reader, p: RawProfile): void {
  const end = delimitedEnd(r, 'a label');
  let key = 0;
  let str = 0;
  let num = 0;
  let unit = 0;
  while (r.pos < end) {
    const tag = readVarint64(r, false);
    const wt = tag & 7;
    const f = Math.floor(tag / 8);
    if (f === 1) key = varintField(r, wt);
    else if (f === 2) str = varintField(r, wt);
    else if (f === 3) num = varintField(r, wt, true);
    else if (f === 4) unit = varintField(r, wt);
    else skipField(r, wt);
  }
  expectEnd(r, end, 'a label');
  p.labelKey.push(key);
  p.labelStr.push(str);
  p.labelNum.push(num);
  p.labelUnit.push(unit);
}
