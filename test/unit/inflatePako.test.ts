// The web build's inflate (pako) against the Node build's (node:zlib): the same bytes out of every gzipped
// fixture, and the same failures, worded so that decodeProfile gives the same one-line error in both builds.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import * as node from '../../src/model/decode/inflate';
import { inflateAhead } from '../../src/model/decode/inflateAhead';
import * as pako from '../../src/model/decode/inflatePako';

const fixtures = join(__dirname, '..', 'fixtures');
const gzipped = ['go-generated', 'google-pprof', 'parca']
  .flatMap((dir) => readdirSync(join(fixtures, dir)).map((f) => join(dir, f)))
  .filter((f) => {
    const b = readFileSync(join(fixtures, f));
    return b[0] === 0x1f && b[1] === 0x8b;
  });
const LIMIT = 256 << 20;

/** The message a call throws, or undefined. */
function failure(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

describe('inflatePako: the web build inflates as the Node build does', () => {
  test('there are gzipped fixtures to compare on', () => assert.ok(gzipped.length >= 10, gzipped.join(', ')));

  for (const f of gzipped) {
    test(`${f}: the same bytes`, () => {
      const bytes = new Uint8Array(readFileSync(join(fixtures, f)));
      assert.ok(Buffer.from(pako.gunzip(bytes, LIMIT)).equals(Buffer.from(node.gunzip(bytes, LIMIT))));
    });
  }

  const cpu = new Uint8Array(readFileSync(join(fixtures, 'go-generated/cpu.pb.gz')));
  const cases: { name: string; input: Uint8Array; limit: number; error: RegExp }[] = [
    { name: 'a stream cut in half', input: cpu.subarray(0, cpu.length >> 1), limit: LIMIT, error: /unexpected end of file/i },
    { name: 'a stream past the size limit', input: new Uint8Array(gzipSync(new Uint8Array(4 << 20))), limit: 1 << 20, error: /^Cannot create a Buffer larger than 1048576 bytes$/ },
    { name: 'a corrupt deflate block', input: Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0]), limit: LIMIT, error: /./ },
  ];
  for (const c of cases) {
    test(`${c.name}: both refuse it, with the wording decodeProfile reads`, () => {
      const fromNode = failure(() => node.gunzip(c.input, c.limit));
      const fromPako = failure(() => pako.gunzip(c.input, c.limit));
      assert.match(fromNode ?? 'no error', c.error);
      assert.match(fromPako ?? 'no error', c.error);
    });
  }

  test('gzip: what pako writes, node:zlib reads back', () => {
    const raw = new Uint8Array(readFileSync(join(fixtures, 'go-generated/heap.pb.gz')));
    const again = pako.gzip(node.gunzip(raw, LIMIT), 1);
    assert.ok(Buffer.from(node.gunzip(again, LIMIT)).equals(Buffer.from(node.gunzip(raw, LIMIT))));
  });
});

describe('inflateAhead: DecompressionStream ahead of the decoder, or the bytes as they were', () => {
  test('every gzipped fixture: the bytes node:zlib gives', async () => {
    for (const f of gzipped) {
      const bytes = new Uint8Array(readFileSync(join(fixtures, f)));
      assert.ok(Buffer.from(await inflateAhead(bytes)).equals(Buffer.from(node.gunzip(bytes, LIMIT))), f);
    }
  });

  const cpu = new Uint8Array(readFileSync(join(fixtures, 'go-generated/cpu.pb.gz')));
  const left: { name: string; input: Uint8Array }[] = [
    { name: 'a stream cut in half', input: cpu.subarray(0, cpu.length >> 1) },
    { name: 'an empty gzip stream', input: new Uint8Array(gzipSync(new Uint8Array(0))) },
    { name: 'a stream past the decoder\'s limit (a gzip bomb)', input: new Uint8Array(gzipSync(new Uint8Array(300 << 20))) },
    { name: 'a raw protobuf', input: node.gunzip(cpu, LIMIT) },
  ];
  for (const c of left) {
    test(`${c.name}: left as it was, for the decoder to read or refuse`, async () => {
      assert.equal(await inflateAhead(c.input), c.input);
    });
  }
});

