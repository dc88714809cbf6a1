// How to reach a Prometheus from VS Code: the credentials "pprof: Set Endpoint Credentials" stored for
// its origin (SecretStorage) and the CA file capture uses (pprofLens.capture.caFile).
import { readFile } from 'node:fs/promises';
import { captureRuntime } from '../capture/captureRuntime';
import { authorizationHeader } from '../capture/credentials';
import { getCaFile } from '../config';
import type { Services } from '../services';
import type { PrometheusAccess } from './fleetTypes';
import { normalizeBase } from './promHttp';
import { PrometheusError } from './prometheusError';

export async function prometheusAccess(services: Services, base: string, extra: Pick<PrometheusAccess, 'signal' | 'timeoutMs'> = {}): Promise<PrometheusAccess> {
  const origin = new URL(normalizeBase(base)).origin;
  const credentials = await captureRuntime(services).credentials.get(origin);
  const caFile = getCaFile().trim();
  let ca: string | undefined;
  if (caFile) {
    try {
      ca = await readFile(caFile, 'utf8');
    } catch (e) {
      throw new PrometheusError('config', `Cannot read the CA file ${caFile} (${(e as { code?: string }).code ?? String(e)}): fix pprofLens.capture.caFile`);
    }
  }
  return { authorization: credentials ? authorizationHeader(credentials) : undefined, ca, ...extra };
}
