// What the profile view remembers across hiding, reopening and reloading: the webview keeps it with
// setState, the host keeps the latest copy per editor, and both pass it through sanitizeViewState.
import { FILTER_KEYS, isGranularity, type Filters, type Granularity } from '../model/profile/queries';

export type TopSortKey = 'flat' | 'cum' | 'name';

export interface ViewState {
  readonly sampleIndex: number;
  readonly granularity: Granularity;
  /** The filters the worker applies; empty strings are off. */
  readonly filters: Filters;
  /** Frame names from the root's child down to the zoomed node; empty = whole profile. */
  readonly zoomPath: readonly string[];
  readonly search: string;
  /** Root at the top (icicle) rather than at the bottom (flame). */
  readonly icicle: boolean;
  /** The selected function's name, '' when none. */
  readonly selected: string;
  readonly topSort: TopSortKey;
  readonly topFilter: string;
}

export function defaultViewState(sampleIndex: number): ViewState {
  return {
    sampleIndex,
    granularity: 'functions',
    filters: {},
    zoomPath: [],
    search: '',
    icicle: true,
    selected: '',
    topSort: 'flat',
    topFilter: '',
  };
}

/** Only the filters that are set, so equal filters compare equal as JSON. */
export function activeFilters(filters: Filters): Filters {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = filters[k];
    if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  }
  return out;
}

/**
 * Turns anything restored from storage into a valid state for a profile with `sampleTypeCount` sample
 * types; what is missing or malformed falls back to the default.
 */
export function sanitizeViewState(raw: unknown, sampleTypeCount: number, defaultSampleIndex: number): ViewState {
  const d = defaultViewState(defaultSampleIndex);
  if (!raw || typeof raw !== 'object') return d;
  const r = raw as Record<string, unknown>;
  const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  const idx = r.sampleIndex;
  const filters = r.filters && typeof r.filters === 'object' ? activeFilters(r.filters as Filters) : {};
  return {
    sampleIndex: Number.isInteger(idx) && (idx as number) >= 0 && (idx as number) < sampleTypeCount ? (idx as number) : d.sampleIndex,
    granularity: isGranularity(r.granularity) ? r.granularity : d.granularity,
    filters,
    zoomPath: Array.isArray(r.zoomPath) ? r.zoomPath.filter((x): x is string => typeof x === 'string') : [],
    search: str(r.search, ''),
    icicle: typeof r.icicle === 'boolean' ? r.icicle : d.icicle,
    selected: str(r.selected, ''),
    topSort: r.topSort === 'cum' || r.topSort === 'name' ? r.topSort : 'flat',
    topFilter: str(r.topFilter, ''),
  };
}
