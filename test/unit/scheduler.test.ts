// The order in which a worker thread answers (src/worker/scheduler.ts), stepped by hand: `turn()` is the
// thread going back to its event loop between two requests, where the messages that arrived meanwhile are
// queued before the next one is picked.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Scheduler, type Job, type Neighbour } from '../../src/worker/scheduler';

function harness(neighbour?: Neighbour) {
  const turns: (() => void)[] = [];
  const log: string[] = [];
  const scheduler = new Scheduler((f) => turns.push(f), neighbour);
  const job = (name: string, priority: number, opts: { lane?: string; yields?: boolean; yieldsToTable?: boolean; during?: () => void } = {}): Job => ({
    priority,
    lane: opts.lane,
    yields: opts.yields ?? false,
    yieldsToTable: opts.yieldsToTable ?? false,
    run: () => {
      log.push(name);
      opts.during?.();
    },
    cancel: () => log.push(`${name} cancelled`),
  });
  /** Runs the event loop's turns until nothing is scheduled. */
  const settle = () => {
    while (turns.length > 0) turns.shift()!();
  };
  return { scheduler, job, log, settle, turns };
}

describe('the worker scheduler', () => {
  test('requests queued together run by priority, then in arrival order', () => {
    const { scheduler, job, log, settle } = harness();
    scheduler.push(job('line index', 2));
    scheduler.push(job('callers', 1));
    scheduler.push(job('top', 0));
    scheduler.push(job('callers again', 1));
    settle();
    assert.deepEqual(log, ['top', 'callers', 'callers again', 'line index']);
  });

  test('a flame request that arrives while a long scan runs is answered next, ahead of those queued before it', () => {
    const { scheduler, job, log, settle } = harness();
    scheduler.push(
      job('line index of a', 2, {
        // The messages that reach the thread while the scan holds it.
        during: () => {
          scheduler.push(job('callers', 1));
          scheduler.push(job('flame', 0));
        },
      }),
    );
    scheduler.push(job('line index of b', 2));
    settle();
    assert.deepEqual(log, ['line index of a', 'flame', 'callers', 'line index of b']);
  });

  test('nothing runs inside push: a request waits for the thread to come back to its event loop', () => {
    const { scheduler, job, log, turns } = harness();
    scheduler.push(job('flame', 0));
    assert.deepEqual(log, []);
    assert.equal(turns.length, 1, 'one turn scheduled, however many requests arrive');
    scheduler.push(job('top', 0));
    assert.equal(turns.length, 1);
  });

  test('a newer request in a lane cancels the older one that has not started; other lanes are untouched', () => {
    const { scheduler, job, log, settle } = harness();
    scheduler.push(job('zoom a', 0, { lane: 'editor-1:flame' }));
    scheduler.push(job('zoom b', 0, { lane: 'editor-2:flame' }));
    scheduler.push(job('zoom c', 0, { lane: 'editor-1:flame' }));
    scheduler.push(job('unlaned', 0));
    scheduler.push(job('zoom d', 0, { lane: 'editor-1:flame' }));
    settle();
    assert.deepEqual(log, ['zoom a cancelled', 'zoom c cancelled', 'zoom b', 'unlaned', 'zoom d']);
  });

  test('a running request is not cancelled: the newer one runs after it', () => {
    const { scheduler, job, log, settle } = harness();
    scheduler.push(job('callers of f', 1, { lane: 'callers', during: () => scheduler.push(job('callers of g', 1, { lane: 'callers' })) }));
    settle();
    assert.deepEqual(log, ['callers of f', 'callers of g']);
  });

  test('a yielding scan waits while the other thread is busy; the rest still runs; it starts once the other is idle', async () => {
    let busy = true;
    let wake = () => {};
    const neighbour: Neighbour = { busy: () => busy, changed: () => new Promise<void>((r) => (wake = r)) };
    const { scheduler, job, log, settle } = harness(neighbour);
    scheduler.push(job('callers', 1, { yields: true }));
    scheduler.push(job('top', 0));
    scheduler.push(job('line index', 2, { yields: true }));
    settle();
    assert.deepEqual(log, ['top']);
    busy = false;
    wake();
    await new Promise((r) => setImmediate(r));
    settle();
    assert.deepEqual(log, ['top', 'callers', 'line index']);
  });

  test('the line index waits while the table thread is busy too; callers/callees do not', async () => {
    let tableBusy = true;
    let wake = () => {};
    const neighbour: Neighbour = { busy: () => false, tableBusy: () => tableBusy, changed: () => new Promise<void>((r) => (wake = r)) };
    const { scheduler, job, log, settle } = harness(neighbour);
    scheduler.push(job('line index', 1, { yields: true, yieldsToTable: true }));
    scheduler.push(job('callers', 0, { yields: true }));
    settle();
    assert.deepEqual(log, ['callers']);
    tableBusy = false;
    wake();
    await new Promise((r) => setImmediate(r));
    settle();
    assert.deepEqual(log, ['callers', 'line index']);
  });
});
