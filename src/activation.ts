// What both entries (extension.ts for Node, extensionWeb.ts for the web) register: the profile editor, the
// compare view, the goroutine dump view and the source annotations. Each entry adds its own command table.
import type * as vscode from 'vscode';
import { HotLines } from './annotations/hotLines';
import { CompareViews } from './editor/compareViews';
import { GoroutineEditorProvider } from './editor/goroutineEditorProvider';
import { ProfileEditorProvider } from './editor/profileEditorProvider';
import type { Services } from './services';

export function registerViews(context: vscode.ExtensionContext, services: Services): void {
  context.subscriptions.push(ProfileEditorProvider.register(services));
  context.subscriptions.push(CompareViews.register(services));
  context.subscriptions.push(GoroutineEditorProvider.register(services));
  context.subscriptions.push(HotLines.register(services));
}
