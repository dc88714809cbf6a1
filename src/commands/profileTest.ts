// pprof: Profile Test or Benchmark… Runs one test or benchmark under go test with a profile and opens it.
// Takes `{ uri, name, kind?: 'cpu'|'mem'|'block'|'mutex', open? }` (`uri` the _test.go file or the package's
// folder) and resolves to the profile's Uri; from the palette it asks which test of the active _test.go file.
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TEST_PROFILE_KINDS, isTestProfileKind, type TestProfileKind } from '../gotest/goTestArgs';
import { runProfileTest, type ProfileTestRun } from '../gotest/runProfileTest';
import { testProfileKinds } from '../gotest/testLenses';
import { findTestFunctions } from '../gotest/testFunctions';
import type { CommandFactory } from './commandFactory';
import { toUri } from './uriArg';

const TITLE = 'pprof: Profile Test or Benchmark';

export const profileTest: CommandFactory = (services) => async (arg?: unknown) => {
  let run: ProfileTestRun | undefined;
  let open = true;
  try {
    if (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri)) {
      run = await fromArgs(arg as Record<string, unknown>);
      open = (arg as { open?: unknown }).open !== false;
    } else run = await prompt(toUri(arg));
  } catch (e) {
    void vscode.window.showErrorMessage(`pprof: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  return run && runProfileTest(services, run, open);
};

async function fromArgs(a: Record<string, unknown>): Promise<ProfileTestRun> {
  const uri = toUri(a.uri);
  if (!uri || uri.scheme !== 'file') throw new Error('Profile Test expects { uri } to be a _test.go file or a package folder on disk');
  if (typeof a.name !== 'string' || !a.name) throw new Error('Profile Test expects { name } to be a test or benchmark name');
  const kind = a.kind ?? 'cpu';
  if (!isTestProfileKind(kind)) throw new Error(`Profile Test: kind must be one of ${TEST_PROFILE_KINDS.join(', ')}, not ${String(kind)}`);
  return { packageDir: await packageDirOf(uri), name: a.name, kind };
}

/** The folder of a file, or the folder itself. */
async function packageDirOf(uri: vscode.Uri): Promise<string> {
  const s = await stat(uri.fsPath).catch(() => undefined);
  if (!s) throw new Error(`${uri.fsPath} does not exist`);
  return s.isDirectory() ? uri.fsPath : path.dirname(uri.fsPath);
}

/** The palette: a test of the given or active _test.go file, then the profile kind. */
async function prompt(given: vscode.Uri | undefined): Promise<ProfileTestRun | undefined> {
  const uri = given ?? testFileInView();
  if (!uri || uri.scheme !== 'file' || !uri.fsPath.endsWith('_test.go')) throw new Error('Open a _test.go file to profile one of its tests or benchmarks');
  const text = (await vscode.workspace.openTextDocument(uri)).getText();
  const tests = findTestFunctions(text);
  if (!tests.length) throw new Error(`${path.basename(uri.fsPath)} declares no test or benchmark`);
  const picked = await vscode.window.showQuickPick(
    tests.map((t) => ({ label: t.name, description: `${t.kind}, line ${t.line + 1}` })),
    { title: TITLE, placeHolder: 'The test or benchmark to profile' },
  );
  if (!picked) return undefined;
  const kinds = [...new Set<TestProfileKind>([...testProfileKinds(), ...TEST_PROFILE_KINDS])];
  const kind = await vscode.window.showQuickPick(kinds.map((k) => ({ label: k, description: `go test -${k}profile` })), { title: TITLE, placeHolder: 'The profile to take' });
  if (!kind) return undefined;
  return { packageDir: path.dirname(uri.fsPath), name: picked.label, kind: kind.label as TestProfileKind };
}

/**
 * The active editor's file; or, while a view that is not a text editor has the focus (a profile, a
 * comparison opened from a lens), a _test.go file shown beside it.
 */
function testFileInView(): vscode.Uri | undefined {
  const isTestFile = (u: vscode.Uri) => u.scheme === 'file' && u.fsPath.endsWith('_test.go');
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isTestFile(active)) return active;
  return vscode.window.visibleTextEditors.map((e) => e.document.uri).find(isTestFile) ?? active;
}
