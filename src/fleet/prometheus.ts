// Asking a real Prometheus: the instances of a source (its active targets that are up) and an instant
// query's samples. One-line PrometheusErrors for every fault (see promAnswers.ts for the wording).
import type { FleetInstance, PromSample, PrometheusAccess, PrometheusSource } from './fleetTypes';
import { parseTargets, parseVector, selectInstances } from './promAnswers';
import { normalizeBase, promRequest } from './promHttp';

export { PrometheusError } from './prometheusError';

export async function prometheusTargets(source: PrometheusSource, access?: PrometheusAccess): Promise<FleetInstance[]> {
  const base = normalizeBase(source.prometheus);
  const answer = await promRequest(base, '/api/v1/targets', { state: 'active' }, access);
  return selectInstances(parseTargets(base, answer), { ...source, prometheus: base });
}

export async function prometheusQuery(base: string, query: string, access?: PrometheusAccess): Promise<PromSample[]> {
  const b = normalizeBase(base);
  return parseVector(b, query, await promRequest(b, '/api/v1/query', { query }, access));
}
