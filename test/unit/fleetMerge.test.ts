// The fleet's merge is pprof's merge of the instances' files, the instance label aside: go tool pprof's
// -top of our merged file is its -top of the files given together, and its -raw the same samples once the
// `instance` label is set aside and equal stacks added up. Every sample carries its instance; an instance
// label a profile had already is kept as `instance_original`. All of it holds for the merge on one thread
// and for the table thread's, which merges and writes on two (src/cli/parallelMerge.ts, parallelWrite.ts).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { fleetWriteCounts } from '../../src/cli/fleetWrite';
import { mergeCounts, mergingOnTwoThreads } from '../../src/cli/parallelMerge';
import { gunzipSync, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { encodeProfile } from '../../src/model/profile/encodeProfile';
import { Analysis } from '../../src/worker/analysis';
import { FIXTURE_DIR, pprofTmp } from './support/pprofOracle';

const run = promisify(execFile);
const env = { ...process.env, PPROF_TMPDIR: pprofTmp, HOME: pprofTmp, TZ: 'UTC' };
const pprof = async (...args: string[]) => (await run('go', ['tool', 'pprof', '-symbolize=none', ...args], { env, maxBuffer: 1 << 28 })).stdout;
const threadDir = mkdtempSync(join(tmpdir(), 'pprof-lens-fleet-'));
const workerPath = join(threadDir, 'mergeWorker.js');
process.on('exit', () => rmSync(threadDir, { recursive: true, force: true }));
before(async () => {
  await esbuild.build({ entryPoints: [join(__dirname, '../../src/cli/mergeWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerPath, logLevel: 'warning' });
});
const ENGINES: [string, Analysis][] = [
  ['one thread', new Analysis((p) => readFileSync(p))],
  ['two threads', new Analysis((p) => readFileSync(p), undefined, { merging: mergingOnTwoThreads({ workerPath, minBytes: 0, minFrames: 0 }) })],
];

const FLEETS: Record<string, string[]> = {
  'three heap profiles': ['go-generated/heap.pb.gz', 'go-generated/heap-gc.pb.gz', 'go-generated/allocs.pb.gz'],
  'four CPU profiles, one with labels of its own': ['go-generated/cpu.pb.gz', 'parca/query_testdata_fib.pb.gz', 'parca/parca_testdata_labels.pb.gz', 'google-pprof/report-sample.cpu.pb.gz'],
  'the large CPU profile from two instances': ['google-pprof/proftest-large.cpu.pb.gz', 'google-pprof/proftest-large.cpu.pb.gz'],
};

const instancesOf = (n: number) => Array.from({ length: n }, (_, i) => `10.0.0.${i + 1}:6060`);

function mergeToFile(engine: Analysis, files: string[], instances: string[], name: string): string {
  const out = join(pprofTmp, `fleet-${name.replace(/\W+/g, '_')}.pb.gz`);
  writeFileSync(out, engine.mergeFiles(files, instances).bytes);
  return out;
}

interface RawSample {
  values: number[];
  locs: string;
  labels: string[];
}

/** -raw's samples, the `instance` label set aside and equal (stack, other labels) added up in first-seen order; and the rest of the text. */
function rawWithoutInstance(text: string): { samples: RawSample[]; tail: string } {
  const lines = text.split('\n');
  const start = lines.indexOf('Samples:') + 2;
  const end = lines.findIndex((l, i) => i >= start && /^\S/.test(l));
  const samples: RawSample[] = [];
  for (let i = start; i < end; i++) {
    const m = /^\s*([-\d\s]+):(.*)$/.exec(lines[i]);
    if (m) samples.push({ values: m[1].trim().split(/\s+/).map(Number), locs: m[2].trim(), labels: [] });
    else {
      const kept = lines[i].trim().split(/ (?=[^\s:]+:\[)/).filter((l) => !l.startsWith('instance:['));
      if (kept.length) samples[samples.length - 1].labels.push(kept.join(' '));
    }
  }
  const byKey = new Map<string, RawSample>();
  for (const s of samples) {
    const key = `${s.locs}|${s.labels.join('|')}`;
    const had = byKey.get(key);
    if (had) had.values = had.values.map((v, t) => v + s.values[t]);
    else byKey.set(key, { ...s, values: [...s.values] });
  }
  return { samples: [...byKey.values()].filter((s) => s.values.some((v) => v !== 0)), tail: lines.slice(end).join('\n') };
}

for (const [how, engine] of ENGINES) describe(`fleet merge on ${how}: go tool pprof reads it as its own merge of the instances, label aside`, { concurrency: 2 }, () => {
  for (const [name, fixtures] of Object.entries(FLEETS)) {
    test(name, async () => {
      const files = fixtures.map((f) => join(FIXTURE_DIR, f));
      const instances = instancesOf(files.length);
      const merges = mergeCounts.twoThreads;
      const ours = mergeToFile(engine, files, instances, `${how} ${name}`);
      assert.equal(mergeCounts.twoThreads - merges, how === 'two threads' ? 1 : 0, 'the merge ran where it should');

      const top = (text: string) => text.replace(/^File: .*\n/m, '');
      assert.equal(top(await pprof('-top', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', ours)), top(await pprof('-top', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', ...files)));

      const a = rawWithoutInstance(await pprof('-raw', ours));
      const b = rawWithoutInstance(await pprof('-raw', ...files));
      assert.ok(b.samples.length > 0);
      assert.deepEqual(a.samples, b.samples);
      assert.equal(a.tail, b.tail);

      const p = decodeProfile(readFileSync(ours));
      const seen = new Set<string>();
      for (let s = 0; s < p.sampleCount; s++) {
        const vals: string[] = [];
        for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) if (p.labelKey[j] === 'instance') vals.push(p.labelStr[j]!);
        assert.equal(vals.length, 1, `sample ${s} has one instance label`);
        seen.add(vals[0]);
      }
      assert.deepEqual([...seen].sort(), [...new Set(instances)].sort());
    });
  }

  if (how === 'two threads') {
    test('each half written where it was merged: the bytes of the merge written whole on one thread', () => {
      for (const fixtures of Object.values(FLEETS)) {
        const files = fixtures.map((f) => join(FIXTURE_DIR, f));
        const instances = instancesOf(files.length);
        const held = fleetWriteCounts.held;
        const two = engine.mergeFiles(files, instances);
        assert.equal(fleetWriteCounts.held - held, 1, 'the other thread wrote the half it merged');
        const one = ENGINES[0][1].mergeFiles(files, instances);
        assert.equal(two.sampleCount, one.sampleCount);
        assert.deepEqual(two.renamed, one.renamed);
        assert.ok(Buffer.from(gunzipSync(two.bytes)).equals(gunzipSync(one.bytes)), `${fixtures.join(', ')}: the same profile.proto bytes`);
      }
    });

    test('numeric labels with units and string labels in both halves: the bytes of the merge written whole on one thread', () => {
      // No fixture's numeric label has a unit: these are the heap fixtures with `bytes` given to theirs, and a
      // string label of two values added to every sample.
      const labelled = (f: string) => {
        const p = decodeProfile(readFileSync(join(FIXTURE_DIR, f)));
        const labelStart = [0];
        const labelKey: string[] = [];
        const labelStr: (string | undefined)[] = [];
        const labelNum: number[] = [];
        const labelUnit: string[] = [];
        for (let s = 0; s < p.sampleCount; s++) {
          for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
            labelKey.push(p.labelKey[j]);
            labelStr.push(p.labelStr[j]);
            labelNum.push(p.labelNum[j]);
            labelUnit.push(p.labelStr[j] === undefined ? 'bytes' : p.labelUnit[j]);
          }
          labelKey.push('span');
          labelStr.push(s % 3 ? 'warm' : 'cold');
          labelNum.push(0);
          labelUnit.push('');
          labelStart.push(labelKey.length);
        }
        const out = join(threadDir, `labelled-${f.replace(/\W+/g, '_')}.pb.gz`);
        const columns = { labelStart: Int32Array.from(labelStart), labelKey, labelStr, labelNum: Float64Array.from(labelNum), labelUnit };
        writeFileSync(out, gzipSync(encodeProfile({ ...p, ...columns })));
        return out;
      };
      const files = ['heap', 'allocs', 'heap-gc', 'heap'].map((f) => labelled(`go-generated/${f}.pb.gz`));
      const instances = instancesOf(files.length);
      const held = fleetWriteCounts.held;
      const two = engine.mergeFiles(files, instances);
      assert.equal(fleetWriteCounts.held - held, 1, 'the other thread wrote the half it merged');
      const bytes = gunzipSync(two.bytes);
      assert.ok(Buffer.from(bytes).equals(gunzipSync(ENGINES[0][1].mergeFiles(files, instances).bytes)));
      const p = decodeProfile(bytes);
      assert.ok(p.labelUnit.includes('bytes') && p.labelStr.includes('cold'), 'the labels are there');
    });

    test('instances in both halves: merged the other way, with the same bytes', () => {
      const files = FLEETS['three heap profiles'].map((f) => join(FIXTURE_DIR, f));
      const instances = ['10.0.0.1:6060', '10.0.0.2:6060', '10.0.0.1:6060'];
      const held = fleetWriteCounts.held;
      const two = engine.mergeFiles(files, instances);
      assert.equal(fleetWriteCounts.held - held, 0, 'samples of one instance in both halves may add up: not written apart');
      assert.ok(Buffer.from(gunzipSync(two.bytes)).equals(gunzipSync(ENGINES[0][1].mergeFiles(files, instances).bytes)));
    });
  }

  test('an instance label a profile has already is kept as instance_original', async () => {
    const p = decodeProfile(readFileSync(join(FIXTURE_DIR, 'go-generated/heap.pb.gz')));
    // Every sample labelled instance=pod-7, as a service that labels its own samples would.
    const n = p.sampleCount;
    const labelled = {
      ...p,
      labelStart: Int32Array.from({ length: n + 1 }, (_, s) => s),
      labelKey: new Array<string>(n).fill('instance'),
      labelStr: new Array<string>(n).fill('pod-7'),
      labelNum: new Float64Array(n),
      labelUnit: new Array<string>(n).fill(''),
    };
    const own = join(pprofTmp, `fleet-own-instance-${how.replace(' ', '-')}.pb`);
    writeFileSync(own, encodeProfile(labelled));
    const plain = join(FIXTURE_DIR, 'go-generated/heap-gc.pb.gz');
    const merged = engine.mergeFiles([own, plain], ['10.0.0.1:6060', '10.0.0.2:6060']);
    assert.deepEqual(merged.renamed, ['10.0.0.1:6060']);
    const out = join(pprofTmp, `fleet-own-instance-merged-${how.replace(' ', '-')}.pb.gz`);
    writeFileSync(out, merged.bytes);
    // pprof sees both labels: the old one on the first instance's samples only, the new one on all.
    const tags = await pprof('-tags', out);
    assert.match(tags, /instance: Total \S+\n\s+\S+ \(\s*[\d.]+%\): 10\.0\.0\.1:6060\n\s+\S+ \(\s*[\d.]+%\): 10\.0\.0\.2:6060\n/);
    assert.match(tags, /instance_original: Total \S+\n\s+\S+ \(\s*100%\): pod-7\n/);
    const q = decodeProfile(merged.bytes);
    for (let s = 0; s < q.sampleCount; s++) {
      const labels: Record<string, string> = {};
      for (let j = q.labelStart[s]; j < q.labelStart[s + 1]; j++) if (q.labelStr[j] !== undefined) labels[q.labelKey[j]] = q.labelStr[j]!;
      if (labels.instance === '10.0.0.1:6060') assert.equal(labels.instance_original, 'pod-7');
      else assert.deepEqual(labels, { instance: '10.0.0.2:6060' });
    }
  });

  test('a file that is not a profile is named in the message', () => {
    const bad = join(pprofTmp, 'fleet-not-a-profile.pb.gz');
    writeFileSync(bad, '<html>nope</html>');
    assert.throws(() => engine.mergeFiles([join(FIXTURE_DIR, 'go-generated/heap.pb.gz'), bad], ['a:1', 'b:2']), new RegExp(`${bad.replace(/[.]/g, '\\.')}: `));
  });
});
