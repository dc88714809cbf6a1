// The pure parts of Load and Profile: the argument object against the settings' bounds, which hosts need a
// yes, the latency buckets, the summary from autocannon's result, the run record, and the CPU windows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { windowLengths } from '../../src/load/cpuWindows';
import { LatencyBuckets } from '../../src/load/latencyHistogram';
import { loadKey, parseHeaders, parseLoadArgs, type LoadArgs } from '../../src/load/loadArgs';
import { isLoopbackHost, needsConfirmation } from '../../src/load/loadHosts';
import { loadRunRecord } from '../../src/load/loadRecord';
import { countsOf, errorCause, loadNotes, summaryOf, type AutocannonResult } from '../../src/load/loadSummary';
import { parseRunRecord } from '../../src/protocol/runRecord';

const bounds = { maxSeconds: 60, maxConnections: 32, defaultConnections: 8, timeoutSeconds: 10 };

describe('load arguments', () => {
  test('defaults: GET, the setting\'s connections and timeout, the pprof target on the same host and port', () => {
    const s = parseLoadArgs({ url: '127.0.0.1:8080/work?x=1', seconds: 5 }, bounds);
    assert.deepEqual(s, {
      url: 'http://127.0.0.1:8080/work?x=1', method: 'GET', headers: {}, body: undefined, seconds: 5, connections: 8,
      timeoutSeconds: 10, target: 'http://127.0.0.1:8080/debug/pprof', open: true,
    });
    assert.equal(loadKey(s), 'GET http://127.0.0.1:8080/work?x=1');
  });

  test('a given target, method, headers and body are kept', () => {
    const s = parseLoadArgs({ url: 'http://h:1/a', target: 'h:6060', seconds: 1, method: 'post', headers: { 'X-A': 'b' }, body: '{}', connections: 32, open: false }, bounds);
    assert.equal(s.method, 'POST');
    assert.equal(s.target, 'h:6060');
    assert.deepEqual(s.headers, { 'X-A': 'b' });
    assert.equal(s.body, '{}');
    assert.equal(s.open, false);
  });

  const bad: [string, LoadArgs, RegExp][] = [
    ['seconds over the bound names the setting', { url: 'h:1', seconds: 61 }, /seconds 61 is over the limit of 60: raise pprofLens\.load\.maxSeconds/],
    ['connections over the bound names the setting', { url: 'h:1', seconds: 1, connections: 33 }, /raise pprofLens\.load\.maxConnections/],
    ['seconds not whole', { url: 'h:1', seconds: 1.5 }, /seconds must be a whole number from 1 to 60, not 1.5/],
    ['zero connections', { url: 'h:1', seconds: 1, connections: 0 }, /connections must be a whole number/],
    ['not http', { url: 'ftp://h/x', seconds: 1 }, /Only http and https URLs can be loaded, not ftp/],
    ['not a URL', { url: 'http://[::1', seconds: 1 }, /is not a URL/],
    ['credentials in the URL', { url: 'http://u:p@h:1/', seconds: 1 }, /credentials in a header/],
    ['unknown method', { url: 'h:1', seconds: 1, method: 'BREW' }, /method "BREW" is not one of/],
    ['a GET with a body', { url: 'h:1', seconds: 1, body: 'x' }, /A GET request has no body/],
    ['a header with a newline', { url: 'h:1', seconds: 1, headers: { A: 'x\r\ny: z' } }, /header A must be a one-line string/],
    ['a bad header name', { url: 'h:1', seconds: 1, headers: { 'a b': 'x' } }, /"a b" is not a header name/],
    ['a negative timeout', { url: 'h:1', seconds: 1, timeoutSeconds: -1 }, /timeoutSeconds must be a positive number/],
  ];
  for (const [name, args, message] of bad) {
    test(`refused in one line: ${name}`, () => {
      assert.throws(() => parseLoadArgs(args, bounds), (e: Error) => message.test(e.message) && !e.message.includes('\n'));
    });
  }

  test('headers typed as "Name: value; …"', () => {
    assert.deepEqual(parseHeaders('Content-Type: application/json; Authorization: Bearer a:b'), { 'Content-Type': 'application/json', Authorization: 'Bearer a:b' });
    assert.deepEqual(parseHeaders('  '), {});
    assert.equal(parseHeaders('no colon here'), undefined);
  });
});

describe('hosts that need a yes', () => {
  const cases: [string, boolean][] = [['127.0.0.1', true], ['127.3.4.5', true], ['localhost', true], ['[::1]', true], ['10.0.0.1', false], ['example.com', false], ['127.0.0.1.example.com', false]];
  for (const [host, loopback] of cases) test(`${host} is ${loopback ? '' : 'not '}loopback`, () => assert.equal(isLoopbackHost(host), loopback));

  test('outside loopback: asked unless allowed (by host or host:port) or said yes to before', () => {
    const u = new URL('http://api.example.com:8080/x');
    assert.equal(needsConfirmation(u, [], []), true);
    assert.equal(needsConfirmation(u, ['API.example.com'], []), false);
    assert.equal(needsConfirmation(u, ['api.example.com:8080'], []), false);
    assert.equal(needsConfirmation(u, ['api.example.com:9090'], []), true);
    assert.equal(needsConfirmation(u, [], ['api.example.com:8080']), false);
    assert.equal(needsConfirmation(new URL('http://127.0.0.1:1/'), [], []), false);
  });
});

describe('latency buckets', () => {
  test('four buckets per doubling, the span that holds any, empty ones between kept, every request counted', () => {
    const b = new LatencyBuckets();
    for (const ms of [1, 1.1, 1.9, 4, 4.1, 0.01, Number.NaN, -1]) b.add(ms);
    const h = b.histogram()!;
    assert.equal(b.count, 6);
    assert.equal(h.counts.reduce((a, c) => a + c, 0), 6);
    assert.equal(h.edgesMs.length, h.counts.length + 1);
    assert.equal(h.edgesMs[0], 0, 'the lowest bucket starts at 0');
    for (let i = 1; i < h.edgesMs.length; i++) assert.ok(h.edgesMs[i] > h.edgesMs[i - 1]);
    // Each value lies in its bucket.
    const at = (ms: number) => h.edgesMs.findIndex((e, i) => ms >= e && ms < h.edgesMs[i + 1]);
    assert.equal(h.counts[at(1)], 2, '1 and 1.1 share [1, 1.189)');
    assert.equal(h.counts[at(4)], 2);
    assert.equal(h.counts[at(1.9)], 1);
    assert.equal(h.edgesMs.at(-1)! > 4.1, true);
  });

  test('no response, no histogram', () => assert.equal(new LatencyBuckets().histogram(), undefined));
});

const result = (more: Partial<AutocannonResult> = {}): AutocannonResult => ({
  requests: { total: 300, average: 100 },
  latency: { p50: 3, p90: 7, p99: 12, max: 40, average: 4 },
  errors: 5,
  timeouts: 2,
  non2xx: 30,
  duration: 3.01,
  statusCodeStats: { '200': { count: 270 }, '500': { count: 30 } },
  ...more,
});

describe('summary and record', () => {
  test('the summary: responses, errors, non-2xx, responses per second over the run, the percentiles', () => {
    assert.deepEqual(summaryOf(result()), { requests: 300, errors: 5, non2xx: 30, rps: 99.7, latencyMs: { p50: 3, p90: 7, p99: 12, max: 40 } });
  });

  test('no response: zeros, not autocannon\'s empty-histogram values', () => {
    const s = summaryOf(result({ requests: { total: 0, average: 0 }, latency: { p50: 0, p90: 0, p99: 0, max: 0, average: 0 } }));
    assert.deepEqual(s.latencyMs, { p50: 0, p90: 0, p99: 0, max: 0 });
    assert.equal(s.rps, 0);
  });

  test('notes: status codes and error causes, most frequent first', () => {
    const counts = countsOf(result(), { ECONNREFUSED: 3, timeout: 2 });
    assert.deepEqual(loadNotes(counts), ['Status: 200 × 270, 500 × 30', 'Errors: ECONNREFUSED × 3, timeout × 2']);
    assert.equal(errorCause(Object.assign(new Error('x'), { code: 'ECONNRESET' })), 'ECONNRESET');
    assert.equal(errorCause(new Error('request timed out')), 'timeout');
  });

  test('the run record: kind load, keyed by method and URL, the metrics of the summary, and it reads back', () => {
    const spec = parseLoadArgs({ url: 'http://127.0.0.1:8080/work', seconds: 3, connections: 1 }, bounds);
    const s = summaryOf(result());
    const h = { edgesMs: [0, 1, 2], counts: [100, 200] };
    const r = loadRunRecord(spec, s, countsOf(result(), {}), h, 1_700_000_000_000, 'x-cpu.pb.gz');
    assert.equal(r.kind, 'load');
    assert.equal(r.key, 'GET http://127.0.0.1:8080/work');
    assert.equal(r.title, 'GET /work · 3 s · 1 connection');
    const m = Object.fromEntries(r.metrics.map((x) => [x.key, x]));
    assert.deepEqual(Object.keys(m), ['requests', 'rps', 'errors', 'non2xx', 'p50', 'p90', 'p99', 'max']);
    assert.deepEqual([m.p99.value, m.p99.unit, m.p99.better], [12, 'ms', 'lower']);
    assert.deepEqual([m.rps.value, m.rps.unit, m.rps.better], [99.7, 'per_second', 'higher']);
    assert.deepEqual([m.non2xx.unit, m.errors.better], ['count', 'lower']);
    const back = parseRunRecord(JSON.stringify(r));
    assert.deepEqual(back, JSON.parse(JSON.stringify(r)));
    assert.doesNotMatch(JSON.stringify(r), /Authorization/i);
  });
});

describe('CPU windows', () => {
  const cases: [number, number, number[]][] = [
    [10, 3, [3, 3, 3, 1]],
    [9, 3, [3, 3, 3]],
    [2, 3, [2]],
    [3, 3, [3]],
    [10, 0, [10]],
  ];
  for (const [seconds, window, lengths] of cases) {
    test(`${seconds} s in windows of ${window}: ${lengths.join(', ')}`, () => assert.deepEqual(windowLengths(seconds, window), lengths));
  }
});
