// prometheusTargets and prometheusQuery against the real Prometheus (Debian's, started by the test)
// scraping three real test services: discovery, the job and match filters, an instance killed, queries,
// a PromQL syntax error, Prometheus down, an HTML page where the API should be, an empty job; and one
// behind TLS and basic auth (its web config), reached with its CA and credentials, refused without.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { prometheusQuery, prometheusTargets, PrometheusError } from '../../src/fleet/prometheus';
import { GoService, startGoService } from '../support/goService';
import { PrometheusWeb, prometheusWeb, startPrometheus, StartedPrometheus } from '../support/prometheus';

async function rejectsWith(p: Promise<unknown>, kind: string, message: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof PrometheusError, String(e));
    assert.equal(e.kind, kind);
    assert.match(e.message, message);
    return true;
  });
}

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function eventually<T>(what: string, f: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('a real Prometheus scraping three test services', () => {
  let services: GoService[] = [];
  let prom: StartedPrometheus;
  const hostOf = (s: GoService) => new URL(s.url).host;

  before(async () => {
    services = await Promise.all([0, 1, 2].map(() => startGoService()));
    prom = await startPrometheus(services.map((s) => s.url), { job: 'api' });
  });

  after(async () => {
    await prom?.stop();
    await Promise.all(services.map((s) => s.stop()));
  });

  test('discovery: the three instances, each with its pprof URL and labels; the pprof URL serves a profile', async () => {
    const got = await prometheusTargets({ prometheus: prom.url, job: 'api' });
    assert.deepEqual(got.map((i) => i.instance).sort(), services.map(hostOf).sort());
    for (const i of got) {
      assert.equal(i.url, `http://${i.instance}/debug/pprof`);
      assert.deepEqual(i.labels, { instance: i.instance, job: 'api' });
    }
    const res = await fetch(`${got[0].url}/goroutine?debug=1`);
    assert.match(await res.text(), /^goroutine profile: total \d+/);
  });

  test('a base URL with a trailing slash, or as host:port, is the same Prometheus', async () => {
    assert.equal((await prometheusTargets({ prometheus: `${prom.url}/` })).length, 3);
    assert.equal((await prometheusTargets({ prometheus: new URL(prom.url).host })).length, 3);
  });

  test('match filters by label, anchored', async () => {
    const one = hostOf(services[1]);
    const got = await prometheusTargets({ prometheus: prom.url, match: { instance: one.replace(/\./g, '\\.') } });
    assert.deepEqual(got.map((i) => i.instance), [one]);
    await rejectsWith(prometheusTargets({ prometheus: prom.url, match: { instance: '127.0.0.1' } }), 'noTargets', /^no targets up at .* matching instance=~"127\.0\.0\.1"$/);
  });

  test('a job with no targets: one line naming the job', async () => {
    await rejectsWith(prometheusTargets({ prometheus: prom.url, job: 'nope' }), 'noTargets', /^no targets up for job nope$/);
  });

  test('an instant query: one sample per instance, with its instance label', async () => {
    const s = await prometheusQuery(prom.url, 'go_goroutines{job="api"} > 0');
    assert.deepEqual(s.map((x) => x.metric.instance).sort(), services.map(hostOf).sort());
    for (const x of s) assert.ok(Number(x.value[1]) >= 1);
    assert.deepEqual(await prometheusQuery(prom.url, 'go_goroutines > 1e9'), []);
    const heap = await prometheusQuery(prom.url, 'go_memstats_heap_inuse_bytes > 0');
    assert.equal(heap.length, 3);
  });

  test('a long query goes as a POST form and gives the same answer', async () => {
    const long = `go_goroutines{job="api"} > 0 ${' or go_goroutines{job="none"}'.repeat(60)}`;
    assert.ok(long.length > 1500);
    assert.equal((await prometheusQuery(prom.url, long)).length, 3);
  });

  test("a PromQL syntax error is Prometheus's own message", async () => {
    await rejectsWith(prometheusQuery(prom.url, 'go_goroutines >'), 'promql', /^PromQL error: invalid parameter "query": 1:16: parse error: unexpected end of input$/);
    await rejectsWith(prometheusQuery(prom.url, '1 + 1'), 'promql', /gives a scalar, not an instant vector/);
  });

  test('an HTML page where the API should be (a dashboard at the URL given)', async () => {
    await rejectsWith(prometheusQuery(`${services[0].url}/dashboard`, 'up'), 'html', /^Prometheus at http:\/\/127\.0\.0\.1:\d+\/dashboard answered HTML, not its API: is the URL Prometheus's base URL\?$/);
    await rejectsWith(prometheusTargets({ prometheus: `${services[0].url}/dashboard` }), 'html', /answered HTML/);
  });

  test('the service itself, which is not Prometheus: 404 in plain text', async () => {
    await rejectsWith(prometheusTargets({ prometheus: services[0].url }), 'answer', /answered 404 \("404 page not found"\), not its JSON API/);
  });

  test('Prometheus down: connection refused in one line', async () => {
    const port = await closedPort();
    await rejectsWith(prometheusTargets({ prometheus: `http://127.0.0.1:${port}` }), 'unreachable', new RegExp(`^Prometheus at http://127\\.0\\.0\\.1:${port} is not reachable \\(connection refused\\): is it running\\?$`));
    await rejectsWith(prometheusQuery(`http://127.0.0.1:${port}`, 'up'), 'unreachable', /connection refused/);
  });

  test('one instance killed: two up after a scrape, and it is named as down when it is the only one asked for', async () => {
    const dead = services[2];
    await dead.stop();
    const got = await eventually('two instances up', async () => {
      const i = await prometheusTargets({ prometheus: prom.url, job: 'api' });
      return i.length === 2 ? i : undefined;
    });
    assert.deepEqual(got.map((i) => i.instance).sort(), [hostOf(services[0]), hostOf(services[1])].sort());
    await rejectsWith(
      prometheusTargets({ prometheus: prom.url, job: 'api', match: { instance: hostOf(dead).replace(/\./g, '\\.') } }),
      'noTargets',
      /^no targets up for job api matching instance=~".*" \(1 down: .*connection refused\)$/,
    );
  });
});

describe('a Prometheus behind TLS and basic auth', () => {
  let service: GoService;
  let prom: StartedPrometheus;
  let dir: string;
  let web: PrometheusWeb;
  const basic = () => `Basic ${Buffer.from(`${web.user}:${web.password}`).toString('base64')}`;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'prometheus-web-'));
    web = prometheusWeb(dir);
    service = await startGoService();
    prom = await startPrometheus([service.url], { job: 'api', web });
  });

  after(async () => {
    await prom?.stop();
    await service?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('with its CA and the credentials: the instances and queries as without', async () => {
    assert.match(prom.url, /^https:/);
    const access = { ca: readFileSync(web.certFile, 'utf8'), authorization: basic() };
    const got = await prometheusTargets({ prometheus: prom.url, job: 'api' }, access);
    assert.deepEqual(got.map((i) => i.instance), [new URL(service.url).host]);
    assert.equal((await prometheusQuery(prom.url, 'go_goroutines > 0', access)).length, 1);
  });

  test('without its CA: a TLS error naming the setting', async () => {
    await rejectsWith(prometheusTargets({ prometheus: prom.url }, { authorization: basic() }), 'unreachable', /^Prometheus at https:\/\/127\.0\.0\.1:\d+: TLS error \(\w+\): set pprofLens\.capture\.caFile to its CA's PEM file$/);
  });

  test('without credentials, or with wrong ones: 401 and where to set them', async () => {
    const ca = readFileSync(web.certFile, 'utf8');
    for (const authorization of [undefined, 'Basic cHByb2Y6bm9wZQ==', 'Bearer nope']) {
      await rejectsWith(prometheusQuery(prom.url, 'up', { ca, authorization }), 'unauthorized', /answered 401 Unauthorized: set its credentials .* "pprof: Set Endpoint Credentials" for https:\/\/127\.0\.0\.1:\d+$/);
    }
  });
});
