// The queries a view state asks the worker, built in one place: the webview asks them, and the host
// asks the first ones ahead of it while the webview is still starting, so both must build them alike.
import { MAX_FLAME_NODES, type CallersCalleesQuery, type FlameGranularity, type FlameQuery, type Granularity, type TopQuery } from '../model/profile/queries';
import type { ViewState } from './viewState';

/**
 * What the flame graph and callers/callees draw at a top table granularity. They find frames by name; at
 * lines, filefunctions and addresses the top table's rows are named after their function, so those views
 * show that function, and only files has frames of its own.
 */
export const flameGranularity = (g: Granularity): FlameGranularity => (g === 'files' ? 'files' : 'functions');

export const flameQueryFor = (s: ViewState): FlameQuery => ({
  sampleIndex: s.sampleIndex,
  granularity: flameGranularity(s.granularity),
  filters: s.filters,
  path: s.zoomPath,
  maxNodes: MAX_FLAME_NODES,
});

export const topQueryFor = (s: ViewState): TopQuery => ({
  sampleIndex: s.sampleIndex,
  granularity: s.granularity,
  filters: s.filters,
});

export const callersCalleesQueryFor = (s: ViewState, limit: number): CallersCalleesQuery => ({
  sampleIndex: s.sampleIndex,
  granularity: flameGranularity(s.granularity),
  filters: s.filters,
  name: s.selected,
  limit,
});
