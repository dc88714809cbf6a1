// The record a fleet capture writes beside its merged profile (`<file>.fleet.json`): every instance asked,
// with the file it gave or why it failed. The profile editor reads it to list the failures in its header.
// No vscode, no DOM.

export interface FleetSidecarInstance {
  /** host:port, the value of the merged profile's `instance` label. */
  readonly instance: string;
  /** The pprof base URL that was asked. */
  readonly url: string;
  /** The instance's own profile, when it gave one. */
  readonly file?: string;
  /** Why the instance gave no profile (one line). */
  readonly error?: string;
}

export interface FleetSidecar {
  readonly instances: readonly FleetSidecarInstance[];
}

/** The name of the record beside a profile file. */
export const fleetSidecarName = (profileFile: string) => `${profileFile}.fleet.json`;

/**
 * The record from its text; undefined when it is not one (not JSON, no instances list). Entries that are
 * not objects with a string instance are dropped; other fields of the wrong type are left out.
 */
export function parseFleetSidecar(text: string): FleetSidecar | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const list = raw && typeof raw === 'object' ? (raw as { instances?: unknown }).instances : undefined;
  if (!Array.isArray(list)) return undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const instances: FleetSidecarInstance[] = [];
  for (const e of list) {
    if (!e || typeof e !== 'object') continue;
    const r = e as Record<string, unknown>;
    const instance = str(r.instance);
    if (!instance) continue;
    const file = str(r.file);
    const error = str(r.error);
    instances.push({ instance, url: str(r.url) ?? '', ...(file ? { file } : {}), ...(error ? { error: error.split('\n')[0] } : {}) });
  }
  return { instances };
}
