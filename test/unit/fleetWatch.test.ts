// The pure parts of fleets and PromQL watches: the groups of pprofLens.targets, a static list's
// instances, the watch's arguments, which instances are due, the status-bar text; and the watch loop
// against a real Prometheus scraping real test services (its captures recorded instead of taken).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PromSample } from '../../src/fleet/fleetTypes';
import { prometheusQuery } from '../../src/fleet/prometheus';
import { PrometheusError } from '../../src/fleet/prometheusError';
import { groupDetail, groupLabel, readTargetGroups, staticInstances } from '../../src/fleet/targetGroups';
import { parseWatchArgs, WatchSpec } from '../../src/fleet/watchArgs';
import { dueInstances, runWatch } from '../../src/fleet/watchRun';
import { GoService, startGoService } from '../support/goService';
import { startPrometheus, StartedPrometheus } from '../support/prometheus';

describe('groups of pprofLens.targets', () => {
  test('a static list and a Prometheus source are read; anything else is named with why', () => {
    const { groups, problems } = readTargetGroups([
      { name: 'api', targets: ['10.0.0.1:6060', 'http://10.0.0.2:6060/debug/pprof'] },
      { prometheus: ' http://prom:9090 ', job: 'api', match: { zone: 'eu-.*' }, pprofPort: 6060 },
      { name: 'empty', targets: [] },
      { prometheus: 'http://prom:9090', pprofPort: 'x' },
      { hello: 1 },
      'text',
    ]);
    assert.deepEqual(groups, [
      { name: 'api', targets: ['10.0.0.1:6060', 'http://10.0.0.2:6060/debug/pprof'] },
      { name: undefined, prometheus: 'http://prom:9090', job: 'api', match: { zone: 'eu-.*' }, pprofPort: 6060, pprofPath: undefined, scheme: undefined },
    ]);
    assert.deepEqual(problems, [
      'pprofLens.targets item 3: "targets" of empty must be a non-empty list of URLs',
      'pprofLens.targets item 4: "pprofPort" must be a port number',
      'pprofLens.targets item 5: has no "url", "targets" or "prometheus"',
      'pprofLens.targets item 6: not an object: give { name, url }, { name, targets: [...] } or { prometheus, job? }',
    ]);
    assert.equal(groupLabel(groups[0]), 'api');
    assert.equal(groupLabel(groups[1]), 'api at http://prom:9090');
    assert.equal(groupDetail(groups[0]), '2 URLs listed in the settings');
    assert.equal(groupDetail(groups[1]), 'Prometheus http://prom:9090: job api, zone=~"eu-.*"');
  });

  test("a static list's instances: host:port and the pprof base, each base once", () => {
    assert.deepEqual(staticInstances(['10.0.0.1:6060', 'http://10.0.0.1:6060/debug/pprof/', 'https://b:443/x/debug/pprof/heap']), [
      { instance: '10.0.0.1:6060', url: 'http://10.0.0.1:6060/debug/pprof', labels: {} },
      { instance: 'b', url: 'https://b/x/debug/pprof', labels: {} },
    ]);
    assert.throws(() => staticInstances(['ftp://x']), PrometheusError);
  });
});

describe('the watch', () => {
  test('arguments: defaults, and each bad one in one line', () => {
    const s = parseWatchArgs({ prometheus: ' http://p:9090 ', query: ' up > 0 ', type: 'cpu' });
    assert.deepEqual(s, {
      prometheus: 'http://p:9090', query: 'up > 0', type: 'cpu', seconds: 30, timeoutSeconds: 3600, intervalSeconds: 5, cooldownSeconds: 600,
      pprofPort: undefined, pprofPath: undefined, scheme: undefined, open: true,
    });
    assert.equal(parseWatchArgs({ prometheus: 'p', query: 'q', type: 'heap', seconds: 5 }).seconds, undefined);
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ query: 'q', type: 'heap' }, /"prometheus"/],
      [{ prometheus: 'p', type: 'heap' }, /"query"/],
      [{ prometheus: 'p', query: 'q' }, /"type" must be one of/],
      [{ prometheus: 'p', query: 'q', type: 'cpu', seconds: 0 }, /"seconds"/],
      [{ prometheus: 'p', query: 'q', type: 'heap', timeoutSeconds: -1 }, /"timeoutSeconds"/],
      [{ prometheus: 'p', query: 'q', type: 'heap', intervalSeconds: 0 }, /"intervalSeconds"/],
      [{ prometheus: 'p', query: 'q', type: 'heap', cooldownSeconds: 'x' }, /"cooldownSeconds"/],
      [{ prometheus: 'p', query: 'q', type: 'heap', pprofPort: 70000 }, /"pprofPort"/],
      [{ prometheus: 'p', query: 'q', type: 'heap', scheme: 'ftp' }, /"scheme"/],
    ];
    for (const [arg, re] of bad) assert.throws(() => parseWatchArgs(arg), (e: unknown) => e instanceof PrometheusError && re.test(e.message));
  });

  test('due instances: named by the instance label, once each, not again within the cooldown', () => {
    const s = (instance?: string): PromSample => ({ metric: instance ? { instance } : { job: 'api' }, value: [0, '1'] });
    const last = new Map([['b:1', 1000]]);
    assert.deepEqual(dueInstances([s('c:1'), s('a:1'), s('a:1'), s(), s('b:1')], last, 5000, 10_000), ['a:1', 'c:1']);
    assert.deepEqual(dueInstances([s('b:1')], last, 11_000, 10_000), ['b:1']);
  });
});

describe('the watch loop against a real Prometheus', () => {
  let services: GoService[] = [];
  let prom: StartedPrometheus;
  const spec = (s: Partial<WatchSpec>): WatchSpec => ({
    prometheus: prom.url, query: 'go_goroutines > 0', type: 'goroutine', timeoutSeconds: 4, intervalSeconds: 1, cooldownSeconds: 600, open: false, ...s,
  });

  before(async () => {
    services = await Promise.all([0, 1].map(() => startGoService()));
    prom = await startPrometheus(services.map((s) => s.url));
  });

  after(async () => {
    await prom?.stop();
    await Promise.all(services.map((s) => s.stop()));
  });

  test('every instance whose series holds is captured once within the cooldown, then again after it', async () => {
    const hosts = services.map((s) => new URL(s.url).host).sort();
    const asked: string[] = [];
    const run = (cooldownSeconds: number) =>
      runWatch(spec({ cooldownSeconds }), {
        signal: new AbortController().signal,
        query: (signal) => prometheusQuery(prom.url, 'go_goroutines > 0', { signal }),
        capture: async (i) => (asked.push(i), `/captures/${i}`),
      });
    const once = await run(600);
    assert.equal(once.reason, 'timeout');
    assert.deepEqual(once.captures.map((c) => c.instance).sort(), hosts);
    assert.deepEqual([...asked].sort(), hosts);
    asked.length = 0;
    const again = await run(0);
    for (const h of hosts) assert.ok(asked.filter((i) => i === h).length >= 2, `${h} captured ${asked.filter((i) => i === h).length} times with no cooldown`);
    assert.equal(again.captures.length, asked.length);
  });

  test('a failed capture is not retried within the cooldown; a stop ends the watch', async () => {
    const asked: string[] = [];
    const stop = new AbortController();
    const ended = runWatch(spec({ timeoutSeconds: 60 }), {
      signal: stop.signal,
      query: (signal) => prometheusQuery(prom.url, 'go_goroutines > 0', { signal }),
      capture: async (i) => (asked.push(i), undefined),
    });
    await new Promise((r) => setTimeout(r, 3000));
    stop.abort();
    const end = await ended;
    assert.equal(end.reason, 'stopped');
    assert.deepEqual(end.captures, []);
    assert.equal(asked.length, 2);
  });

  test('a syntax error ends the watch with the message; series without an instance label are reported once', async () => {
    const end = await runWatch(spec({}), { signal: new AbortController().signal, query: () => prometheusQuery(prom.url, 'go_goroutines >'), capture: async () => 'x' });
    assert.deepEqual(end, { reason: 'promql', message: 'PromQL error: invalid parameter "query": 1:16: parse error: unexpected end of input', captures: [] });
    let told = 0;
    let captured = 0;
    const summed = await runWatch(spec({ timeoutSeconds: 3 }), {
      signal: new AbortController().signal,
      query: () => prometheusQuery(prom.url, 'sum(go_goroutines) > 0'),
      capture: async () => (captured++, 'x'),
      onNoInstance: () => told++,
    });
    assert.equal(summed.reason, 'timeout');
    assert.equal(told, 1);
    assert.equal(captured, 0);
  });
});
