// The lenses above each test and benchmark of a `_test.go` file: "profile cpu | mem", one per kind in
// pprofLens.test.profileKinds, each running pprofLens.profileTest on that function.
import * as vscode from 'vscode';
import { getTestProfileKindSettings, onDidChangeConfig } from '../config';
import { Disposable } from '../disposable';
import { isTestProfileKind, type TestProfileKind } from './goTestArgs';
import { findTestFunctions } from './testFunctions';

export const PROFILE_TEST_COMMAND = 'pprofLens.profileTest';

/** The kinds of the setting, known ones only, each once, in the setting's order. */
export function testProfileKinds(): TestProfileKind[] {
  return [...new Set(getTestProfileKindSettings().filter(isTestProfileKind))];
}

export class TestLenses extends Disposable implements vscode.CodeLensProvider {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;

  static register(): vscode.Disposable {
    const lenses = new TestLenses();
    return vscode.Disposable.from(lenses, vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: '**/*_test.go' }, lenses));
  }

  private constructor() {
    super();
    this._register(onDidChangeConfig(() => this.changed.fire()));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const kinds = testProfileKinds();
    if (!kinds.length) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const f of findTestFunctions(document.getText())) {
      const range = new vscode.Range(f.line, 0, f.line, 0);
      kinds.forEach((kind, i) =>
        lenses.push(
          new vscode.CodeLens(range, {
            title: i === 0 ? `profile ${kind}` : kind,
            tooltip: `Run ${f.name} with go test -${kind}profile and open its ${kind} profile`,
            command: PROFILE_TEST_COMMAND,
            arguments: [{ uri: document.uri, name: f.name, kind }],
          }),
        ),
      );
    }
    return lenses;
  }
}
