// The host↔webview protocol of the profile editor: two discriminated unions. No vscode, no DOM, so the
// host and the webview bundle share these types. Arrays in payloads are never null.
import type {
  FlameQuery,
  FlameTree,
  CallersCallees,
  CallersCalleesQuery,
  LabelBreakdownQuery,
  ProfileSummary,
  TopQuery,
} from '../model/profile/queries';
import type { FleetSidecar } from './fleetSidecar';
import type { RunRecord } from './runRecord';
import type { LabelBreakdownColumns } from './labelBreakdownColumns';
import type { CompareOptions } from '../model/profile/comparison';
import type { TopColumns } from './topColumns';
import type { ViewState } from './viewState';

/** A question the webview asks the worker, through the host. */
export type Query =
  | { readonly kind: 'top'; readonly query: TopQuery }
  | { readonly kind: 'flame'; readonly query: FlameQuery }
  | { readonly kind: 'callersCallees'; readonly query: CallersCalleesQuery }
  | { readonly kind: 'labelBreakdown'; readonly query: LabelBreakdownQuery };

export type Answer =
  | { readonly kind: 'top'; readonly result: TopColumns }
  | { readonly kind: 'flame'; readonly result: FlameTree }
  | { readonly kind: 'callersCallees'; readonly result: CallersCallees }
  | { readonly kind: 'labelBreakdown'; readonly result: LabelBreakdownColumns }
  /** The worker refused the query, e.g. a filter that is not a valid regular expression. */
  | { readonly kind: 'error'; readonly message: string }
  /** A newer query of the same kind from the same view replaced this one before it was answered; ignore it. */
  | { readonly kind: 'cancelled' };

/** The run records beside the shown profile files; a side that is not a run has none. */
export interface RunCards {
  readonly target?: RunRecord;
  readonly base?: RunRecord;
}

export type HostToWebview =
  /**
   * The profile decoded; `state` is what the view shows first. `answers` are those the host already has
   * for the view's first queries (a small profile is answered before its page has loaded); the view takes
   * them instead of asking.
   */
  | {
      readonly type: 'init';
      readonly fileName: string;
      readonly summary: ProfileSummary;
      readonly state: ViewState;
      readonly answers: readonly { readonly query: Query; readonly answer: Answer }[];
      /** Set for a compare view (summary.comparison is then set too): the two sides' names and the palette. */
      readonly compare?: CompareInit;
      /** The fleet capture's record beside the profile (`<file>.fleet.json`): its instances, and why some failed. */
      readonly fleet?: FleetSidecar;
      /** The records of the runs that made the profile (`<name>.run.json`): the target's, and in a compare view the base's. */
      readonly runs?: RunCards;
    }
  /**
   * The file could not be decoded; the view shows `message` and offers the text editor. With `compare`, a
   * comparison could not be opened (one side malformed, sample types that differ): `message` says which
   * side or why, and the view names both sides and offers no text editor.
   */
  | { readonly type: 'notProfile'; readonly fileName: string; readonly message: string; readonly compare?: CompareInit }
  /** The host has query `id`: the view can now keep its thread busy without holding the query back. */
  | { readonly type: 'received'; readonly id: number }
  | { readonly type: 'answer'; readonly id: number; readonly answer: Answer }
  /**
   * The flame tree of a likely zoom (`query` is the drawn root's with a path), computed while the page was
   * idle, for the page to keep until the user zooms there (src/editor/flameAhead.ts).
   */
  | { readonly type: 'flameAhead'; readonly query: FlameQuery; readonly tree: FlameTree }
  /** The "Select Sample Type" command picked a sample type. */
  | { readonly type: 'selectSampleType'; readonly sampleIndex: number }
  /** Select this function and bring it into view in the flame graph. */
  | { readonly type: 'revealFunction'; readonly name: string };

export type WebviewToHost =
  /** The script loaded; `state` is what getState() restored, or null. */
  | { readonly type: 'ready'; readonly state: ViewState | null }
  | { readonly type: 'state'; readonly state: ViewState }
  | { readonly type: 'query'; readonly id: number; readonly query: Query }
  /**
   * The page has drawn the flame graph of `query` (its root) and is idle: the host may now ask the trees of
   * the zooms the user is most likely to make and send them (`flameAhead`), without taking the cores the
   * page needed.
   */
  | { readonly type: 'zoomAhead'; readonly query: FlameQuery }
  /** The page has taken the last `flameAhead` tree: the host may send the next. */
  | { readonly type: 'aheadTaken' }
  /** Open a function's source beside the editor; `line` 0 means "where the function starts". */
  | { readonly type: 'openSource'; readonly name: string; readonly file: string; readonly line: number }
  | { readonly type: 'reopenAsText' }
  /** Run pprof: Load and Profile… (offered by an empty CPU profile). */
  | { readonly type: 'loadAndProfile' }
  /** Compare view: exchange base and target. */
  | { readonly type: 'swapSides' }
  /** Compare view: another mode or normalize setting; the host reopens the comparison and sends `init` again. */
  | { readonly type: 'compareOptions'; readonly options: CompareOptions };

/** Colours of a differential flame graph: red/green, or blue/orange that colour-blind eyes tell apart. */
export type DiffPalette = 'redGreen' | 'blueOrange';

export interface CompareInit {
  /** Display names (file names) of the two sides. */
  readonly baseName: string;
  readonly targetName: string;
  readonly palette: DiffPalette;
}

/** Compile-time exhaustiveness for switches over these unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}
