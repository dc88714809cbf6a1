// What the profile view remembers across hiding, reopening and reloading: the webview keeps it with
// setState, the host keeps the latest copy per editor, and both pass it through sanitizeViewState.
import { FILTER_KEYS, isGranularity, type Filters, type Granularity } from '../model/profile/queries';

/** The single profile's columns; 'flat' is go tool pprof's own order. */
export const PROFILE_SORT_KEYS = ['flat', 'cum', 'name'] as const;
/** A comparison's columns: each side, the change (by its size) and the relative change, of flat and cum. */
export const COMPARE_SORT_KEYS = [
  'baseFlat', 'targetFlat', 'deltaFlat', 'deltaPctFlat',
  'baseCum', 'targetCum', 'deltaCum', 'deltaPctCum',
  'name',
] as const;
export type TopSortKey = (typeof PROFILE_SORT_KEYS)[number] | (typeof COMPARE_SORT_KEYS)[number];

const isTopSortKey = (v: unknown): v is TopSortKey =>
  (PROFILE_SORT_KEYS as readonly unknown[]).includes(v) || (COMPARE_SORT_KEYS as readonly unknown[]).includes(v);

/**
 * The order a table shows: a key of the other kind of view (a state saved by a profile, restored by a
 * comparison, or the host's default) gives way to that view's default, |Δ cum| for a comparison.
 */
export function tableSortKey(key: TopSortKey, comparison: boolean): TopSortKey {
  const keys: readonly TopSortKey[] = comparison ? COMPARE_SORT_KEYS : PROFILE_SORT_KEYS;
  return keys.includes(key) ? key : comparison ? 'deltaCum' : 'flat';
}

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
  /** The label key the top table is broken down by ("by label"), '' when off. */
  readonly labelKey: string;
  /** The breakdown's order: '' the top table's, else `flat:` or `cum:` and a column's value (labelColumns.ts). */
  readonly labelSort: string;
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
    labelKey: '',
    labelSort: '',
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
    topSort: isTopSortKey(r.topSort) ? r.topSort : 'flat',
    topFilter: str(r.topFilter, ''),
    labelKey: str(r.labelKey, ''),
    labelSort: str(r.labelSort, ''),
  };
}
