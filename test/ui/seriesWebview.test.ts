// The series page alone in real Chromium (the dev page plays the host): what it says when the manifest is
// malformed or the series is too young for a trend, and that the manifest's strings reach the page as text.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { SeriesManifest } from '../../src/model/profile/seriesManifest';
import { openSeriesPage } from './support/seriesDevPage';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function seriesFolder(manifest: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'pprof-lens-series-page-'));
  dirs.push(dir);
  const folder = join(dir, 'svc-series-20261202T100000');
  mkdirSync(folder);
  writeFileSync(join(folder, 'manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  return folder;
}

const started = '2026-12-02T10:00:00.000Z';
const early: SeriesManifest = {
  target: 'http://127.0.0.1:6060',
  types: ['heap', 'goroutine'],
  intervalSeconds: 30,
  count: 20,
  status: 'running',
  started,
  snapshots: [{ time: started, type: 'heap', format: 'pprof', file: 'heap-001.pb.gz' }],
  errors: [{ time: started, type: 'goroutine', error: 'GET /debug/pprof/goroutine: connection refused' }],
};

test('a malformed manifest gets one line saying what is wrong and what to do', async () => {
  const p = await openSeriesPage(seriesFolder('{"target": "x", "types": ["heap"]'));
  try {
    const text = await p.page.locator('#series-problem').textContent();
    assert.match(text ?? '', /^svc-series-20261202T100000\/manifest\.json is not a series manifest: it is not JSON .*Capture a series/);
    assert.deepEqual(p.cspViolations(), []);
  } finally {
    await p.close();
  }
});

test('an early series says what is missing instead of drawing, and asks for no trend', async () => {
  const p = await openSeriesPage(seriesFolder(early));
  try {
    assert.equal(await p.page.locator('#series-status').textContent(), 'running');
    assert.equal(await p.page.locator('.chart-card[data-type="heap"] .chart-missing').textContent(), 'One heap snapshot so far: growth needs a second one.');
    assert.equal(await p.page.locator('.chart-card[data-type="goroutine"] .chart-missing').textContent(), 'No goroutine snapshot yet (1 failed): the chart and the growth need at least two.');
    assert.equal(await p.page.locator('svg.totals-chart').count(), 0);
    assert.equal(await p.page.locator('#growth-missing').textContent(), 'One heap snapshot so far: growth needs a second one.');
    assert.deepEqual(p.posted.map((m) => m.type), ['ready'], 'nothing to compute from one snapshot');
    await p.screenshot('series-early');
  } finally {
    await p.close();
  }
});

test('the manifest\'s strings reach the page as text, never as HTML', async () => {
  const evil = '<img src=x onerror="document.body.dataset.pwned=1">';
  const p = await openSeriesPage(seriesFolder({ ...early, target: evil, stopReason: evil, status: 'failed', errors: [{ ...early.errors[0], error: evil }] }));
  try {
    assert.equal(await p.page.locator('.series-target').textContent(), evil);
    assert.equal(await p.page.locator('#series-stop').textContent(), `Stopped: ${evil}`);
    assert.equal(await p.page.locator('img').count(), 0);
    assert.equal(await p.page.evaluate('document.body.dataset.pwned ?? null'), null);
  } finally {
    await p.close();
  }
});
