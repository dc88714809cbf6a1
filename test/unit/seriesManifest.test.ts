import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SeriesManifest } from '../../src/model/profile/seriesManifest';
import { isInsideFolder, parseSeriesManifest, serializeSeriesManifest, SeriesManifestError } from '../../src/model/profile/seriesManifestJson';
import { decideResume, Here, ownerId, STALE_MS } from '../../src/series/resume';
import { checkGoroutineDump } from '../../src/series/dumpCheck';
import { parseSeriesArgs } from '../../src/series/seriesArgs';
import { debug2Request, seriesRequests } from '../../src/series/seriesFetch';
import { countForDuration, dueTime, resumePlan, secondsUntil, seriesStatusText } from '../../src/series/schedule';
import { parseSeriesFolderName, seriesFolderName, snapshotFileName } from '../../src/series/seriesFolder';
import { interruptedManifest, takeOverManifest } from '../../src/series/seriesStore';

const started = '2026-01-02T03:04:05.000Z';
const t0 = Date.parse(started);

const base: SeriesManifest = {
  target: 'http://127.0.0.1:6060',
  types: ['heap', 'goroutine'],
  intervalSeconds: 10,
  count: 6,
  snapshots: [
    { time: started, type: 'heap', format: 'pprof', file: 'heap-0001.pb.gz', round: 1 },
    { time: started, type: 'goroutine', format: 'pprof', file: 'goroutine-0001.pb.gz', round: 1 },
    { time: started, type: 'goroutine', format: 'goroutine-text', file: 'goroutine-0001.debug2.txt', round: 1 },
  ],
  errors: [{ time: '2026-01-02T03:04:15.000Z', type: 'heap', error: 'Connection to 127.0.0.1:6060 refused: is the service running?', round: 2 }],
  status: 'running',
  started,
  rounds: 2,
  gc: true,
  owner: 'box/4242',
  heartbeat: '2026-01-02T03:04:15.000Z',
};

const text = (m: unknown) => JSON.stringify(m);

describe('series manifest: parse, validate, serialise', () => {
  test('a manifest survives serialise then parse unchanged', () => {
    assert.deepEqual(parseSeriesManifest(serializeSeriesManifest(base)), base);
  });

  test('the minimal manifest of DESIGN.md is accepted, the optional fields absent', () => {
    const { rounds, gc, owner, heartbeat, ...minimal } = base;
    const m = parseSeriesManifest(text({ ...minimal, snapshots: base.snapshots.map(({ round, ...s }) => s) }));
    assert.equal(m.rounds, undefined);
    assert.equal(m.snapshots[0].round, undefined);
    assert.equal(m.snapshots.length, 3);
  });

  test('serialised text is stable: fixed key order, two-space indent, final newline', () => {
    const s = serializeSeriesManifest(base);
    assert.ok(s.endsWith('}\n'));
    assert.deepEqual(Object.keys(JSON.parse(s)).slice(0, 6), ['target', 'types', 'intervalSeconds', 'count', 'status', 'started']);
    assert.equal(serializeSeriesManifest(parseSeriesManifest(s)), s);
  });

  const bad: [string, string, RegExp][] = [
    ['not JSON', '{"target":', /is not JSON/],
    ['an array', '[]', /is not a JSON object/],
    ['no target', text({ ...base, target: 3 }), /"target" must be a string/],
    ['an unknown type', text({ ...base, types: ['heap', 'cpu'] }), /types\[1\] must be one of heap, goroutine/],
    ['no types', text({ ...base, types: [] }), /"types" is empty/],
    ['a zero interval', text({ ...base, intervalSeconds: 0 }), /"intervalSeconds" must be more than 0/],
    ['a fractional count', text({ ...base, count: 2.5 }), /"count" must be a whole number/],
    ['an unknown status', text({ ...base, status: 'paused' }), /"status" must be one of running, complete/],
    ['a bad start time', text({ ...base, started: 'yesterday' }), /"started" is not an ISO 8601 time/],
    ['a snapshot outside the folder', text({ ...base, snapshots: [{ ...base.snapshots[0], file: '../../etc/passwd' }] }), /snapshots\[0\]\.file "\.\.\/\.\.\/etc\/passwd" is not a path inside/],
    ['an absolute snapshot path', text({ ...base, snapshots: [{ ...base.snapshots[0], file: '/tmp/x.pb.gz' }] }), /is not a path inside/],
    ['an unknown format', text({ ...base, snapshots: [{ ...base.snapshots[0], format: 'json' }] }), /snapshots\[0\]\.format must be one of pprof, goroutine-text/],
    ['an error without its message', text({ ...base, errors: [{ time: started, type: 'heap' }] }), /errors\[0\]\.error must be a string/],
    ['rounds beyond the count', text({ ...base, rounds: 7 }), /"rounds" must be a whole number from 0 to "count" \(6\)/],
  ];
  for (const [name, input, want] of bad) {
    test(`refuses ${name} in one line that names the field`, () => {
      assert.throws(
        () => parseSeriesManifest(input, '/x/manifest.json'),
        (e: unknown) => e instanceof SeriesManifestError && want.test(e.message) && !e.message.includes('\n') && e.message.startsWith('/x/manifest.json: '),
      );
    });
  }

  test('paths inside the folder', () => {
    assert.ok(isInsideFolder('heap-0001.pb.gz'));
    assert.ok(isInsideFolder('dumps/goroutine-0001.debug2.txt'));
    for (const p of ['', '..', 'a/../../b', '/abs', 'C:\\x', 'a\\b', 'a//b']) assert.ok(!isInsideFolder(p), p);
  });
});

describe('series schedule', () => {
  test('round n is due (n - 1) intervals after the start', () => {
    assert.equal(dueTime(t0, 10, 1), t0);
    assert.equal(dueTime(t0, 10, 4), t0 + 30_000);
    assert.equal(dueTime(t0, 0.5, 3), t0 + 1000);
  });

  test('a total duration gives one round at the start and one per whole interval', () => {
    assert.equal(countForDuration(600, 60), 11);
    assert.equal(countForDuration(59, 60), 1);
    assert.equal(countForDuration(1, 0.1), 11);
  });

  test('the countdown is whole seconds, rounded up, never negative', () => {
    assert.equal(secondsUntil(t0 + 11_200, t0), 12);
    assert.equal(secondsUntil(t0 - 5000, t0), 0);
    assert.equal(seriesStatusText(3, 20, 12), '$(pulse) pprof series 3/20 · next in 12 s');
    assert.equal(seriesStatusText(3, 20, undefined), '$(pulse) pprof series 3/20 · capturing…');
  });

  const plans: [string, number, number, { next: number; missed: number } | undefined][] = [
    ['before the next round is due', 2, t0 + 15_000, { next: 3, missed: 0 }],
    ['a round late by less than an interval is taken at once', 2, t0 + 25_000, { next: 3, missed: 0 }],
    ['rounds late by an interval or more are missed', 2, t0 + 41_000, { next: 5, missed: 2 }],
    ['the last round still within its interval', 2, t0 + 59_000, { next: 6, missed: 3 }],
    ['nothing is left once the last round is an interval late', 2, t0 + 60_000, undefined],
    ['nothing is left when every round was taken', 6, t0, undefined],
  ];
  for (const [name, done, now, want] of plans) {
    test(`resume plan: ${name}`, () => assert.deepEqual(resumePlan(t0, 10, 6, done, now), want));
  }
});

describe('series folder and file names', () => {
  const when = new Date(2026, 0, 2, 3, 4, 5);
  test('<target>-series-<YYYYMMDD-HHMMSS>, the n-th of a second with -n', () => {
    assert.equal(seriesFolderName('127.0.0.1:6060', when), '127.0.0.1_6060-series-20260102-030405');
    assert.equal(seriesFolderName('api prod', when, 2), 'api_prod-series-20260102-030405-2');
    assert.equal(seriesFolderName('../..', when), 'target-series-20260102-030405');
  });
  test('a folder name gives back its target and time; other names are not series', () => {
    assert.deepEqual(parseSeriesFolderName('api-series-20260102-030405-2'), { target: 'api', time: '20260102-030405' });
    assert.equal(parseSeriesFolderName('api-heap-20260102-030405.pb.gz'), undefined);
    assert.equal(parseSeriesFolderName('series'), undefined);
  });
  test('snapshots are named by type and round; a goroutine dump is a .txt naming goroutine', () => {
    assert.equal(snapshotFileName('heap', 3, 'pprof'), 'heap-0003.pb.gz');
    assert.equal(snapshotFileName('goroutine', 3, 'goroutine-text'), 'goroutine-0003.debug2.txt');
    assert.equal(snapshotFileName('mutex', 12345, 'pprof'), 'mutex-12345.pb.gz');
  });
});

describe('series: taking over a series its window left running', () => {
  const here = (over: Partial<Here> = {}): Here => ({
    nowMs: t0 + 16_000,
    hostname: 'box',
    self: ownerId('box', 9999),
    runningHere: false,
    isPidAlive: () => false,
    allowResume: true,
    ...over,
  });

  const cases: [string, SeriesManifest, Partial<Here>, string][] = [
    ['a finished series is left alone', { ...base, status: 'complete' }, {}, 'leave'],
    ['a series this host runs is left alone', base, { runningHere: true }, 'leave'],
    ['a live owner on this machine with a fresh heartbeat keeps it', base, { isPidAlive: () => true }, 'leave'],
    ['an owner on another machine with a fresh heartbeat keeps it', { ...base, owner: 'other/1' }, {}, 'leave'],
    ['an owner whose process is gone loses it at once', base, {}, 'resume'],
    ['a live process with a stale heartbeat loses it (its id was taken again)', base, { isPidAlive: () => true, nowMs: Date.parse(base.heartbeat!) + STALE_MS + 1, }, 'interrupt'],
    ['another machine with a stale heartbeat loses it', { ...base, owner: 'other/1', count: 100 }, { nowMs: Date.parse(base.heartbeat!) + STALE_MS + 1 }, 'resume'],
    ['this very process, not running it, lost it (the extension restarted)', { ...base, owner: ownerId('box', 9999) }, { isPidAlive: () => true }, 'resume'],
    ['with resuming off it is interrupted', base, { allowResume: false }, 'interrupt'],
    ['with its schedule over it is interrupted', base, { nowMs: t0 + 10 * 60_000 }, 'interrupt'],
  ];
  for (const [name, m, over, want] of cases) {
    test(name, () => assert.equal(decideResume(m, here(over)).action, want));
  }

  test('resuming says which round comes next and how many were missed', () => {
    assert.deepEqual(decideResume(base, here({ nowMs: t0 + 41_000 })), { action: 'resume', next: 5, missed: 2 });
  });

  test('an interruption says why, in one line', () => {
    const d = decideResume(base, here({ allowResume: false }));
    assert.ok(d.action === 'interrupt' && /after 2 of 6 rounds, and pprofLens\.series\.resume is off/.test(d.reason));
    const m = interruptedManifest(base, 'r', new Date(t0));
    assert.equal(m.status, 'interrupted');
    assert.equal(m.stopReason, 'r');
    assert.doesNotThrow(() => parseSeriesManifest(serializeSeriesManifest(m)));
  });

  test('the taken-over manifest drops the rounds to take again and records the missed ones per type', () => {
    const partial: SeriesManifest = {
      ...base,
      snapshots: [...base.snapshots, { time: started, type: 'heap', format: 'pprof', file: 'heap-0003.pb.gz', round: 3 }],
    };
    const m = takeOverManifest(partial, 5, 2, 'box/9999', new Date(t0 + 41_000));
    assert.equal(m.rounds, 4);
    assert.equal(m.owner, 'box/9999');
    assert.equal(m.status, 'running');
    assert.deepEqual(m.snapshots.map((s) => s.file), ['heap-0001.pb.gz', 'goroutine-0001.pb.gz', 'goroutine-0001.debug2.txt']);
    const missed = m.errors.filter((e) => /missed/.test(e.error));
    assert.deepEqual(missed.map((e) => [e.type, e.round]), [['heap', 3], ['goroutine', 3]]);
    assert.match(missed[0].error, /^rounds 3–4 were missed: no VS Code window was running the series then$/);
    assert.doesNotThrow(() => parseSeriesManifest(serializeSeriesManifest(m)));
  });
});

describe('series arguments', () => {
  test('the DESIGN.md object, with heap and goroutine by default and gc=1 on', () => {
    assert.deepEqual(parseSeriesArgs({ url: ' localhost:6060 ', intervalSeconds: 2, count: 8 }), {
      spec: { url: 'localhost:6060', name: undefined, types: ['heap', 'goroutine'], intervalSeconds: 2, count: 8, gc: true },
      open: true,
    });
  });
  test('a total duration instead of the count', () => {
    assert.equal(parseSeriesArgs({ url: 'x:1', intervalSeconds: 60, durationSeconds: 600 }).spec.count, 11);
  });
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['cpu as a type', { url: 'x:1', types: ['cpu'], intervalSeconds: 2, count: 3 }, /"types" may hold heap, goroutine, allocs, block, mutex, not "cpu"/],
    ['no interval', { url: 'x:1', count: 3 }, /"intervalSeconds" must be a number of seconds from 1/],
    ['no count', { url: 'x:1', intervalSeconds: 2 }, /"count" \(snapshots per type\) or "durationSeconds"/],
    ['a zero count', { url: 'x:1', intervalSeconds: 2, count: 0 }, /"count" must be a whole number/],
    ['an empty url', { url: '', intervalSeconds: 2, count: 3 }, /"url" must be a non-empty string/],
  ];
  for (const [name, arg, want] of bad) {
    test(`refuses ${name}`, () => assert.throws(() => parseSeriesArgs(arg as { url: unknown }), want));
  }
});

describe('series requests and the goroutine dump check', () => {
  test('heap alone gets gc=1; goroutine asks for debug=2 beside its profile; a profile URL is taken as its base', () => {
    const reqs = seriesRequests({ url: 'http://h:6060/debug/pprof/heap?x=1' }, ['heap', 'goroutine', 'allocs'], { gc: true });
    assert.equal(reqs.get('heap')!.url, 'http://h:6060/debug/pprof/heap?x=1&gc=1');
    assert.equal(reqs.get('allocs')!.url, 'http://h:6060/debug/pprof/allocs?x=1');
    assert.equal(debug2Request(reqs.get('goroutine')!).url, 'http://h:6060/debug/pprof/goroutine?x=1&debug=2');
    assert.equal(reqs.get('heap')!.label, 'h:6060');
  });

  const dumps: [string, string | Uint8Array, RegExp | undefined][] = [
    ['a debug=2 dump', 'goroutine 1 [running]:\nmain.main()\n', undefined],
    ['an empty body', '', /empty body/],
    ['a login page', '<!DOCTYPE html><html><body>Sign in</body></html>', /HTML page, not a goroutine dump/],
    ['a debug=1 text', 'goroutine profile: total 4\n1 @ 0x43a0c5\n', /not a debug=2 goroutine dump \(it starts with "goroutine profile: total 4"\)/],
    ['a profile', new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]), /binary data, not the goroutine dump/],
  ];
  for (const [name, body, want] of dumps) {
    test(`the dump check on ${name}`, () => {
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      if (!want) return assert.doesNotThrow(() => checkGoroutineDump('http://h/debug/pprof/goroutine?debug=2', bytes));
      assert.throws(() => checkGoroutineDump('http://h/debug/pprof/goroutine?debug=2', bytes), want);
    });
  }
});
