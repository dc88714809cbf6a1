// What the compare view must show, checked against go tool pprof: shared by the UI test in the real
// workbench (compare.test.ts) and the development page (support/compareDevPage.ts), so the page can try
// the checks and their selectors before the host side exists.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { diffColor, diffDimColor, diffSelectedColor, changeStep, MAX_STEP } from '../../webview/diffColors';
import type { DiffPalette } from '../../src/protocol/messages';
import { pprofTop } from '../support/pprofTop';
import type { CompareView } from './compareView';

export interface ComparedFile {
  /** The name the view shows. */
  readonly name: string;
  readonly path: string;
}

/** `go tool pprof -top -diff_base=base target` in exact units: net flat and cum by name, and the total. */
export function pprofDiffTop(base: string, target: string, sampleIndex: string, unit: 'B' | 'ns'): { total: number; rows: Map<string, { flat: number; cum: number }> } {
  const args = ['tool', 'pprof', '-top', '-nodefraction=0', '-edgefraction=0', '-nodecount=100000', '-symbolize=none', `-sample_index=${sampleIndex}`, `-unit=${unit}`, `-diff_base=${base}`, target];
  const out = execFileSync('go', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const total = /accounting for -?[\d.]+\S*, .* of (-?[\d.]+)\S* total/.exec(out);
  if (!total) throw new Error(`no total in go tool pprof output:\n${out}`);
  const rows = new Map<string, { flat: number; cum: number }>();
  for (const line of out.split('\n')) {
    const m = /^\s*(-?[\d.]+)\S*\s+\S+\s+\S+\s+(-?[\d.]+)\S*\s+\S+\s+(.*)$/.exec(line);
    if (m) rows.set(m[3].replace(/ \((partial-)?inline\)$/, ''), { flat: Number(m[1]), cum: Number(m[2]) });
  }
  return { total: Number(total[1]), rows };
}

/** Both sides named, each with pprof's total, and the change in total. */
export async function checkHeader(view: CompareView, base: ComparedFile, target: ComparedFile, sampleIndex: string, unit: 'bytes' | 'nanoseconds'): Promise<void> {
  const shownBase = await view.side('base');
  const shownTarget = await view.side('target');
  assert.equal(shownBase.name, base.name);
  assert.equal(shownTarget.name, target.name);
  const baseTotal = pprofTop(base.path, { sampleIndex, unit }).total;
  const targetTotal = pprofTop(target.path, { sampleIndex, unit }).total;
  assert.equal(shownBase.total, baseTotal);
  assert.equal(shownTarget.total, targetTotal);
  const change = await view.change();
  assert.equal(change.value, targetTotal - baseTotal);
  assert.equal(change.change, targetTotal > baseTotal ? 'more' : targetTotal < baseTotal ? 'less' : 'same');
}

/** The legend in the palette's colours, and every frame filled from it (or selected, or dimmed). */
export async function checkFlameAndLegend(view: CompareView): Promise<void> {
  const palette = (await view.palette()) as DiffPalette;
  assert.ok(palette === 'redGreen' || palette === 'blueOrange', palette);
  const theme = await view.theme();
  const steps = Array.from({ length: 2 * MAX_STEP + 1 }, (_, i) => i - MAX_STEP);
  assert.deepEqual(await view.legendFills(), steps.map((s) => diffColor(s, palette, theme)));
  const allowed = new Set([...steps.map((s) => diffColor(s, palette, theme)), diffSelectedColor(theme), diffDimColor(theme)]);
  const frames = await view.frames();
  assert.ok(frames.length > 3, `${frames.length} frames`);
  for (const f of frames) assert.ok(allowed.has(f.fill), `${f.name}: ${f.fill}`);
  const coloured = frames.filter((f) => f.fill !== diffColor(0, palette, theme));
  assert.ok(coloured.length > 0, 'no frame shows a change');
  // The root's colour is the change of the whole target against the whole base.
  const root = await view.hoverFrame(0);
  assert.equal(frames[0].fill, diffColor(changeStep(root.base, root.target), palette, theme));
}

/** A frame's tooltip: base → target, Δ and Δ%, and what a frame on one side only says. */
export async function checkTooltip(view: CompareView): Promise<void> {
  const frames = await view.frames();
  const index = frames.findIndex((f, i) => i > 0 && f.width > 40);
  const tip = await view.hoverFrame(index);
  assert.equal(tip.name, frames[index].name);
  assert.match(tip.sides, /^\S+ → \S+$/);
  assert.ok(Number.isFinite(tip.base) && Number.isFinite(tip.target));
  assert.match(tip.delta, tip.target > tip.base ? /^\+/ : tip.target < tip.base ? /^-/ : /^0$/);
  if (tip.base === 0) assert.equal(tip.note, 'only in target (new)');
  else if (tip.target === 0) assert.equal(tip.note, 'only in base (gone)');
  else assert.equal(tip.note, '');
}

/** Sorted by |Δ cum| at first, Δ as pprof computes it; then by |Δ flat| from its heading. */
export async function checkTable(view: CompareView, oracle: Map<string, { flat: number; cum: number }>): Promise<void> {
  assert.equal(await view.sortedBy(), 'deltaCum');
  let rows = await view.rows();
  assert.ok(rows.length > 5, `${rows.length} rows`);
  for (let i = 1; i < rows.length; i++) assert.ok(Math.abs(rows[i - 1].cumDelta) >= Math.abs(rows[i].cumDelta), `${rows[i].name} after ${rows[i - 1].name}`);
  for (const r of rows.slice(0, 10)) {
    assert.equal(r.cumDelta, oracle.get(r.name)?.cum ?? 0, r.name);
    assert.equal(r.flatDelta, oracle.get(r.name)?.flat ?? 0, r.name);
    assert.equal(r.cumTarget - r.cumBase, r.cumDelta, r.name);
    assert.equal(r.flatTarget - r.flatBase, r.flatDelta, r.name);
  }
  const biggest = [...oracle.values()].reduce((m, r) => Math.max(m, Math.abs(r.cum)), 0);
  assert.equal(Math.abs(rows[0].cumDelta), biggest);
  await view.sortBy('deltaFlat');
  rows = await view.rows();
  for (let i = 1; i < rows.length; i++) assert.ok(Math.abs(rows[i - 1].flatDelta) >= Math.abs(rows[i].flatDelta), `${rows[i].name} after ${rows[i - 1].name}`);
  await view.sortBy('deltaCum');
}

/** Swap exchanges the sides: names, totals, and the sign of every change. */
export async function checkSwap(view: CompareView): Promise<void> {
  const base = await view.side('base');
  const target = await view.side('target');
  const change = await view.change();
  const top = (await view.rows())[0];
  await view.swap();
  assert.deepEqual(await view.side('base'), target);
  assert.deepEqual(await view.side('target'), base);
  assert.equal((await view.change()).value, -change.value);
  const swapped = (await view.rows()).find((r) => r.name === top.name);
  assert.ok(swapped, top.name);
  assert.equal(swapped.cumDelta, -top.cumDelta);
  assert.equal(swapped.cumBase, top.cumTarget);
}
