// Recent target URLs and the last capture, kept in globalState (never with credentials).
import * as vscode from 'vscode';
import { CaptureSpec, recentUrlOf, withoutCredentials } from './targets';

const RECENT_KEY = 'pprofLens.recentUrls';
const LAST_KEY = 'pprofLens.lastCapture';
const MAX_RECENT = 8;

export class CaptureHistory {
  constructor(private readonly state: vscode.Memento) {}

  recentUrls(): string[] {
    return this.state.get<string[]>(RECENT_KEY, []);
  }

  last(): CaptureSpec | undefined {
    return this.state.get<CaptureSpec>(LAST_KEY);
  }

  async remember(spec: CaptureSpec): Promise<void> {
    const safe: CaptureSpec = { ...spec, url: withoutCredentials(spec.url) };
    await this.state.update(LAST_KEY, safe);
    const recent = recentUrlOf(safe.url);
    if (recent) await this.state.update(RECENT_KEY, [recent, ...this.recentUrls().filter((u) => u !== recent)].slice(0, MAX_RECENT));
  }
}
