// Host↔webview messages of the goroutine dump view: two discriminated unions. Plain data; no vscode, no DOM.
import type { GoroutineDump } from '../model/report/goroutineTypes';

export type GoroutineHostToWebview =
  /** The dump, grouped, largest group first. */
  | { readonly type: 'dump'; readonly fileName: string; readonly dump: GoroutineDump }
  /** The file could not be read as a dump: one line saying why and what to do. */
  | { readonly type: 'error'; readonly fileName: string; readonly message: string };

export type GoroutineWebviewToHost =
  | { readonly type: 'ready' }
  /** A frame or a creator clicked: its file and line, found in the workspace as "go to source" finds them. */
  | { readonly type: 'openSource'; readonly name: string; readonly file: string; readonly line: number }
  /** The file in the text editor instead. */
  | { readonly type: 'openAsText' };
