// "By label" in the real workbench: a merge of three real CPU profiles, one `instance` per source, as a fleet
// capture writes it (with its record of a fourth instance that failed). The header counts the instances and
// lists the failure; the table breaks down by instance with pprof's numbers per value, sorts by one
// instance's column, and the focus on one instance narrows the flame graph to that instance's program.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { mergeProfiles } from '../../src/model/profile/mergeProfiles';
import { repoRoot } from '../harness/codeServer.mjs';
import { pprofTop } from '../support/pprofTop';
import { encodeProfile } from '../unit/support/encodeProfile';
import { ProfileView } from './profileView';
import { launchWorkbench, type Workbench } from './support/workbench';

const fx = (rel: string) => join(repoRoot, 'test/fixtures', rel);
/** Each instance's program: the demo service, a big-number fib, and pprof's own test program. */
const SOURCES = [
  { instance: '10.0.0.1:6060', file: 'go-generated/cpu.pb.gz' },
  { instance: '10.0.0.2:6060', file: 'parca/query_testdata_fib.pb.gz' },
  { instance: '10.0.0.3:6060', file: 'google-pprof/report-sample.cpu.pb.gz' },
];
const FAILED = { instance: '10.0.0.4:6060', url: 'http://10.0.0.4:6060/debug/pprof', error: 'connect ECONNREFUSED 10.0.0.4:6060' };

let wb: Workbench;
let view: ProfileView;
let workspace: string;
let merged: string;

function makeWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-bylabel-ws-'));
  cpSync(join(repoRoot, 'test/workspace'), dir, { recursive: true });
  const folder = join(dir, 'fleet');
  mkdirSync(folder, { recursive: true });
  const profile = mergeProfiles(SOURCES.map((s) => ({ profile: decodeProfile(readFileSync(fx(s.file))), labels: { instance: s.instance }, name: s.file })));
  merged = join(folder, 'fleet-cpu.pb.gz');
  writeFileSync(merged, gzipSync(encodeProfile(profile)));
  const instances = [...SOURCES.map((s) => ({ instance: s.instance, url: `http://${s.instance}/debug/pprof`, file: `${s.instance}.pb.gz` })), FAILED];
  writeFileSync(`${merged}.fleet.json`, JSON.stringify({ instances }, null, 2));
  return dir;
}

before(async () => {
  workspace = makeWorkspace();
  wb = await launchWorkbench({ workspace });
  view = new ProfileView(wb);
});
after(async () => {
  await wb?.close();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

const flameNames = async () => new Set((await view.frames()).map((f) => f.name));

test('the header counts the instances and lists the one that failed, and why', async () => {
  await view.open('fleet/fleet-cpu.pb.gz');
  assert.equal(await view.stat('instances'), '3 instances');
  const failures = view.frame.locator('#fleet-failures');
  assert.match((await failures.textContent()) ?? '', /1 of 4 instances left out of the merge/);
  assert.equal((await failures.locator(`li[data-instance="${FAILED.instance}"]`).textContent())?.trim(), `${FAILED.instance} ${FAILED.error}`);
  assert.equal(await view.headerTotal(), pprofTop(merged, { unit: 'nanoseconds' }).total);
  await wb.screenshot('bylabel-header');
});

test('by instance: three value columns, each pprof’s -tagfocus=instance=^value$', async () => {
  await view.frame.locator('#label-key').click();
  await view.frame.locator('#label-key vscode-option', { hasText: 'instance' }).click();
  const table = view.frame.locator('#label-table[data-key="instance"]');
  await table.locator('tr.row').first().waitFor();
  const values = await table.locator('th.value-group').allTextContents();
  assert.deepEqual([...values].sort(), SOURCES.map((s) => s.instance));
  // The heaviest instance first: the fib program's.
  assert.equal(values[0], '10.0.0.2:6060');
  for (const [i, value] of values.entries()) {
    const oracle = pprofTop(merged, { unit: 'nanoseconds', tagfocus: `instance=^${value.replace(/\./g, '\\.')}$` });
    const top = oracle.rows[0];
    const row = table.locator('tr.row').filter({ has: view.frame.locator(`td.name[title^="${top.name} "], td.name[title="${top.name}"]`) }).first();
    const cells = row.locator('td.num');
    // Cells: all flat, all cum, then flat and cum per value.
    assert.equal(Number(await cells.nth(2 + 2 * i).getAttribute('data-value')), top.flat, `flat of ${top.name} on ${value}`);
    assert.equal(Number(await cells.nth(3 + 2 * i).getAttribute('data-value')), top.cum, `cum of ${top.name} on ${value}`);
    assert.equal(await row.getAttribute('data-hottest'), value, `${top.name} is hottest on ${value}`);
  }
  assert.match((await view.frame.locator('#top-count').textContent()) ?? '', /3 values of instance$/);
  await wb.screenshot('bylabel-table');
});

test('sorting by one instance’s cum puts that instance’s heaviest functions first', async () => {
  const value = '10.0.0.3:6060';
  await view.frame.locator(`th[data-label-sort="cum:${value}"]`).click();
  await view.frame.locator(`th[data-label-sort="cum:${value}"][aria-sort="descending"]`).waitFor();
  const table = view.frame.locator('#label-table');
  const cums = await table.locator('tr.row').evaluateAll((trs) => trs.slice(0, 20).map((tr) => Number(tr.querySelectorAll('td.num')[2 * 2 + 3].getAttribute('data-value'))));
  const oracle = pprofTop(merged, { unit: 'nanoseconds', tagfocus: `instance=^10\\.0\\.0\\.3:6060$` });
  const byCum = oracle.rows.map((r) => r.cum).sort((a, b) => b - a);
  assert.deepEqual(cums.slice(0, 5), byCum.slice(0, 5));
  const first = await table.locator('tr.row').first().getAttribute('data-name');
  assert.ok(oracle.rows.some((r) => r.name === first && r.cum === byCum[0]), `${first} has the instance's largest cum`);
  await wb.screenshot('bylabel-sorted');
});

test('focusing one instance narrows the flame graph to its program, and all brings the others back', async () => {
  const before = await flameNames();
  assert.ok(before.has('math/big.addVV') && before.has('main.leafSort') && before.has('main.busyLoop'), 'every program is in the flame graph');
  await view.frame.locator('#label-focus').click();
  await view.frame.locator('#label-focus vscode-option', { hasText: '10.0.0.3:6060' }).click();
  await view.frame.locator('.chip[data-filter="tagfocus"]').waitFor();
  assert.equal(await view.frame.locator('.chip[data-filter="tagfocus"] code').textContent(), 'instance=^10\\.0\\.0\\.3:6060$');
  await view.frame.locator('#flame-status[data-kind="ok"]').waitFor();
  await view.frame.locator('#flame-chart g.frame[name="math/big.addVV"]').waitFor({ state: 'detached' });
  const focused = await flameNames();
  assert.ok(focused.has('main.busyLoop'), 'the focused program stays');
  assert.ok(!focused.has('math/big.addVV') && !focused.has('main.leafSort'), 'the other programs are gone');
  // The table shows the focused instance only.
  const shownValues = view.frame.locator('#label-table th.value-group');
  await view.frame.locator('#label-table th.value-group').first().filter({ hasText: '10.0.0.3:6060' }).waitFor();
  assert.equal(await shownValues.count(), 1);
  await wb.screenshot('bylabel-focused');
  await view.frame.locator('#label-focus').click();
  await view.frame.locator('#label-focus vscode-option', { hasText: 'all' }).click();
  await view.frame.locator('.chip[data-filter="tagfocus"]').waitFor({ state: 'detached' });
  await view.frame.locator('#flame-chart g.frame[name="math/big.addVV"]').first().waitFor();
});
