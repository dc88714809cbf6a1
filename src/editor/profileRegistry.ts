// The open profile editors, and which one is active: the one that had focus last (a closed editor
// hands "active" back to the one focused before it).
//
// API for other features (annotations, commands, the extension's API object):
//   activeProfile()         → { uri, handle, summary, sampleIndex, sampleType, total } | undefined
//                             `handle` names the profile in services.engine (lineIndex(handle), top(handle, …)).
//   activeProfileInfo()     → { uri, baseUri?, sampleType, total } | undefined, the value of the API's activeProfile().
//                             `total` is go tool pprof's total for the shown sample type. A compare view gives
//                             its target as `uri`, its base as `baseUri`, and the total pprof -diff_base (or
//                             -base) reports.
//   openUris()              → the files of the open profile editors and compare views, most recently focused first.
//   onDidChangeActive       fires when the active profile, its sample type or its total changes.
//   revealFunction(name)    shows the active editor and selects `name` in its flame graph; false when
//                             there is no active profile editor.
// The editor side calls add(), focus() and changed(); nothing else needs them.
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { ProfileSummary } from '../model/profile/queries';

export interface ActiveProfileInfo {
  uri: vscode.Uri;
  /** Set for a compare view: its base (uri is then its target). */
  baseUri?: vscode.Uri;
  sampleType: string;
  total: number;
}

export interface ActiveProfile extends ActiveProfileInfo {
  readonly handle: string;
  readonly summary: ProfileSummary;
  readonly sampleIndex: number;
}

/** What one open profile editor exposes to the registry. */
export interface ProfileEditorEntry {
  readonly uri: vscode.Uri;
  /** A compare view's base; `uri` is then its target. */
  readonly baseUri?: vscode.Uri;
  readonly handle: string;
  readonly summary: ProfileSummary;
  readonly sampleIndex: number;
  readonly total: number;
  reveal(name: string): void;
  /** Switches the editor to another sample type. */
  selectSampleIndex(index: number): Promise<void>;
}

export class ProfileRegistry extends Disposable {
  private readonly changed_ = this._register(new vscode.EventEmitter<ActiveProfile | undefined>());
  readonly onDidChangeActive = this.changed_.event;
  /** Most recently focused first. */
  private readonly entries: ProfileEditorEntry[] = [];

  activeProfile(): ActiveProfile | undefined {
    const e = this.entries[0];
    if (!e) return undefined;
    const sampleType = e.summary.sampleTypes[e.sampleIndex]?.type ?? '';
    const base = e.baseUri ? { baseUri: e.baseUri } : {};
    return { uri: e.uri, ...base, handle: e.handle, summary: e.summary, sampleIndex: e.sampleIndex, sampleType, total: e.total };
  }

  activeProfileInfo(): ActiveProfileInfo | undefined {
    const a = this.activeProfile();
    return a && { uri: a.uri, ...(a.baseUri ? { baseUri: a.baseUri } : {}), sampleType: a.sampleType, total: a.total };
  }

  openUris(): vscode.Uri[] {
    const seen = new Map<string, vscode.Uri>();
    for (const e of this.entries) for (const u of e.baseUri ? [e.uri, e.baseUri] : [e.uri]) if (!seen.has(u.toString())) seen.set(u.toString(), u);
    return [...seen.values()];
  }

  async revealFunction(name: string): Promise<boolean> {
    const e = this.entries[0];
    if (!e) return false;
    e.reveal(name);
    return true;
  }

  /** Registers an editor (as the active one if it has focus); dispose the result when it closes. */
  add(entry: ProfileEditorEntry, focused = true): vscode.Disposable {
    if (focused || this.entries.length === 0) {
      this.entries.unshift(entry);
      this.fire();
    } else {
      this.entries.push(entry);
    }
    return new vscode.Disposable(() => {
      const i = this.entries.indexOf(entry);
      if (i < 0) return;
      this.entries.splice(i, 1);
      if (i === 0) this.fire();
    });
  }

  focus(entry: ProfileEditorEntry): void {
    const i = this.entries.indexOf(entry);
    if (i <= 0) return;
    this.entries.splice(i, 1);
    this.entries.unshift(entry);
    this.fire();
  }

  /** The entry's sample type, or a compare view's comparison, changed. */
  changed(entry: ProfileEditorEntry): void {
    if (this.entries[0] === entry) this.fire();
  }

  /** The active editor itself, for commands that act on it. */
  activeEntry(): ProfileEditorEntry | undefined {
    return this.entries[0];
  }

  private fire(): void {
    this.changed_.fire(this.activeProfile());
  }
}
