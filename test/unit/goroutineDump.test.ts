// Goroutine dumps grouped by stack and state: real dumps of the test service in each form (debug=2 of Go 1.19
// and the same dump in the Go 1.21+ shape, debug=1, the goroutine profile), and the lines a dump may hold.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { groupGoroutines } from '../../src/model/report/goroutineDump';
import type { GoroutineDump, GoroutineGroup } from '../../src/model/report/goroutineTypes';
import { pprofTop } from '../support/pprofTop';

const dir = join(__dirname, '..', 'fixtures', 'goroutine');
const fixture = (f: string) => join(dir, f);
const load = (f: string) => groupGoroutines(readFileSync(fixture(f)));
const text = (s: string) => groupGoroutines(new TextEncoder().encode(s));
const sum = (d: GoroutineDump) => d.groups.reduce((a, g) => a + g.count, 0);
const byLeaf = (d: GoroutineDump, name: string) => d.groups.filter((g) => g.frames[0]?.name === name);
const one = (d: GoroutineDump, name: string): GoroutineGroup => {
  const gs = byLeaf(d, name);
  assert.equal(gs.length, 1, `one group with ${name} innermost`);
  return gs[0];
};

describe('debug=2 dump of Go 1.19', () => {
  const d = load('debug2-go1.19.txt');
  const raw = readFileSync(fixture('debug2-go1.19.txt'), 'utf8');

  test('counts every goroutine once, in groups largest first', () => {
    assert.equal(d.format, 'debug2');
    assert.equal(d.total, (raw.match(/^goroutine \d+ \[/gm) ?? []).length);
    assert.equal(sum(d), d.total);
    for (let i = 1; i < d.groups.length; i++) assert.ok(d.groups[i - 1].count >= d.groups[i].count);
  });

  test('parked waiters: state, creator with its line, frames without arguments, wait minutes', () => {
    const waiters = byLeaf(d, 'main.parkedWaiter');
    // The waiters parked before the GC and the minute have waited; those parked a moment ago have not: one
    // stack, one state, one group, whose least wait is under a minute.
    assert.equal(waiters.length, 1);
    const g = waiters[0];
    assert.equal(g.count, 20);
    assert.equal(g.state, 'chan receive');
    assert.deepEqual(g.createdBy, { name: 'main.handlePark', file: 'example.com/goapp/main.go', line: 212 });
    assert.deepEqual(g.frames, [{ name: 'main.parkedWaiter', file: 'example.com/goapp/main.go', line: 195 }]);
    assert.ok(g.waitMinutes, 'some say how long they waited');
    assert.equal(g.waitMinutes[0], 0);
    assert.ok(g.waitMinutes[1] >= 1);
    assert.equal(d.groups[0], g, 'the largest group comes first');
  });

  test('a method receiver stays in the name, the argument list goes', () => {
    const names = d.groups.flatMap((g) => g.frames.map((f) => f.name));
    assert.ok(names.includes('net/http.(*conn).serve'));
    assert.ok(names.includes('internal/poll.(*pollDesc).waitRead'), 'an inlined frame, printed with (...)');
    assert.ok(names.every((n) => !n.includes('0x') && !n.endsWith(')')), names.find((n) => n.includes('0x')));
  });

  test('locked to thread is kept apart from the state, and keeps its goroutines apart', () => {
    const g = one(d, 'main.lockedPark');
    assert.equal(g.count, 2);
    assert.equal(g.state, 'chan receive');
    assert.equal(g.lockedToThread, true);
    assert.equal(one(d, 'main.parkedWaiter').lockedToThread, undefined);
  });

  test('the main goroutine has no creator; a deep stack keeps the frames printed', () => {
    const main = d.groups.find((g) => g.frames.some((f) => f.name === 'main.main'));
    assert.ok(main);
    assert.equal(main.createdBy, null);
    const deep = one(d, 'main.deepPark');
    assert.ok(deep.frames.length >= 90, `${deep.frames.length} frames`);
    assert.equal(deep.createdBy?.name, 'main.init.0.func1');
  });
});

describe('debug=2 dump in the Go 1.21+ shape', () => {
  const old = load('debug2-go1.19.txt');
  const d = load('debug2-go1.21.txt');

  test('"created by X in goroutine N" names X; the groups are those of the Go 1.19 dump', () => {
    assert.equal(d.total, old.total);
    assert.deepEqual(one(d, 'main.parkedWaiter').createdBy, one(old, 'main.parkedWaiter').createdBy);
    assert.deepEqual(
      d.groups.map((g) => [g.count, g.state, g.createdBy?.name ?? null]).sort(),
      old.groups.map((g) => [g.count, g.state, g.createdBy?.name ?? null]).sort(),
    );
  });

  test('"...N frames elided..." is not a frame', () => {
    const deep = one(d, 'main.deepPark');
    assert.equal(deep.frames.length, 100);
    assert.ok(deep.frames.every((f) => f.name === 'main.deepPark' && f.file === 'example.com/goapp/goroutines.go'));
  });
});

describe('debug=2 lines', () => {
  const dump = [
    'panic: something broke',
    '',
    'goroutine 1 gp=0xc000002380 m=0 mp=0x5a3f00 [running, locked to thread]:',
    'main.main()',
    '\t/home/u/app/main.go:10 +0x1d fp=0xc000046f50 sp=0xc000046f38 pc=0x45b4fd',
    '',
    'goroutine 7 [select, 3 minutes]:',
    'main.(*Pool).worker[...](0xc000010000, {0x5, 0x6})',
    '\tC:/Users/me/go src/app/pool.go:42 +0x85',
    '...additional frames elided...',
    'created by main.NewPool in goroutine 1',
    '\tC:/Users/me/go src/app/pool.go:20 +0x4f',
    '',
    'goroutine 8 [select]:',
    'main.(*Pool).worker[...](0xc000010080, {0x5, 0x6})',
    '\tC:/Users/me/go src/app/pool.go:42 +0x85',
    '...additional frames elided...',
    'created by main.NewPool',
    '\tC:/Users/me/go src/app/pool.go:20 +0x4f',
    '',
    'goroutine 9 [select, 12 minutes]:',
    'main.(*Pool).worker[...](0xc000010080, {0x5, 0x6})',
    '\tC:/Users/me/go src/app/pool.go:42 +0x85',
    'created by main.NewPool in goroutine 1',
    '\tC:/Users/me/go src/app/pool.go:20 +0x4f',
    '',
    'goroutine 10 [chan receive, 1 minutes]:',
    'main.(*Pool).worker[...](0xc000010080, {0x5, 0x6})',
    '\tC:/Users/me/go src/app/pool.go:42 +0x85',
    'created by main.NewPool in goroutine 1',
    '\tC:/Users/me/go src/app/pool.go:20 +0x4f',
    '[originating from goroutine 1]:',
    'main.ancestor(...)',
    '\t/home/u/app/main.go:99 +0x1',
    '',
    'goroutine 11 [running]:',
    '\tgoroutine running on other thread; stack unavailable',
    'created by main.NewPool in goroutine 1',
    '\tC:/Users/me/go src/app/pool.go:20 +0x4f',
  ].join('\r\n');
  const d = text(dump);

  test('groups by stack and state; minutes and the creator’s goroutine are not part of the key', () => {
    assert.equal(d.total, 6);
    const select = d.groups.filter((g) => g.state === 'select');
    assert.equal(select.length, 1);
    assert.equal(select[0].count, 3);
    assert.deepEqual(select[0].waitMinutes, [0, 12]);
    assert.deepEqual(select[0].frames, [{ name: 'main.(*Pool).worker[...]', file: 'C:/Users/me/go src/app/pool.go', line: 42 }]);
    assert.deepEqual(select[0].createdBy, { name: 'main.NewPool', file: 'C:/Users/me/go src/app/pool.go', line: 20 });
  });

  test('another state is another group, even on the same stack; an ancestor’s frames are not the goroutine’s', () => {
    const recv = d.groups.filter((g) => g.state === 'chan receive');
    assert.equal(recv.length, 1);
    assert.deepEqual(recv[0].waitMinutes, [1, 1]);
    assert.equal(recv[0].frames.length, 1);
  });

  test('the text before the first goroutine is skipped; gp= and system frames’ fp= are read past', () => {
    const main = d.groups.find((g) => g.frames[0]?.name === 'main.main');
    assert.ok(main);
    assert.equal(main.state, 'running');
    assert.equal(main.lockedToThread, true);
    assert.deepEqual(main.frames[0], { name: 'main.main', file: '/home/u/app/main.go', line: 10 });
    assert.equal(main.waitMinutes, null);
  });

  test('a goroutine whose stack is unavailable has no frames but still counts', () => {
    const g = d.groups.find((x) => x.frames.length === 0);
    assert.ok(g);
    assert.equal(g.state, 'running');
    assert.equal(g.createdBy?.name, 'main.NewPool');
  });

  test('ties are ordered by state, then by the innermost frame', () => {
    const ones = d.groups.filter((g) => g.count === 1).map((g) => g.state);
    assert.deepEqual(ones, [...ones].sort());
  });
});

describe('debug=1 and the goroutine profile', () => {
  test('debug=1: the grouped counts add up to the total its first line states', () => {
    const raw = readFileSync(fixture('debug1.txt'), 'utf8');
    const stated = Number(/^goroutine profile: total (\d+)/.exec(raw)?.[1]);
    const d = load('debug1.txt');
    assert.equal(d.format, 'debug1');
    assert.equal(d.total, stated);
    assert.equal(sum(d), stated);
    assert.ok(d.groups.every((g) => g.state === null && g.waitMinutes === null && g.createdBy === null));
    // The same stack with other labels is one group here.
    assert.equal(one(d, 'main.parkedWaiter').count, 20);
    assert.deepEqual(one(d, 'main.parkedWaiter').frames, [{ name: 'main.parkedWaiter', file: 'example.com/goapp/main.go', line: 195 }]);
  });

  test('Go 1.26’s goroutineleak profile in debug=1 (its own name on the first line) reads like a goroutine profile', () => {
    const raw = readFileSync(fixture('debug1.txt'), 'utf8').replace(/^goroutine profile:/, 'goroutineleak profile:');
    assert.deepEqual(text(raw), load('debug1.txt'));
  });

  test('a debug=1 dump cut short is refused, saying so', () => {
    const raw = readFileSync(fixture('debug1.txt'), 'utf8');
    const cut = raw.slice(0, raw.indexOf('\n\n') + 1);
    assert.throws(() => text(cut), /^ProfileError: not a goroutine dump: the first line says \d+ goroutines but the stacks hold \d+, so the file may be cut short/);
  });

  test('the profile: counts are pprof’s total, stacks with inlined frames expanded', () => {
    const d = load('goroutine.pb.gz');
    assert.equal(d.format, 'profile');
    assert.equal(d.total, pprofTop(fixture('goroutine.pb.gz'), { sampleIndex: '0' }).total);
    assert.equal(sum(d), d.total);
    const waiter = d.groups.find((g) => g.frames.some((f) => f.name === 'main.parkedWaiter'));
    assert.equal(waiter?.count, 20);
    assert.equal(waiter?.frames[0].name, 'runtime.gopark');
  });

  test('the three forms of one moment agree on the parked goroutines', () => {
    const forms = ['debug2-go1.19.txt', 'debug1.txt', 'goroutine.pb.gz'].map(load);
    for (const d of forms) {
      const count = (leaf: string) => d.groups.filter((g) => g.frames.some((f) => f.name === leaf)).reduce((a, g) => a + g.count, 0);
      assert.deepEqual([count('main.parkedWaiter'), count('main.parkedSender'), count('main.lockedPark')], [20, 10, 2], d.format);
    }
  });

  test('the profile ungzipped reads the same', () => {
    const { gunzipSync } = require('node:zlib') as typeof import('node:zlib');
    const raw = gunzipSync(readFileSync(fixture('goroutine.pb.gz')));
    assert.deepEqual(groupGoroutines(raw), load('goroutine.pb.gz'));
  });
});

describe('encodings a saved dump comes in', () => {
  test('UTF-16 with a BOM (a Windows shell’s redirection) and UTF-8 with a BOM read as the plain dump', () => {
    const raw = readFileSync(fixture('debug2-go1.19.txt'), 'utf8');
    const plain = load('debug2-go1.19.txt');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(raw, 'utf16le')]);
    assert.deepEqual(groupGoroutines(utf16), plain);
    assert.deepEqual(groupGoroutines(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(raw)])), plain);
  });

  test('names that are not ASCII, and bytes that are not UTF-8, are kept (U+FFFD for the latter)', () => {
    const d = groupGoroutines(Buffer.concat([
      Buffer.from('goroutine 1 [select]:\nmain.(*Café).Serve(0x1)\n\t/src/café/main.go:7 +0x1\n\ngoroutine 2 [select]:\nmain.bad'),
      Buffer.from([0xff]),
      Buffer.from('()\n\t/src/x.go:1 +0x1\n'),
    ]));
    assert.deepEqual(d.groups.map((g) => g.frames[0]), [
      { name: 'main.(*Café).Serve', file: '/src/café/main.go', line: 7 },
      { name: 'main.bad\ufffd', file: '/src/x.go', line: 1 },
    ]);
  });
});

describe('what is not a goroutine dump', () => {
  const refused = (bytes: Uint8Array, why: RegExp) => assert.throws(() => groupGoroutines(bytes), (e: Error) => {
    assert.match(e.message, /^not a goroutine dump: /);
    assert.match(e.message, why);
    assert.ok(!e.message.includes('\n'), 'one line');
    return true;
  });

  test('empty, other text, HTML, another profile, garbage', () => {
    refused(new Uint8Array(0), /empty/);
    refused(new TextEncoder().encode('hello\nworld\n'), /no "goroutine N \[state\]:" line; it starts with "hello"/);
    refused(new TextEncoder().encode('<!DOCTYPE html><html></html>'), /DOCTYPE/);
    refused(readFileSync(join(__dirname, '..', 'fixtures', 'go-generated', 'cpu.pb.gz')), /a profile of samples\/count, cpu\/nanoseconds/);
    refused(gzipSync(Buffer.from([0xff, 0xff, 0xff])), /./);
  });

  test('a debug=1 header with a stray line names the line', () => {
    refused(new TextEncoder().encode('goroutine profile: total 1\n1 @ 0x1\nbogus line\n'), /line 3: unexpected "bogus line"/);
  });
});
