// The queries a view state asks the worker, built in one place: the webview asks them, and the host
// asks the first ones ahead of it while the webview is still starting, so both must build them alike.
import { MAX_FLAME_NODES, type FlameQuery, type TopQuery } from '../model/profile/queries';
import type { ViewState } from './viewState';

export const flameQueryFor = (s: ViewState): FlameQuery => ({
  sampleIndex: s.sampleIndex,
  filters: s.filters,
  path: s.zoomPath,
  maxNodes: MAX_FLAME_NODES,
});

export const topQueryFor = (s: ViewState): TopQuery => ({
  sampleIndex: s.sampleIndex,
  granularity: s.granularity,
  filters: s.filters,
});
