// Which series view the growth lenses follow: the active one, or else the one focused last while it is
// open. It holds that view's trend at line granularity, which the lenses read.
import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { TrendResult } from '../model/profile/trendQueries';

/** The lines trend of the followed series, with how to act on one of its rows. */
export interface SeriesLines {
  /** The series folder, for tooltips. */
  readonly folderName: string;
  readonly result: TrendResult;
  /** Shows the row's function in its series view. */
  reveal(name: string): void;
}

export interface SeriesFocusOwner {
  /** The lines trend once known; undefined while it is computed or when the series has none. */
  lines(): SeriesLines | undefined;
}

export class SeriesFocus extends Disposable {
  private current: SeriesFocusOwner | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  /** The series whose lines the lenses show. */
  get lines(): SeriesLines | undefined {
    return this.current?.lines();
  }

  /** Whether the lenses follow `owner`. */
  follows(owner: SeriesFocusOwner): boolean {
    return owner === this.current;
  }

  focus(owner: SeriesFocusOwner): void {
    this.current = owner;
    this.changed.fire();
  }

  /** The owner's lines changed. */
  updated(owner: SeriesFocusOwner): void {
    if (owner === this.current) this.changed.fire();
  }

  closed(owner: SeriesFocusOwner): void {
    if (owner !== this.current) return;
    this.current = undefined;
    this.changed.fire();
  }
}
