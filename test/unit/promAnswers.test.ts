// Prometheus's answers read as pprof Lens reads them: answers recorded from the real Prometheus
// (test/fixtures/prometheus, see record.ts there) turned into instances and samples, and every fault
// into its one line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { PrometheusSource } from '../../src/fleet/fleetTypes';
import { ActiveTarget, apiData, compileMatch, parseTargets, parseVector, pprofUrlOf, selectInstances } from '../../src/fleet/promAnswers';
import type { PromAnswer } from '../../src/fleet/promHttp';
import { PrometheusError } from '../../src/fleet/prometheusError';

const BASE = 'http://127.0.0.1:9090';
const dir = path.join(__dirname, '..', 'fixtures', 'prometheus');
const json = (file: string, status = 200): PromAnswer => ({ status, contentType: 'application/json', text: readFileSync(path.join(dir, file), 'utf8') });
const targets = parseTargets(BASE, json('targets.json'));
const source = (s: Partial<PrometheusSource> = {}): PrometheusSource => ({ prometheus: BASE, ...s });

function throwsKind(f: () => unknown, kind: string, message: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof PrometheusError, String(e));
    assert.equal(e.kind, kind);
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /\n/);
    return true;
  });
}

/** The recorded instances: api scrapes three (one killed before the record), worker one of them again. */
const recorded = () => {
  const api = targets.filter((t) => t.labels.job === 'api');
  const up = api.filter((t) => t.health === 'up').map((t) => t.labels.instance).sort();
  const down = api.find((t) => t.health === 'down')!;
  const worker = targets.find((t) => t.labels.job === 'worker')!;
  return { up, down, worker };
};

describe('targets from the recorded /api/v1/targets', () => {
  test('the recording holds 2 up and 1 down in job api, and worker sharing an instance with api', () => {
    const { up, down, worker } = recorded();
    assert.equal(targets.length, 4);
    assert.equal(up.length, 2);
    assert.match(down.lastError ?? '', /connection refused/);
    assert.ok(up.includes(worker.labels.instance));
  });

  test('job api: the instances up only, each with the scrape address and /debug/pprof, labels kept', () => {
    const { up } = recorded();
    const got = selectInstances(targets, source({ job: 'api' }));
    assert.deepEqual(got.map((i) => i.instance), up);
    for (const i of got) {
      assert.equal(i.url, `http://${i.instance}/debug/pprof`);
      assert.equal(i.labels.job, 'api');
      assert.equal(i.labels.zone, 'eu-1');
    }
  });

  test('no job: an instance scraped by two jobs is captured once', () => {
    const { up } = recorded();
    const got = selectInstances(targets, source());
    assert.deepEqual(got.map((i) => i.instance), up);
    assert.equal(new Set(got.map((i) => i.url)).size, got.length);
  });

  test('match is anchored at both ends, as PromQL =~', () => {
    assert.equal(selectInstances(targets, source({ job: 'api', match: { zone: 'eu-.*' } })).length, 2);
    throwsKind(() => selectInstances(targets, source({ job: 'api', match: { zone: 'eu' } })), 'noTargets', /^no targets up for job api matching zone=~"eu"$/);
    const f = compileMatch({ zone: 'eu-1|us-2', job: 'api' });
    assert.equal(f({ zone: 'us-2', job: 'api' }), true);
    assert.equal(f({ zone: 'us-2x', job: 'api' }), false);
    assert.equal(f({ zone: 'us-2' }), false, 'an absent label is the empty string');
    assert.equal(compileMatch({ team: '' })({ job: 'api' }), true);
  });

  test('a job whose targets are all down says so with the scrape error; an unknown job says no targets up', () => {
    throwsKind(() => selectInstances(targets, source({ job: 'api', match: { zone: 'us-2' } })), 'noTargets', /^no targets up for job api matching zone=~"us-2" \(1 down: Get .*connection refused\)$/);
    throwsKind(() => selectInstances(targets, source({ job: 'nope' })), 'noTargets', /^no targets up for job nope$/);
    throwsKind(() => selectInstances([], source()), 'noTargets', /^no targets up at http:\/\/127\.0\.0\.1:9090$/);
  });

  test('a bad regular expression in match is a one-line settings error', () => {
    throwsKind(() => selectInstances(targets, source({ match: { zone: '(' } })), 'config', /^match\.zone: "\(" is not a regular expression/);
  });

  test('pprofPort, pprofPath and scheme change the URL; the instance label stands in for a missing scrapeUrl', () => {
    const t: ActiveTarget = targets.find((x) => x.health === 'up')!;
    const host = new URL(t.scrapeUrl!).hostname;
    assert.equal(pprofUrlOf(t, { pprofPort: 6060 }), `http://${host}:6060/debug/pprof`);
    assert.equal(pprofUrlOf(t, { pprofPath: 'internal/pprof/' }), `http://${t.labels.instance}/internal/pprof`);
    assert.equal(pprofUrlOf(t, { pprofPath: '/' }), `http://${t.labels.instance}`);
    assert.equal(pprofUrlOf(t, { scheme: 'https', pprofPort: 8443 }), `https://${host}:8443/debug/pprof`);
    assert.equal(pprofUrlOf({ labels: { instance: 'api-7.internal:9100' } }, { pprofPort: 6060 }), 'http://api-7.internal:6060/debug/pprof');
    assert.equal(pprofUrlOf({ labels: { instance: '10.0.0.7:9100' } }, {}), 'http://10.0.0.7:9100/debug/pprof');
    assert.equal(pprofUrlOf({ labels: {} }, {}), undefined);
    assert.equal(pprofUrlOf({ labels: { instance: 'x' }, scrapeUrl: 'https://node-1:9443/metrics' }, {}), 'https://node-1:9443/debug/pprof');
  });

  test('two targets with different scrape ports but one pprof port are one instance', () => {
    const twice: ActiveTarget[] = [
      { labels: { instance: 'h:9100', job: 'node' }, scrapeUrl: 'http://h:9100/metrics', health: 'up' },
      { labels: { instance: 'h:8080', job: 'app' }, scrapeUrl: 'http://h:8080/metrics', health: 'up' },
    ];
    assert.deepEqual(selectInstances(twice, source({ pprofPort: 6060 })).map((i) => i.url), ['http://h:6060/debug/pprof']);
  });
});

describe('instant queries from the recorded /api/v1/query', () => {
  test('a vector: one sample per series, with its labels and value', () => {
    const s = parseVector(BASE, 'q', json('query-vector.json'));
    assert.equal(s.length, 2);
    for (const x of s) {
      assert.equal(x.metric.__name__, 'go_goroutines');
      assert.match(x.metric.instance, /^127\.0\.0\.1:\d+$/);
      assert.ok(Number(x.value[1]) > 0);
    }
    assert.deepEqual(parseVector(BASE, 'q', json('query-empty.json')), []);
  });

  test("a syntax error is Prometheus's own message", () => {
    throwsKind(() => parseVector(BASE, 'go_goroutines >', json('query-syntax-error.json', 400)), 'promql', /^PromQL error: invalid parameter "query": 1:16: parse error: unexpected end of input$/);
  });

  test('a scalar, a string or a range vector is refused: a condition needs an instant vector', () => {
    for (const [file, kind] of [['query-scalar.json', 'scalar'], ['query-string.json', 'string'], ['query-matrix.json', 'matrix']]) {
      throwsKind(() => parseVector(BASE, 'x', json(file)), 'promql', new RegExp(`gives a ${kind}, not an instant vector`));
    }
  });

  test("Prometheus's own web page, or any HTML, is not its API", () => {
    const html: PromAnswer = { status: 200, contentType: 'text/html; charset=utf-8', text: readFileSync(path.join(dir, 'prometheus-root.html'), 'utf8') };
    throwsKind(() => apiData(BASE, html), 'html', /^Prometheus at http:\/\/127\.0\.0\.1:9090 answered HTML, not its API: is the URL Prometheus's base URL\?$/);
    throwsKind(() => apiData(BASE, { ...html, contentType: '' }), 'html', /answered HTML/);
  });

  test('other answers: 401, plain text, JSON that is not the API, an API error that is not bad_data', () => {
    throwsKind(() => apiData(BASE, { status: 401, contentType: 'text/plain', text: 'Unauthorized\n' }), 'unauthorized', /answered 401 Unauthorized: set its credentials \(a bearer token, or user and password\) with "pprof: Set Endpoint Credentials" for http:\/\/127\.0\.0\.1:9090$/);
    throwsKind(() => apiData(BASE, { status: 404, contentType: 'text/plain', text: '404 page not found\n' }), 'answer', /answered 404 \("404 page not found"\), not its JSON API/);
    throwsKind(() => apiData(BASE, { status: 200, contentType: 'application/json', text: '{"hello":1}' }), 'answer', /not its JSON API/);
    throwsKind(() => apiData(BASE, { status: 503, contentType: 'application/json', text: '{"status":"error","errorType":"unavailable","error":"TSDB not ready"}' }), 'http', /answered an error \(unavailable\): TSDB not ready$/);
    throwsKind(() => parseTargets(BASE, json('query-vector.json')), 'answer', /no activeTargets list/);
  });
});
