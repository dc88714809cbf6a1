import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CaptureError } from '../../src/capture/captureError';
import { browserFetchError, networkError, statusError, timeoutError } from '../../src/capture/classify';
import { authorizationHeader, parseStoredCredentials } from '../../src/capture/credentials';
import { buildCaptureRequest, CaptureTarget } from '../../src/capture/policy';
import { PROFILE_TYPES, ProfileType } from '../../src/capture/profileTypes';
import { checkProfileBody } from '../../src/capture/sniff';
import { hasCaptureArgs, parseCaptureArgs } from '../../src/capture/captureArgs';
import { recentUrlOf, targetFor, withoutCredentials } from '../../src/capture/targets';
import { parseTargetUrl, validateTargetInput } from '../../src/capture/targetUrl';

describe('parseTargetUrl', () => {
  const cases: { name: string; input: string; origin: string; base: string; type?: ProfileType; query?: [string, string][] }[] = [
    { name: 'host:port gets http and the default base', input: 'localhost:6060', origin: 'http://localhost:6060', base: '/debug/pprof' },
    { name: 'a bare :port means localhost', input: ':6060', origin: 'http://localhost:6060', base: '/debug/pprof' },
    { name: 'an http origin with a slash', input: 'http://127.0.0.1:6060/', origin: 'http://127.0.0.1:6060', base: '/debug/pprof' },
    { name: 'https keeps its scheme', input: 'https://svc.example:8443', origin: 'https://svc.example:8443', base: '/debug/pprof' },
    { name: 'a base path', input: 'http://h:1/debug/pprof', origin: 'http://h:1', base: '/debug/pprof' },
    { name: 'a base path with a trailing slash', input: 'http://h:1/debug/pprof/', origin: 'http://h:1', base: '/debug/pprof' },
    { name: 'a custom mount', input: 'h:1/admin/pprof', origin: 'http://h:1', base: '/admin/pprof' },
    { name: 'a full heap URL names the type', input: 'http://h:1/debug/pprof/heap', origin: 'http://h:1', base: '/debug/pprof', type: 'heap' },
    { name: 'the profile endpoint is cpu', input: 'h:1/debug/pprof/profile?seconds=5', origin: 'http://h:1', base: '/debug/pprof', type: 'cpu' },
    { name: 'a profile at the root', input: 'http://h:1/goroutine', origin: 'http://h:1', base: '', type: 'goroutine' },
    { name: 'other query parameters survive, seconds and debug do not', input: 'h:1/debug/pprof/heap?debug=1&tenant=a', origin: 'http://h:1', base: '/debug/pprof', type: 'heap', query: [['tenant', 'a']] },
    { name: 'surrounding spaces are ignored', input: '  h:1  ', origin: 'http://h:1', base: '/debug/pprof' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const t = parseTargetUrl(c.input);
      assert.equal(t.origin, c.origin);
      assert.equal(t.basePath, c.base);
      assert.equal(t.profileType, c.type);
      assert.deepEqual(t.query, c.query ?? []);
    });
  }

  test('credentials in the URL are taken out of the origin', () => {
    const t = parseTargetUrl('http://alice:s%3Dcret@h:1/debug/pprof');
    assert.equal(t.origin, 'http://h:1');
    assert.deepEqual(t.basic, { username: 'alice', password: 's=cret' });
  });

  const bad: { name: string; input: string; says: RegExp }[] = [
    { name: 'empty', input: '   ', says: /empty/ },
    { name: 'another scheme', input: 'ftp://h:1', says: /only http and https/i },
    { name: 'not a URL', input: 'http://', says: /not a URL|no host/ },
    { name: 'a bad port', input: 'h:99999', says: /not a URL/ },
  ];
  for (const c of bad) {
    test(`rejects ${c.name} input with one line`, () => {
      assert.throws(() => parseTargetUrl(c.input), (e: unknown) => e instanceof CaptureError && e.kind === 'invalid' && c.says.test(e.message) && !e.message.includes('\n'));
      assert.match(validateTargetInput(c.input) ?? '', c.says);
    });
  }
});

describe('buildCaptureRequest', () => {
  const target: CaptureTarget = { url: 'localhost:6060' };

  test('cpu asks for the seconds and waits 1.5x as long', () => {
    const r = buildCaptureRequest(target, 'cpu', 10);
    assert.equal(r.url, 'http://localhost:6060/debug/pprof/profile?seconds=10');
    assert.equal(r.timeoutMs, 15_000);
    assert.equal(r.seconds, 10);
  });

  test('cpu without seconds uses 30 s', () => {
    const r = buildCaptureRequest(target, 'cpu', undefined);
    assert.equal(r.url, 'http://localhost:6060/debug/pprof/profile?seconds=30');
    assert.equal(r.timeoutMs, 45_000);
  });

  const others = PROFILE_TYPES.filter((t) => t !== 'cpu');
  for (const type of others) {
    test(`${type} has no seconds and a 60 s timeout`, () => {
      const r = buildCaptureRequest(target, type, 10);
      assert.equal(r.url, `http://localhost:6060/debug/pprof/${type}`);
      assert.equal(r.timeoutMs, 60_000);
      assert.equal(r.seconds, undefined);
    });
  }

  test('gc=1 is added for heap only', () => {
    assert.equal(buildCaptureRequest(target, 'heap', undefined, { gc: true }).url, 'http://localhost:6060/debug/pprof/heap?gc=1');
    assert.equal(buildCaptureRequest(target, 'allocs', undefined, { gc: true }).url, 'http://localhost:6060/debug/pprof/allocs');
  });

  test('the type given replaces the one in a full profile URL', () => {
    const r = buildCaptureRequest({ url: 'http://h:1/debug/pprof/heap?tenant=a' }, 'goroutine', undefined);
    assert.equal(r.url, 'http://h:1/debug/pprof/goroutine?tenant=a');
  });

  test('a full profile URL is enough without a type', () => {
    const r = buildCaptureRequest({ url: 'http://h:1/debug/pprof/profile?seconds=99' }, undefined, 5);
    assert.equal(r.type, 'cpu');
    assert.equal(r.url, 'http://h:1/debug/pprof/profile?seconds=5');
  });

  test('without a type or a profile in the URL it asks which profile', () => {
    assert.throws(() => buildCaptureRequest(target, undefined, undefined), /Which profile\?/);
  });

  for (const s of [0, -1, 1.5, Number.NaN, 3601]) {
    test(`cpu refuses ${s} seconds`, () => {
      assert.throws(() => buildCaptureRequest(target, 'cpu', s), /whole number from 1 to 3600/);
    });
  }

  test('limits default to 256 MB and 5 redirects, and options override them', () => {
    const d = buildCaptureRequest(target, 'heap', undefined);
    assert.equal(d.maxBodyBytes, 256 * 1024 * 1024);
    assert.equal(d.maxRedirects, 5);
    const o = buildCaptureRequest(target, 'heap', undefined, { maxBodyBytes: 10, maxRedirects: 1, timeoutMs: 5 });
    assert.deepEqual([o.maxBodyBytes, o.maxRedirects, o.timeoutMs], [10, 1, 5]);
  });

  test('the label is the target name, else host:port', () => {
    assert.equal(buildCaptureRequest({ name: 'api prod', url: 'h:1' }, 'heap', undefined).label, 'api prod');
    assert.equal(buildCaptureRequest(target, 'heap', undefined).label, 'localhost:6060');
  });

  test('target headers are sent, and stored credentials replace an Authorization header', () => {
    const r = buildCaptureRequest({ url: 'h:1', headers: { 'X-Tenant': 'a', authorization: 'Bearer old' } }, 'heap', undefined, {
      credentials: { kind: 'bearer', token: 'new' },
    });
    assert.equal(r.headers['X-Tenant'], 'a');
    assert.equal(r.headers.Authorization, 'Bearer new');
    assert.equal(r.headers.authorization, undefined);
  });

  test('user:password in the URL becomes basic auth and stays out of the URLs', () => {
    const r = buildCaptureRequest({ url: 'http://alice:pw@h:1' }, 'heap', undefined);
    assert.equal(r.headers.Authorization, `Basic ${Buffer.from('alice:pw').toString('base64')}`);
    assert.equal(r.url, 'http://h:1/debug/pprof/heap');
    assert.equal(r.baseUrl, 'http://h:1/debug/pprof');
  });

  test('skipping TLS verification needs the target to opt in', () => {
    assert.equal(buildCaptureRequest({ url: 'https://h:1' }, 'heap', undefined).insecureSkipVerify, false);
    assert.equal(buildCaptureRequest({ url: 'https://h:1', insecureSkipVerify: true }, 'heap', undefined).insecureSkipVerify, true);
  });
});

describe('credentials', () => {
  test('bearer and basic become Authorization values', () => {
    assert.equal(authorizationHeader({ kind: 'bearer', token: 't' }), 'Bearer t');
    assert.equal(authorizationHeader({ kind: 'basic', username: 'u', password: 'p' }), 'Basic dTpw');
  });
  const stored: [string, string | undefined, unknown][] = [
    ['a bearer entry', '{"kind":"bearer","token":"t"}', { kind: 'bearer', token: 't' }],
    ['a basic entry', '{"kind":"basic","username":"u","password":"p"}', { kind: 'basic', username: 'u', password: 'p' }],
    ['nothing', undefined, undefined],
    ['corrupt JSON', '{', undefined],
    ['an empty token', '{"kind":"bearer","token":""}', undefined],
  ];
  for (const [name, raw, want] of stored) test(`parses ${name}`, () => assert.deepEqual(parseStoredCredentials(raw), want));
});

describe('error messages', () => {
  const cpu = buildCaptureRequest({ url: 'h:1' }, 'cpu', 30, { credentials: { kind: 'bearer', token: 'SECRET' } });
  const heap = buildCaptureRequest({ url: 'h:1' }, 'heap', undefined);
  const cases: { name: string; err: CaptureError; kind: string; says: RegExp }[] = [
    { name: 'refused', err: networkError(heap, { code: 'ECONNREFUSED' }, 0, false), kind: 'refused', says: /is the service running, and on that port/ },
    { name: '404', err: statusError(heap, heap.url, 404, '404 page not found'), kind: 'notFound', says: /net\/http\/pprof imported.*mounted/ },
    { name: '401', err: statusError(heap, heap.url, 401, ''), kind: 'unauthorized', says: /Set Endpoint Credentials/ },
    { name: '403', err: statusError(heap, heap.url, 403, ''), kind: 'unauthorized', says: /Forbidden: set credentials/ },
    { name: 'WriteTimeout', err: statusError(cpu, cpu.url, 400, "profile duration exceeds server's WriteTimeout\n"), kind: 'writeTimeout', says: /WriteTimeout is shorter than the 30 s/ },
    { name: 'cpu timeout', err: timeoutError(cpu), kind: 'timeout', says: /within 45 s; the server's WriteTimeout may be shorter than the 30 s/ },
    { name: 'heap timeout', err: timeoutError(heap), kind: 'timeout', says: /within 60 s; is the service overloaded/ },
    { name: 'TLS', err: networkError(heap, { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }, 0, false), kind: 'tls', says: /caFile.*insecureSkipVerify/ },
    { name: 'reset mid-body', err: networkError(heap, { code: 'ECONNRESET', message: 'aborted' }, 1000, true), kind: 'closed', says: /after 1000 bytes, before the profile was complete/ },
    { name: 'hang-up before answering', err: networkError(heap, { code: 'ECONNRESET', message: 'socket hang up' }, 0, false), kind: 'closed', says: /before answering/ },
    { name: 'DNS', err: networkError(heap, { code: 'ENOTFOUND' }, 0, false), kind: 'dns', says: /host name/ },
    { name: 'browser, another origin', err: browserFetchError(heap, 'http://127.0.0.1:8080'), kind: 'browser', says: /could not read http:\/\/h:1\/debug\/pprof\/heap: http:\/\/h:1 does not allow http:\/\/127\.0\.0\.1:8080 to read it \(CORS.*use the desktop VS Code, or save the profile/ },
    { name: 'browser, http from https', err: browserFetchError(buildCaptureRequest({ url: 'http://10.0.0.7:6060' }, 'heap', undefined), 'https://vscode.dev'), kind: 'browser', says: /blocked .*served over https and the target over http \(mixed content\); serve pprof over https, or use the desktop VS Code/ },
    { name: 'browser, http loopback from https', err: browserFetchError(buildCaptureRequest({ url: 'http://127.0.0.1:6060' }, 'heap', undefined), 'https://vscode.dev'), kind: 'browser', says: /CORS/ },
  ];
  for (const c of cases) {
    test(`${c.name} gets its own one-line message with a hint and no token`, () => {
      assert.equal(c.err.kind, c.kind);
      assert.match(c.err.message, c.says);
      assert.ok(!c.err.message.includes('\n'));
      assert.ok(!c.err.message.includes('SECRET'));
    });
  }
});

describe('checkProfileBody', () => {
  const req = buildCaptureRequest({ url: 'h:1' }, 'heap', undefined);
  const bodies: { name: string; body: Buffer; kind?: string }[] = [
    { name: 'gzip', body: Buffer.from([0x1f, 0x8b, 8, 0]) },
    { name: 'raw protobuf', body: Buffer.from([0x0a, 0x04, 0x08, 0x01, 0x10, 0x02]) },
    { name: 'an HTML page', body: Buffer.from('\n<!DOCTYPE html><html>login</html>'), kind: 'html' },
    { name: 'a text goroutine dump', body: Buffer.from('goroutine profile: total 3\n'), kind: 'text' },
    { name: 'an empty body', body: Buffer.alloc(0), kind: 'empty' },
  ];
  for (const b of bodies) {
    test(b.kind ? `refuses ${b.name}` : `lets ${b.name} through to the decoder`, () => {
      if (!b.kind) return assert.doesNotThrow(() => checkProfileBody(req, b.body));
      assert.throws(() => checkProfileBody(req, b.body), (e: unknown) => e instanceof CaptureError && e.kind === b.kind);
    });
  }
});

describe('targets', () => {
  const configured: CaptureTarget[] = [
    { name: 'api', url: 'http://api:6060', headers: { 'X-Env': 'prod' } },
    { name: 'tls', url: 'https://h:8443/admin/pprof', insecureSkipVerify: true },
  ];
  test('a URL on a configured base picks up its name, headers and TLS opt-in, and keeps the URL given', () => {
    assert.deepEqual(targetFor({ url: 'api:6060/debug/pprof/heap' }, configured), { ...configured[0], url: 'api:6060/debug/pprof/heap' });
    assert.equal(targetFor({ url: 'https://h:8443/admin/pprof/' }, configured).insecureSkipVerify, true);
  });
  test('a name picks its target even with another URL', () => {
    assert.equal(targetFor({ url: 'http://other:1', name: 'tls' }, configured).insecureSkipVerify, true);
  });
  test('an unknown URL is a bare target', () => {
    assert.deepEqual(targetFor({ url: 'http://other:1' }, configured), { url: 'http://other:1', name: undefined });
  });
  const recent: [string, string | undefined][] = [
    ['localhost:6060', 'http://localhost:6060/debug/pprof'],
    ['http://u:p@h:1/debug/pprof/heap?tenant=a&seconds=3', 'http://h:1/debug/pprof?tenant=a'],
    ['ftp://x', undefined],
  ];
  for (const [url, want] of recent) test(`remembers ${url} as ${want}`, () => assert.equal(recentUrlOf(url), want));
  test('credentials are stripped from a URL before it is stored', () => {
    assert.equal(withoutCredentials('http://u:p@h:1/debug/pprof/heap'), 'http://h:1/debug/pprof/heap');
    assert.equal(withoutCredentials('h:1'), 'h:1');
  });
});

describe('capture arguments', () => {
  test('only an object with a url counts as arguments', () => {
    assert.equal(hasCaptureArgs({ url: 'h:1' }), true);
    for (const v of [undefined, null, 'h:1', { uri: 'x' }]) assert.equal(hasCaptureArgs(v), false);
  });
  test('defaults: open, no gc', () => {
    assert.deepEqual(parseCaptureArgs({ url: ' h:1 ', type: 'cpu', seconds: 5 }), { spec: { url: 'h:1', type: 'cpu', seconds: 5, gc: false, name: undefined }, open: true });
    assert.equal(parseCaptureArgs({ url: 'h:1', open: false }).open, false);
  });
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['an empty url', { url: '' }, /"url" must be a non-empty string/],
    ['an unknown type', { url: 'h:1', type: 'wall' }, /"type" must be one of cpu, heap/],
    ['seconds as text', { url: 'h:1', type: 'cpu', seconds: '5' }, /"seconds" must be a number/],
  ];
  for (const [name, arg, says] of bad) {
    test(`refuses ${name}`, () => assert.throws(() => parseCaptureArgs(arg as { url: unknown }), says));
  }
});
