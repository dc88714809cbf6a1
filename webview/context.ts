// What every view of the profile may use: the current state, the profile's summary, a way to change the
// state, and the host.
import type { ValueType } from '../src/model/profile/profile';
import type { FlameQuery, ProfileSummary } from '../src/model/profile/queries';
import type { Answer, CompareInit, Query } from '../src/protocol/messages';
import type { ViewState } from '../src/protocol/viewState';
import type { FleetSidecar } from '../src/protocol/fleetSidecar';
import type { RunCards } from '../src/protocol/messages';

export interface ViewContext {
  readonly summary: ProfileSummary;
  readonly fileName: string;
  /** Set in a compare view (summary.comparison is then set too). */
  readonly compare: CompareInit | undefined;
  /** The fleet capture's record beside the profile, when there is one. */
  readonly fleet: FleetSidecar | undefined;
  /** The runs that made the profile(s), when they are runs. */
  readonly runs: RunCards | undefined;
  state(): ViewState;
  /** Changes the state; the app saves it and refreshes the views that depend on what changed. */
  update(patch: Partial<ViewState>): void;
  /** Asks the worker, through the host; `received` is called once the host has the query. */
  query(q: Query, received?: () => void): Promise<Answer>;
  /** Tells the host that the flame graph of `query` is drawn and the page idle, so that it may send the trees of its likely zooms. */
  zoomAhead(query: FlameQuery): void;
  /** The last tree sent ahead is taken (see FlameView.keepAhead). */
  aheadTaken(): void;
  /** Settles once the flame graph shows what the state asks for (or failed to): other views ask after it. */
  flameSettled(): Promise<void>;
  /** Settles once the top table shows what the state asks for (or failed to). */
  tableSettled(): Promise<void>;
  openSource(name: string, file: string, line: number): void;
  /** Runs pprof: Load and Profile… (the empty CPU profile's way out). */
  loadAndProfile(): void;
  /** The file of a function, from whatever the views have loaded ('' when unknown). */
  fileOf(name: string): string;
  rememberFiles(names: readonly string[], files: readonly string[]): void;
  sampleType(): ValueType;
}

export type StateKey = keyof ViewState;

/** Implemented by views that redraw when parts of the state change. */
export interface View {
  readonly el: HTMLElement;
  stateChanged(changed: ReadonlySet<StateKey>): void;
  /** Stops what outlives the view's elements (observers), when the view is replaced. */
  dispose?(): void;
}
