import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PendingProfiles } from '../../src/editor/pendingProfiles';
import type { ProfileSummary } from '../../src/model/profile/queries';

const summary = { sampleCount: 3 } as ProfileSummary;
const open = (handle: string) => ({ handle, summary });

function pending(ttlMs?: number) {
  const closed: string[] = [];
  return { closed, pending: new PendingProfiles((h) => closed.push(h), ttlMs) };
}

describe('profiles offered to the editor of their file', () => {
  test('the editor of the file takes the profile once, and it is not closed', () => {
    const { closed, pending: p } = pending();
    p.offer('/c/a.pb.gz', open('capture-1'));
    assert.equal(p.take('/c/other.pb.gz'), undefined);
    assert.deepEqual(p.take('/c/a.pb.gz'), open('capture-1'));
    assert.equal(p.take('/c/a.pb.gz'), undefined, 'a second editor decodes the file itself');
    p.withdraw('/c/a.pb.gz');
    p.dispose();
    assert.deepEqual(closed, []);
  });

  test('an offer nobody took is closed when withdrawn', () => {
    const { closed, pending: p } = pending();
    p.offer('/c/a.pb.gz', open('capture-1'));
    p.withdraw('/c/a.pb.gz');
    assert.deepEqual(closed, ['capture-1']);
    assert.equal(p.take('/c/a.pb.gz'), undefined);
  });

  test('a second offer for the same file closes the first', () => {
    const { closed, pending: p } = pending();
    p.offer('/c/a.pb.gz', open('capture-1'));
    p.offer('/c/a.pb.gz', open('capture-2'));
    assert.deepEqual(closed, ['capture-1']);
    assert.equal(p.take('/c/a.pb.gz')?.handle, 'capture-2');
  });

  test('an offer nobody takes is closed after its time', async () => {
    const { closed, pending: p } = pending(20);
    p.offer('/c/a.pb.gz', open('capture-1'));
    p.offer('/c/b.pb.gz', open('capture-2'));
    assert.equal(p.take('/c/b.pb.gz')?.handle, 'capture-2');
    await new Promise((r) => setTimeout(r, 60));
    assert.deepEqual(closed, ['capture-1']);
    assert.equal(p.take('/c/a.pb.gz'), undefined);
  });

  test('disposed with the extension, it stops its timers and keeps nothing', async () => {
    const { closed, pending: p } = pending(20);
    p.offer('/c/a.pb.gz', open('capture-1'));
    p.dispose();
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(p.take('/c/a.pb.gz'), undefined);
    assert.deepEqual(closed, [], 'the worker goes with the extension, so nothing is sent to it');
  });
});
