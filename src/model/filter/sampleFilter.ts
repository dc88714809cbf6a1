// pprof's sample filters (profile.FilterSamplesByName, FilterSamplesByTag), compiled once over the columnar
// profile. They run on a loaded profile (drop_frames already applied), as pprof's do.
//
//   focus   keep a sample if some location matches;        ignore  drop it if any location matches.
//   hide    remove matching frames from every stack;        show    keep only matching frames.
//   tagfocus / tagignore: see tagFilter.ts.
// A location matches when any of its lines' function name or file name matches, or its mapping's file does.
// hide/show work per line (an inlined frame can be hidden alone); a location left with no line leaves the
// stack. With show, a location with no lines (unsymbolized) is always hidden, as in pprof.
// Hidden frames change flat/cum, but not pprof's total; focus/ignore/tag filters drop whole samples.
import { FILTER_KEYS, type Filters } from '../profile/queries';
import { compileGoRegexp } from '../base/goRegexp';
import type { Profile } from '../profile/profile';
import { compileTagFilter } from './tagFilter';

export interface SampleFilter {
  /** keep[s] === 1 when sample s survives focus/ignore/tagfocus/tagignore; undefined = every sample. */
  readonly keep: Uint8Array | undefined;
  /** hiddenLine[j] === 1 when line entry j (index into lineFunction) is hidden; undefined = none. */
  readonly hiddenLine: Uint8Array | undefined;
  /** hiddenLocation[l] === 1 when location l has no line and is hidden (hide on its mapping, or show); undefined = none. */
  readonly hiddenLocation: Uint8Array | undefined;
}

export const NO_FILTER: SampleFilter = { keep: undefined, hiddenLine: undefined, hiddenLocation: undefined };

/** True when the filters change nothing. */
function isEmptyFilters(f: Filters | undefined): boolean {
  return !f || !FILTER_KEYS.some((k) => f[k]);
}

/** Compiles filters; throws Error("focus: invalid regular expression …") on a bad expression. */
export function compileFilters(p: Profile, f: Filters | undefined): SampleFilter {
  if (!f || isEmptyFilters(f)) return NO_FILTER;
  const focus = f.focus ? compileGoRegexp(f.focus, 'focus') : undefined;
  const ignore = f.ignore ? compileGoRegexp(f.ignore, 'ignore') : undefined;
  const hide = f.hide ? compileGoRegexp(f.hide, 'hide') : undefined;
  const show = f.show ? compileGoRegexp(f.show, 'show') : undefined;
  const tagfocus = f.tagfocus ? compileTagFilter(p, 'tagfocus', f.tagfocus) : undefined;
  const tagignore = f.tagignore ? compileTagFilter(p, 'tagignore', f.tagignore) : undefined;

  const focusLoc = focus && locationMatches(p, focus);
  const ignoreLoc = ignore && locationMatches(p, ignore);
  let keep: Uint8Array | undefined;
  if (focusLoc || ignoreLoc || tagfocus || tagignore) {
    keep = new Uint8Array(p.sampleCount);
    for (let s = 0; s < p.sampleCount; s++) {
      let ok = true;
      if (focusLoc || ignoreLoc) {
        let focused = false;
        for (let k = p.sampleLocStart[s]; k < p.sampleLocStart[s + 1]; k++) {
          const l = p.sampleLocs[k];
          if (ignoreLoc && ignoreLoc[l]) {
            focused = false;
            break;
          }
          if (!focusLoc || focusLoc[l]) focused = true;
        }
        ok = focused;
      }
      if (ok && tagfocus) ok = tagfocus(s);
      if (ok && tagignore) ok = !tagignore(s);
      keep[s] = ok ? 1 : 0;
    }
  }

  let hiddenLine: Uint8Array | undefined;
  let hiddenLocation: Uint8Array | undefined;
  if (hide || show) {
    hiddenLine = new Uint8Array(p.lineFunction.length);
    hiddenLocation = new Uint8Array(p.locationCount);
    const hideFn = hide && functionMatches(p, hide);
    const showFn = show && functionMatches(p, show);
    const hideMap = hide && mappingMatches(p, hide);
    const showMap = show && mappingMatches(p, show);
    for (let l = 0; l < p.locationCount; l++) {
      const m = p.locMapping[l];
      const lo = p.locLineStart[l];
      const hi = p.locLineStart[l + 1];
      if (lo === hi) {
        hiddenLocation[l] = (hideMap && m >= 0 && hideMap[m]) || show ? 1 : 0;
        continue;
      }
      const allHidden = hideMap !== undefined && m >= 0 && hideMap[m] === 1;
      const allShown = showMap !== undefined && m >= 0 && showMap[m] === 1;
      for (let j = lo; j < hi; j++) {
        const fn = p.lineFunction[j];
        const hidden = allHidden || (hideFn !== undefined && hideFn[fn] === 1) || (showFn !== undefined && !allShown && showFn[fn] === 0);
        hiddenLine[j] = hidden ? 1 : 0;
      }
    }
  }
  return { keep, hiddenLine, hiddenLocation };
}

/** Per function: 1 when its name or file name matches. */
function functionMatches(p: Profile, rx: RegExp): Uint8Array {
  const out = new Uint8Array(p.functionCount);
  for (let f = 0; f < p.functionCount; f++) out[f] = rx.test(p.funcName[f]) || rx.test(p.funcFile[f]) ? 1 : 0;
  return out;
}

function mappingMatches(p: Profile, rx: RegExp): Uint8Array {
  return Uint8Array.from(p.mappings, (m) => (rx.test(m.file) ? 1 : 0));
}

/** Per location: 1 when any line's function or the mapping matches (pprof's Location.matchesName). */
function locationMatches(p: Profile, rx: RegExp): Uint8Array {
  const fn = functionMatches(p, rx);
  const map = mappingMatches(p, rx);
  const out = new Uint8Array(p.locationCount);
  for (let l = 0; l < p.locationCount; l++) {
    let hit = p.locMapping[l] >= 0 && map[p.locMapping[l]] === 1;
    for (let j = p.locLineStart[l]; j < p.locLineStart[l + 1] && !hit; j++) hit = fn[p.lineFunction[j]] === 1;
    out[l] = hit ? 1 : 0;
  }
  return out;
}
