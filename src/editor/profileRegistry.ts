// Tracks open profile editors and which one is active (the one that had focus last).
import * as vscode from 'vscode';

export interface ActiveProfileInfo {
  uri: vscode.Uri;
  sampleType: string;
  total: number;
}

export class ProfileRegistry implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeActive = this.changed.event;
  private active: ActiveProfileInfo | undefined;

  activeProfileInfo(): ActiveProfileInfo | undefined {
    return this.active;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
