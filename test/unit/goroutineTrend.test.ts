// Goroutine growth across a series of dumps, on synthetic series: what grows steadily and has waited for
// minutes is a suspect; what grows and is released, or is young, is not.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { goroutineTrend } from '../../src/model/analysis/goroutineTrend';
import { groupGoroutines } from '../../src/model/report/goroutineDump';
import type { GoroutineDump, GoroutineFrame, GoroutineGroup } from '../../src/model/report/goroutineTypes';
import { startGoService, type GoService } from '../support/goService';

const frame = (name: string, line = 10): GoroutineFrame => ({ name, file: `example.com/app/${name.split('.').pop()}.go`, line });
const HANDLER = frame('main.handle', 40);
const POOL = frame('main.startPool', 80);

interface Spec {
  readonly leaf: string;
  readonly state: string;
  readonly createdBy: GoroutineFrame | null;
  /** Count and most minutes waited per dump. */
  readonly counts: readonly number[];
  readonly waits: readonly number[];
}

function series(specs: readonly Spec[], minutesApart = 1) {
  const n = specs[0].counts.length;
  return Array.from({ length: n }, (_, i) => {
    const groups: GoroutineGroup[] = specs
      .filter((s) => s.counts[i] > 0)
      .map((s) => ({
        count: s.counts[i],
        state: s.state,
        waitMinutes: s.waits[i] > 0 ? ([0, s.waits[i]] as const) : null,
        createdBy: s.createdBy,
        frames: [frame(s.leaf), frame('main.run', 20)],
      }))
      .sort((a, b) => b.count - a.count);
    const dump: GoroutineDump = { format: 'debug2', total: groups.reduce((a, g) => a + g.count, 0), groups };
    return { time: Date.UTC(2026, 0, 1, 12, i * minutesApart), dump };
  });
}

const leak: Spec = { leaf: 'main.waitForever', state: 'chan receive', createdBy: HANDLER, counts: [10, 20, 30, 40, 50, 60], waits: [0, 1, 2, 3, 4, 5] };
// Grows faster than the leak, then its goroutines are released.
const burst: Spec = { leaf: 'main.serveBurst', state: 'IO wait', createdBy: HANDLER, counts: [5, 60, 120, 180, 40, 5], waits: [0, 1, 2, 3, 4, 5] };
// Grows steadily but every goroutine is young: a pool filling up, not stuck ones.
const young: Spec = { leaf: 'main.poolWorker', state: 'select', createdBy: POOL, counts: [2, 4, 6, 8, 10, 12], waits: [0, 0, 0, 0, 0, 0] };
const idle: Spec = { leaf: 'main.main', state: 'IO wait', createdBy: null, counts: [1, 1, 1, 1, 1, 1], waits: [0, 1, 2, 3, 4, 5] };

describe('goroutineTrend', () => {
  const t = goroutineTrend(series([burst, leak, young, idle]).reverse());

  test('takes the dumps in time order, whatever order they are given in', () => {
    assert.deepEqual(t.times, [...t.times].sort((a, b) => a - b));
    assert.deepEqual(t.totals, [18, 85, 157, 229, 101, 78]);
  });

  test('the steadily growing blocked group is the top suspect, and ranks first', () => {
    assert.equal(t.suspects[0]?.frames?.[0].name, 'main.waitForever');
    assert.equal(t.byGroup[0].frames?.[0].name, 'main.waitForever');
    const top = t.suspects[0];
    assert.deepEqual(top.counts, [10, 20, 30, 40, 50, 60]);
    assert.equal(top.growth, 50);
    assert.equal(top.steadiness, 1);
    assert.equal(top.maxWaitMinutes, 5);
    assert.equal(top.state, 'chan receive');
    assert.deepEqual(top.createdBy, HANDLER);
  });

  test('a group that grows then shrinks is not a suspect, however fast it grew', () => {
    assert.ok(!t.suspects.some((r) => r.frames?.[0].name === 'main.serveBurst'));
    const row = t.byGroup.find((r) => r.frames?.[0].name === 'main.serveBurst');
    assert.equal(row?.steadiness, 0);
  });

  test('goroutines younger than a minute are not suspects, however steadily they grow', () => {
    const row = t.byGroup.find((r) => r.frames?.[0].name === 'main.poolWorker');
    assert.equal(row?.steadiness, 1);
    assert.equal(row?.maxWaitMinutes, null);
    assert.ok(!t.suspects.includes(row!));
    assert.equal(t.suspects.length, 1);
  });

  test('by creation site: counts add up over the site’s groups; the main goroutine is "no creator"', () => {
    const handler = t.bySite.find((r) => r.createdBy?.name === 'main.handle');
    assert.deepEqual(handler?.counts, [15, 80, 150, 220, 90, 65]);
    const none = t.bySite.find((r) => r.createdBy === null);
    assert.equal(none?.key, 'no creator');
    assert.deepEqual(none?.counts, [1, 1, 1, 1, 1, 1]);
    assert.equal(none?.score, 0);
    // The handler's site mixes the leak with the released burst, so it grows less steadily than its leaking group.
    assert.ok(handler!.score < t.byGroup[0].score);
    assert.equal(t.bySite[0].createdBy?.name, 'main.startPool', 'the site whose goroutines grew most steadily');
  });

  test('a group absent from a dump counts 0 there', () => {
    const g = goroutineTrend(series([{ ...leak, counts: [0, 0, 3, 6, 9, 12] }]));
    assert.deepEqual(g.byGroup[0].counts, [0, 0, 3, 6, 9, 12]);
    assert.equal(g.suspects.length, 1);
  });

  test('two dumps make a difference, not a trend: no suspects', () => {
    const g = goroutineTrend(series([{ ...leak, counts: [10, 60], waits: [1, 5] }]));
    assert.equal(g.byGroup[0].growth, 50);
    assert.deepEqual(g.suspects, []);
  });
});

describe('what grows steadily', () => {
  const waits = [1, 2, 3, 4, 5, 6];
  test('a one-off step is not a suspect: it rose in one step of five', () => {
    const t = goroutineTrend(series([{ ...leak, counts: [10, 10, 10, 10, 10, 50], waits }]));
    assert.equal(t.byGroup[0].steadiness, 1);
    assert.deepEqual(t.suspects, []);
  });

  test('a small dip in a steady climb still makes a suspect', () => {
    const t = goroutineTrend(series([{ ...leak, counts: [10, 20, 30, 28, 40, 50], waits }]));
    assert.ok(t.byGroup[0].steadiness > 0.9);
    assert.equal(t.suspects.length, 1);
  });

  test('noise around a level is not a suspect', () => {
    const t = goroutineTrend(series([{ ...leak, counts: [30, 34, 29, 33, 30, 32], waits }]));
    assert.deepEqual(t.suspects, []);
  });
});

describe('goroutineTrend on dumps of the test service', () => {
  let service: GoService;
  before(async () => {
    service = await startGoService();
  });
  after(() => service?.stop());

  test('goroutines parked by each /park grow steadily by their creation site and group; young ones are no suspects', async () => {
    const dumps: { time: number; dump: GoroutineDump }[] = [];
    for (let i = 0; i < 4; i++) {
      if (i > 0) await service.get('/park');
      dumps.push({ time: Date.now(), dump: groupGoroutines(new TextEncoder().encode(await service.get('/debug/pprof/goroutine?debug=2'))) });
    }
    const t = goroutineTrend(dumps);
    const waiters = t.byGroup.find((r) => r.frames?.[0]?.name === 'main.parkedWaiter');
    assert.deepEqual(waiters?.counts, [0, 10, 20, 30]);
    assert.equal(waiters?.steadiness, 1);
    assert.equal(t.byGroup[0], waiters, 'the fastest steady grower ranks first');
    const site = t.bySite.find((r) => r.createdBy?.name === 'main.handlePark' && r.createdBy.line === 212);
    assert.deepEqual(site?.counts, [0, 10, 20, 30]);
    assert.deepEqual(t.suspects, [], 'none has waited a minute');
  });

  test('the demo’s goroutine leak, switched on beside noise, is the group that grows most steadily', async () => {
    await service.get('/leak/start?kind=goroutine,noise');
    try {
      const dumps: { time: number; dump: GoroutineDump }[] = [];
      for (let i = 0; i < 4; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, 1000));
        dumps.push({ time: Date.now(), dump: groupGoroutines(new TextEncoder().encode(await service.get('/debug/pprof/goroutine?debug=2'))) });
      }
      const t = goroutineTrend(dumps);
      const top = t.byGroup[0];
      assert.equal(top.frames?.[0]?.name, 'main.leakyWatcher', JSON.stringify(t.byGroup.slice(0, 3).map((r) => [r.frames?.[0]?.name, r.counts])));
      assert.equal(top.state, 'select');
      assert.equal(top.steadiness, 1);
      assert.ok(top.counts.every((c, i) => i === 0 || c > top.counts[i - 1]), `${top.counts}`);
      assert.equal(t.bySite[0].createdBy?.name, 'main.leakyWatchers');
    } finally {
      await service.get('/leak/stop');
    }
  });
});
