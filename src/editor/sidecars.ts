// The records other commands leave beside a profile file, read for the view's header: a fleet capture's
// `<file>.fleet.json` and a run's `<name>.run.json`. An absent or unreadable record is no record.
import * as vscode from 'vscode';
import { fleetSidecarName, parseFleetSidecar, type FleetSidecar } from '../protocol/fleetSidecar';
import type { RunCards } from '../protocol/messages';
import { parseRunRecord, runRecordName, type RunRecord } from '../protocol/runRecord';

export interface Sidecars {
  readonly fleet?: FleetSidecar;
  readonly runs?: RunCards;
}

/** What lies beside a profile, or beside both sides of a comparison (a fleet's record only for a profile alone). */
export async function readSidecars(uri: vscode.Uri, baseUri?: vscode.Uri): Promise<Sidecars> {
  const [fleet, target, base] = await Promise.all([
    baseUri ? undefined : readText(uri.with({ path: fleetSidecarName(uri.path) })).then((t) => (t === undefined ? undefined : parseFleetSidecar(t))),
    readRunRecord(uri),
    baseUri ? readRunRecord(baseUri) : undefined,
  ]);
  const runs = target || base ? { ...(target ? { target } : {}), ...(base ? { base } : {}) } : undefined;
  return { ...(fleet ? { fleet } : {}), ...(runs ? { runs } : {}) };
}

/** The run record beside a profile file, when it is a run's. */
export async function readRunRecord(uri: vscode.Uri): Promise<RunRecord | undefined> {
  const text = await readText(uri.with({ path: runRecordName(uri.path) }));
  return text === undefined ? undefined : parseRunRecord(text);
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
