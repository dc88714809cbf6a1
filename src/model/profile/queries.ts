// The questions the host and the webview may ask about a profile, and the shapes of the answers.
// Everything here is plain data that crosses threads: typed arrays are transferred, never copied as JSON.
import type { ComparisonSummary } from './comparison';
import type { ValueType } from './profile';

/** pprof's filter options; each is a regular expression source, empty or absent = off. */
export interface Filters {
  readonly focus?: string;
  readonly ignore?: string;
  readonly hide?: string;
  readonly show?: string;
  /** pprof syntax: `key=value` regex, or a value regex matched against every label. */
  readonly tagfocus?: string;
  readonly tagignore?: string;
}

export type FilterKey = keyof Filters;

/** Every filter, in pprof's order. Typed so that a filter added to Filters must be added here too. */
export const FILTER_KEYS = Object.keys({ focus: 0, ignore: 0, hide: 0, show: 0, tagfocus: 0, tagignore: 0 } satisfies Record<FilterKey, 0>) as readonly FilterKey[];


/** pprof's granularities, in the order its help lists them: what of a frame tells one node from another. */
export const GRANULARITIES = ['functions', 'filefunctions', 'files', 'lines', 'addresses'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const isGranularity = (v: unknown): v is Granularity => (GRANULARITIES as readonly unknown[]).includes(v);

/**
 * The granularities the flame graph and callers/callees draw at. Both find a frame by its name, and at
 * lines, filefunctions and addresses a function's name is shared by several nodes, so those stay at functions.
 */
export type FlameGranularity = Extract<Granularity, 'functions' | 'files'>;

export interface ProfileSummary {
  readonly sampleTypes: readonly ValueType[];
  readonly defaultSampleIndex: number;
  readonly sampleCount: number;
  /** pprof's total of each sample type: the sum of |value| over all samples, before any filter. */
  readonly totals: readonly number[];
  readonly timeNanos: number;
  readonly durationNanos: number;
  readonly periodType: ValueType | undefined;
  readonly period: number;
  readonly comments: readonly string[];
  /** Label keys present, with up to 50 distinct string values each, for the label filter UI. */
  readonly labels: readonly { readonly key: string; readonly values: readonly string[]; /** Distinct values in all (values lists 50 at most). */ readonly count?: number }[];
  /** The main binary's file name, as pprof names an unsymbolized frame: `[binary]`. */
  readonly mainBinary: string;
  readonly functionCount: number;
  readonly locationCount: number;
  /**
   * Set when the profile is a comparison (its samples include the base's, labelled pprof::base). `totals`
   * are then pprof's report totals in the comparison's mode: the base's total for diff_base, the net total
   * for base.
   */
  readonly comparison?: ComparisonSummary;
}

export interface TopQuery {
  readonly sampleIndex: number;
  readonly granularity: Granularity;
  readonly filters?: Filters;
}

export interface TopRow {
  readonly name: string;
  readonly file: string;
  /** Set at lines and addresses granularity. */
  readonly line?: number;
  /** Set at addresses granularity: lowercase hex without 0x, exact (a kernel's is above 2^53); '' for a location without one. */
  readonly address?: string;
  readonly flat: number;
  readonly cum: number;
  /** Comparisons only: the base side's flat and cum, as positive magnitudes. flat/cum stay net (target - base), as pprof prints them. */
  readonly baseFlat?: number;
  readonly baseCum?: number;
}

export interface TopResult {
  readonly sampleType: ValueType;
  /** pprof's total: the sum of |value| over all samples. pprof sums before any filter, so percentages stay relative to the whole profile. */
  readonly total: number;
  /** Sorted as `go tool pprof -top` sorts: |flat| descending, then printed name, then |cum| descending. */
  readonly rows: readonly TopRow[];
}

export interface FlameQuery {
  readonly sampleIndex: number;
  /** Default functions. */
  readonly granularity?: FlameGranularity;
  readonly filters?: Filters;
  /** Frame names from the root to the node to expand; empty = whole profile. */
  readonly path?: readonly string[];
  /** Children narrower than this fraction of the requested root are folded into their parent. Default 1/2000. */
  readonly minFraction?: number;
  /** Hard cap on nodes returned. Default MAX_FLAME_NODES. */
  readonly maxNodes?: number;
}

/** The most nodes a flame tree has unless its query says otherwise: what the view can draw, whatever the profile's size. */
export const MAX_FLAME_NODES = 5000;

/**
 * How many zooms of a drawn root are answered ahead of the clicks (the widest frames), each a tree the page
 * keeps: a few seconds of the view thread's idle time on a 1M-sample profile, and up to 16 trees of
 * MAX_FLAME_NODES in the page.
 */
export const ZOOMS_AHEAD = 16;

/**
 * A flame tree in preorder, columnar. Node 0 is the requested root ("root" for the whole profile).
 * names[] holds each distinct frame name once; nodeName[i] indexes it.
 */
export interface FlameTree {
  readonly names: readonly string[];
  /** File of each distinct name (same index as names), '' when unknown. */
  readonly files: readonly string[];
  readonly nodeName: Int32Array;
  readonly parent: Int32Array;
  /** cum of the node: every sample passing through it, counted once per sample. */
  readonly value: Float64Array;
  /** flat of the node: samples whose leaf frame is this node. */
  readonly self: Float64Array;
  /** Weight of children too narrow to send; still included in value. */
  readonly folded: Float64Array;
  /** Total of the whole (filtered) profile, for percentages. */
  readonly total: number;
  readonly sampleType: ValueType;
  /**
   * Comparisons only. The tree is then grown and pruned by the target side alone (widths from the target):
   * value/self/folded/total are the target's, and these are the base side's on the same nodes (positive).
   */
  readonly baseValue?: Float64Array;
  readonly baseSelf?: Float64Array;
  readonly baseFolded?: Float64Array;
  readonly baseTotal?: number;
}

export interface CallersCalleesQuery {
  readonly sampleIndex: number;
  /** Default functions. */
  readonly granularity?: FlameGranularity;
  readonly filters?: Filters;
  readonly name: string;
  /** At most this many callers and as many callees, the heaviest; the rest are only counted. */
  readonly limit?: number;
}

/** Callers and callees of one function (the sandwich view), with the function's own flat/cum. */
export interface CallersCallees {
  readonly name: string;
  readonly flat: number;
  readonly cum: number;
  readonly total: number;
  /** Comparisons only: the base side's flat and cum (positive); flat/cum/value stay net (target - base). */
  readonly baseFlat?: number;
  readonly baseCum?: number;
  /** Heaviest first (by absolute value, then name). `base`: comparisons only, the base side's value. */
  readonly callers: readonly { readonly name: string; readonly value: number; readonly base?: number }[];
  readonly callees: readonly { readonly name: string; readonly value: number; readonly base?: number }[];
  /** What a query's limit left out; absent when nothing was. */
  readonly callersOmitted?: Omitted;
  readonly calleesOmitted?: Omitted;
}

/** How many entries a limit left out of a list, and their summed value. */
export interface Omitted {
  readonly count: number;
  readonly value: number;
  /** Comparisons only: their summed base side. */
  readonly base?: number;
}

/**
 * Per-file line and function numbers for the source annotations, for every sample type.
 * Values are row-major by sample type: flat[i * sampleTypeCount + t].
 */
export interface LineIndex {
  readonly sampleTypes: readonly ValueType[];
  readonly totals: readonly number[];
  readonly files: readonly LineIndexFile[];
}

export interface LineIndexFile {
  /** The file name exactly as the profile spells it. */
  readonly file: string;
  readonly lines: Int32Array;
  readonly lineFlat: Float64Array;
  readonly lineCum: Float64Array;
  /** Per line: the index in `functions` of the function whose frame names that line, or -1. */
  readonly lineFunction: Int32Array;
  readonly functions: readonly { readonly name: string; readonly startLine: number }[];
  readonly funcFlat: Float64Array;
  readonly funcCum: Float64Array;
  /** Comparisons only: the base side's numbers, laid out as the four above (positive); those stay net. */
  readonly lineBaseFlat?: Float64Array;
  readonly lineBaseCum?: Float64Array;
  readonly funcBaseFlat?: Float64Array;
  readonly funcBaseCum?: Float64Array;
}

/** The top table broken down by the values of one label key (e.g. `instance`: which instance is hot). */
export interface LabelBreakdownQuery extends TopQuery {
  readonly key: string;
}

/** What the breakdown calls the samples that lack the key. */
export const NO_LABEL_VALUE = '(none)';

/**
 * The top table's rows (pprof's -top, over every value) with each row's flat and cum per value of the key.
 * A sample with several values of the key counts under its first.
 */
export interface LabelBreakdown {
  readonly sampleType: ValueType;
  /** pprof's total, before any filter (as TopResult's). */
  readonly total: number;
  readonly key: string;
  /** The key's values, heaviest first (by valueTotals, then name); NO_LABEL_VALUE at `noneIndex` if any sample lacks the key. */
  readonly values: readonly string[];
  /** Index in `values` of the samples without the key, or -1. */
  readonly noneIndex: number;
  /** Per value: the sum of |value| of its samples that the filters keep. */
  readonly valueTotals: Float64Array;
  readonly rows: readonly TopRow[];
  /** Per row and value, row-major: flat[row * values.length + v]. Summed over the values they are the row's. */
  readonly flat: Float64Array;
  readonly cum: Float64Array;
}
