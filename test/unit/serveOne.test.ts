// The web build's engine loop (serveOne) in one thread, over a real MessageChannel: requests carry the bytes
// of the files they name, as the web client sends them, and are answered with pprof's numbers.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { MessageChannel } from 'node:worker_threads';
import type { RequestWithFiles } from '../../src/worker/fileArgs';
import { filesOf } from '../../src/worker/fileArgs';
import type { RpcRequest, RpcResponse } from '../../src/worker/rpc';
import { serveOne } from '../../src/worker/serveOne';
import { inflateAhead } from '../../src/model/decode/inflateAhead';
import { pprofDiff } from '../integration/support/pprofDiff';
import { pprofTop } from '../support/pprofTop';

const fx = (rel: string) => join(__dirname, '..', 'fixtures', rel);

for (const ahead of [false, true]) describe(`serveOne: the web build\'s one-thread engine${ahead ? ', gzip inflated ahead with DecompressionStream' : ''}`, () => {
  const { port1, port2 } = new MessageChannel();
  serveOne(
    {
      onMessage: (listener) => port2.on('message', listener),
      post: (res, transfer) => port2.postMessage(res, transfer),
    },
    (f) => void setImmediate(f),
    ahead ? inflateAhead : undefined,
  );
  after(() => port1.close());
  let nextId = 1;
  const answers = new Map<number, (r: RpcResponse) => void>();
  port1.on('message', (r: RpcResponse) => answers.get(r.id)?.(r));
  /** Sends a request with the bytes of the files it names (those listed in `send`, by default all of them). */
  function ask(req: Omit<RpcRequest, 'id'>, send = filesOf({ ...req, id: 0 } as RpcRequest)): Promise<RpcResponse> {
    const id = nextId++;
    const message: RequestWithFiles = { req: { ...req, id } as RpcRequest, files: send.map((p) => [p, new Uint8Array(readFileSync(p))] as const) };
    return new Promise((resolve) => {
      answers.set(id, resolve);
      port1.postMessage(message);
    });
  }

  test('openFile reads the bytes sent with it; the profile stays for the queries after it', async () => {
    const file = fx('go-generated/cpu.pb.gz');
    const opened = await ask({ method: 'openFile', args: ['cpu', file, 'cpu.pb.gz'] });
    assert.ok(opened.ok, JSON.stringify(opened));
    const oracle = pprofTop(file, { unit: 'nanoseconds' });
    const top = await ask({ method: 'top', args: ['cpu', { sampleIndex: 1, granularity: 'functions' }] });
    assert.ok(top.ok, JSON.stringify(top));
    const result = top.result as { total: number; rows: { name: string; flat: number; cum: number }[] };
    assert.equal(result.total, oracle.total);
    assert.deepEqual(result.rows.slice(0, 5).map((r) => [r.name, r.flat, r.cum]), oracle.rows.slice(0, 5).map((r) => [r.name, r.flat, r.cum]));
  });

  test('a file not sent with its request is an error that names it, not a hang', async () => {
    const file = fx('go-generated/heap.pb.gz');
    const r = await ask({ method: 'openFile', args: ['heap', file, 'heap.pb.gz'] }, []);
    assert.ok(!r.ok);
    assert.match(r.error, new RegExp(`cannot read ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the file was not sent with the request`));
  });

  test('open of a cut gzip stream fails with the message of the decoder, whatever inflated it', async () => {
    const cpu = readFileSync(fx('go-generated/cpu.pb.gz'));
    const r = await ask({ method: 'open', args: ['cut', new Uint8Array(cpu.subarray(0, cpu.length >> 1)), 'cut.pb.gz'] });
    assert.ok(!r.ok);
    assert.match(r.error, /^cut\.pb\.gz: truncated gzip stream/);
  });

  test('openComparison of two files sent with it gives the total of pprof -diff_base', async () => {
    const base = fx('go-generated/heap.pb.gz');
    const target = fx('go-generated/heap-gc.pb.gz');
    const r = await ask({ method: 'openComparison', args: ['cmp', { base, target }, { mode: 'diff_base', normalize: false }, { base: 'heap', target: 'heap-gc' }] });
    assert.ok(r.ok, JSON.stringify(r));
    const summary = r.result as { defaultSampleIndex: number; comparison?: { total?: number[] }; totals: number[] };
    const oracle = pprofDiff(base, target, { unit: 'bytes' });
    const top = await ask({ method: 'top', args: ['cmp', { sampleIndex: summary.defaultSampleIndex, granularity: 'functions' }] });
    assert.ok(top.ok, JSON.stringify(top));
    assert.equal((top.result as { total: number }).total, oracle.total);
  });
});
