// Our `top` over merges and comparisons prints what `go tool pprof -top` prints for the same files and
// flags, row for row, with the same header and total (percentages of the base's total for -diff_base, of
// the net for -base): merges of 2–5 fixtures; -base, -diff_base and -normalize over pairs from
// go-generated, google-pprof and parca, and over heap profiles captured from the test service before and
// after it served some load; every sample type, at function and line granularity.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import type { Granularity } from '../../src/model/profile/queries';
import { startGoService, type GoService } from '../support/goService';
import { assertAgreesWithPprof } from './support/agreesWithPprof';
import { MERGES, PAIRS } from './support/comparedFixtures';
import { FIXTURE_DIR, pprofTmp, type SourceSet } from './support/pprofOracle';

const GRANULARITIES: Granularity[] = ['functions', 'lines'];
const MODES = [
  { mode: 'diff_base', normalize: false },
  { mode: 'diff_base', normalize: true },
  { mode: 'base', normalize: false },
  { mode: 'base', normalize: true },
] as const;

const typesOf = (file: string) => decodeProfile(readFileSync(file.startsWith('/') ? file : join(FIXTURE_DIR, file))).sampleTypes;

/** One test per sample type and granularity: our top of the set agrees with pprof's. */
function agreeOnEveryType(name: string, set: SourceSet, types = typesOf(set.files[0])): void {
  types.forEach((t, sampleIndex) => {
    for (const granularity of GRANULARITIES) {
      test(`${name}: ${t.type}/${t.unit} at ${granularity}`, async () => {
        const rows = await assertAgreesWithPprof(set, set, { sampleIndex, granularity, unit: t.unit });
        assert.ok(rows > 0, 'pprof shows rows');
      });
    }
  });
}

const compared = (base: string, target: string, mode: 'base' | 'diff_base', normalize: boolean): SourceSet => ({
  files: [target],
  ...(mode === 'base' ? { base: [base] } : { diffBase: [base] }),
  normalize,
});

describe('merges of several profiles agree with go tool pprof -top a b c', { concurrency: 2 }, () => {
  for (const [name, files] of Object.entries(MERGES)) agreeOnEveryType(name, { files });
  agreeOnEveryType('drop_frames of the first profile apply to the merge', {
    files: ['google-pprof/cppbench.cpu_no_samples_type.pb.gz', 'parca/query_testdata_two-stacks.pb.gz', 'parca/query_testdata_single-stack.pb.gz'],
  });
});

describe('-base, -diff_base and -normalize agree with go tool pprof -top', { concurrency: 2 }, () => {
  for (const [base, target] of PAIRS) {
    for (const { mode, normalize } of MODES) {
      agreeOnEveryType(`${target} -${mode}=${base}${normalize ? ' -normalize' : ''}`, compared(base, target, mode, normalize));
    }
  }
});

describe('comparisons of heap profiles captured from the test service before and after load', { concurrency: 2 }, () => {
  let svc: GoService;
  const files = { before: join(pprofTmp, 'service-heap-before.pb.gz'), after: join(pprofTmp, 'service-heap-after.pb.gz') };
  const capture = async (path: string, file: string) => {
    const res = await fetch(`${svc.url}${path}`);
    assert.equal(res.status, 200, `GET ${path}`);
    writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
  };
  before(async () => {
    svc = await startGoService();
    await svc.get('/leak');
    await capture('/debug/pprof/heap', files.before);
    // Load: requests that allocate (and keep) memory in several handlers.
    for (let i = 0; i < 8; i++) await Promise.all([svc.get('/leak'), svc.get('/json'), svc.get('/walk')]);
    await capture('/debug/pprof/heap', files.after);
  });
  after(() => svc?.stop());

  const types = ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'].map((type) => ({ type, unit: type.endsWith('space') ? 'bytes' : 'count' }));
  for (const { mode, normalize } of MODES) {
    agreeOnEveryType(`after -${mode}=before${normalize ? ' -normalize' : ''}`, compared(files.before, files.after, mode, normalize), types);
  }
});
