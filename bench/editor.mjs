#!/usr/bin/env node
// The profile editor, driven in the real VS Code (code-server + Chromium + Playwright), each target a ratio
// to an anchor measured in the same run, so that a slow or busy machine neither hides nor fakes a gain:
//   - the engine's own bytes → flat/cum on L (bench/measure.ts in a child process, as bench/run.mjs runs it);
//   - `go tool pprof -http` on M, until it has served its flame graph page (never on L: it takes the machine);
//   - in the editor, L: from Enter in "pprof: Open Profile…" to the first flame frame drawn and to the top
//     table shown; zooms: from a click on a frame to the subtree drawn from what the view holds (the instant
//     redraw), and to the subtree at full detail from the worker; M's first paint, in a window of its own;
//   - host stall: the longest the extension host's event loop was blocked from the open to the last zoom,
//     from a CPU profile of the host recorded by bench/editor-probe, a tiny extension installed beside it in
//     the same extension host. The target is on the time on a core of stretches with the extension's code on
//     the stack (see hostProfile.mjs); wall clock, and stretches of any cause, are reported beside it.
// The worker threads record each request's queueing and running times ($PPROF_LENS_WORKER_TRACE), printed as
// a timeline of the open.
//   - the compare view on the L pair (two runs of L's program, --stackseed 1 and 2): from Enter on the second
//     file of "pprof: Compare Profiles…" (its quick picks' Browse… and file dialogs) to the first flame frame
//     drawn, beside the target's own first paint from Enter in "Open Profile…"'s dialog, each in a fresh
//     window; and, for information, the same command given { base, target } (run by the probe's command), whose
//     worker threads start with its first request rather than with the command.
//   node bench/editor.mjs [--profile FILE] [--zooms N] [--no-pprof] [--only compare|L]
// L is bench/gen-large.mjs --samples 1000000 (seed 42), cached as bench/run.mjs caches it, as is the pair.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { launchBrowser } from '../test/harness/browser.mjs';
import { busyStretches } from './hostProfile.mjs';
import { ENGINE_ENV } from './engineEnv.mjs';
import { copyWorkspace, freePort, makeRunDir, removeRunDir, repoRoot, startCodeServer } from '../test/harness/codeServer.mjs';

/** The zooms into narrower frames, after the widest: ranks 21 to 25 by width, below the 16 the host sends ahead. */
const NARROWER_FROM = 20;
const NARROWER_ZOOMS = 5;

/** PERF.md's editor targets, each a ratio to an anchor of the same run. */
const TARGETS = {
  firstPaintOverEngine: 1.5,
  comparePaintOverSingle: 1.5,
  pprofHttpOverFirstPaintM: 15,
  tableOverFirstPaint: 1.25,
  fullDetailOverInstant: 2,
  stallMs: 50,
  framesDrawn: 5000,
};
const M = join(repoRoot, 'test/fixtures/google-pprof/proftest-large.cpu.pb.gz');

function args(argv) {
  const o = { zooms: 7, pprof: true, only: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--profile') o.profile = argv[++i];
    else if (argv[i] === '--only' && (argv[i + 1] === 'compare' || argv[i + 1] === 'L')) o.only = argv[++i];
    else if (argv[i] === '--zooms') o.zooms = Number(argv[++i]);
    else if (argv[i] === '--no-pprof') o.pprof = false;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!(o.zooms >= 5)) throw new Error('--zooms: the zoom target is a median of at least 5');
  return o;
}

const cacheDir = () => process.env.PPROF_LENS_BENCH_CACHE || join(os.homedir(), '.cache', 'pprof-lens-bench');

/**
 * The engine's bytes → flat/cum by function and line on `file` (bench/run.mjs's first row): bench/measure.ts
 * bundled and run in its own process, median of 3 warm runs after 1 warm-up.
 */
async function engineFlatCum(file, { plain = false } = {}) {
  const out = join(cacheDir(), 'measure.js');
  await esbuild.build({ entryPoints: [join(repoRoot, 'bench/measure.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'warning' });
  // As the extension runs the engine (src/worker/engineEnv.ts), unless `plain`: then as Node runs.
  const env = plain ? process.env : ENGINE_ENV;
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', out, file, '3', '--warmup', '1'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`measuring the engine on ${file} failed (exit ${r.status})`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Wall time from starting `go tool pprof -http` on `file` until GET /ui/flamegraph has returned completely. */
async function pprofHttpFlamegraph(file) {
  const port = await freePort();
  const tmp = join(cacheDir(), 'pprof-tmp');
  mkdirSync(tmp, { recursive: true });
  const t0 = performance.now();
  // In its own process group: `go tool` runs pprof as a child, which must go when it goes.
  const child = spawn('go', ['tool', 'pprof', `-http=127.0.0.1:${port}`, '-no_browser', file], {
    env: { ...process.env, PPROF_TMPDIR: tmp, HOME: tmp },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr = (stderr + b).slice(-4000)));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`go tool pprof -http exited (${child.exitCode}): ${stderr}`);
      if (performance.now() - t0 > 600_000) throw new Error('go tool pprof -http served nothing in 10 minutes');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/ui/flamegraph`);
        const body = await res.arrayBuffer();
        if (!res.ok) throw new Error(`go tool pprof -http: /ui/flamegraph answered ${res.status}`);
        const served = { ms: performance.now() - t0, bytes: body.byteLength };
        console.error(`bench: go tool pprof -http served /ui/flamegraph (${(served.bytes / 1e6).toFixed(0)} MB) after ${(served.ms / 1000).toFixed(1)} s`);
        return served;
      } catch (e) {
        if (!(e instanceof TypeError)) throw e; // not listening yet
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  }
}

/**
 * L, cached under the same name bench/run.mjs uses, so the two benchmarks share one generated file; with
 * `stackSeed`, another run of L's program (bench/run.mjs's comparison rows: `--stackseed 1` and `2`).
 */
function ensureL(stackSeed) {
  const dir = cacheDir();
  const gen = join(repoRoot, 'bench/gen-large.mjs');
  const sha = createHash('sha256').update(readFileSync(gen)).digest('hex').slice(0, 12);
  const run = stackSeed === undefined ? '' : `-stacks${stackSeed}`;
  const file = join(dir, `L-1000000-seed42${run}-${sha}.pb.gz`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    console.error(`bench: generating L${run} into ${file} (about 10 s)…`);
    const tmp = `${file}.tmp.pb.gz`;
    const args = [gen, '--samples', '1000000', '--out', tmp];
    if (stackSeed !== undefined) args.push('--stackseed', String(stackSeed));
    execFileSync(process.execPath, args, { stdio: 'inherit' });
    renameSync(tmp, file);
  }
  return file;
}

/**
 * The webview's content frame (iframe#active-frame inside the webview's iframe), once it has the app. A
 * frame's URL is known without asking the browser, so only the webview's content frames (VS Code loads
 * them from `fake.html`) are asked for their element: the search then adds almost nothing to the machine's
 * load while the profile opens.
 */
async function contentFrame(page, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const fr of page.frames()) {
      if (!fr.url().includes('fake.html')) continue;
      const el = await fr.frameElement().catch(() => null);
      if (el && (await el.getAttribute('id')) === 'active-frame' && (await fr.$('#app').catch(() => null))) return fr;
    }
    if (Date.now() > deadline) throw new Error('the profile webview did not appear');
    await page.waitForTimeout(50);
  }
}

/**
 * Records, inside the webview, when each selector first matches: the time of the first animation frame
 * after the element is in the document (the frame that paints it), epoch ms. A MutationObserver does the
 * looking, so nothing runs in the page while nothing changes (polling on every animation frame kept the
 * renderer busy at 60 Hz through the open, beside the engine).
 */
async function watchInFrame(frame, selectors) {
  await frame.evaluate((sels) => {
    const seen = (window.__pprofLensBenchSeen = {});
    const looking = new Set(Object.keys(sels));
    const check = () => {
      for (const key of looking) {
        if (!document.querySelector(sels[key])) continue;
        looking.delete(key);
        requestAnimationFrame(() => (seen[key] = performance.timeOrigin + performance.now()));
      }
      if (looking.size === 0) observer.disconnect();
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true });
    check();
  }, selectors);
}

/** Epoch ms at which watchInFrame saw `key` painted; asks the page ten times a second. */
function seenInFrame(frame, key) {
  return frame.waitForFunction((k) => window.__pprofLensBenchSeen?.[k], key, { polling: 100, timeout: 120000 }).then((h) => h.jsonValue());
}

async function openWithCommand(page, file) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    await input.fill('>pprof: Open Profile');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Profile' }).first();
    try {
      await row.waitFor({ timeout: 3000 });
      await row.click();
      break;
    } catch (e) {
      await page.keyboard.press('Escape');
      if (attempt > 10) throw e;
    }
  }
  // code-server's file dialog is a quick input holding a path.
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Open a pprof profile' }).waitFor();
  // The dialog fills in the folder itself once it has listed it; type the path after that.
  for (let i = 0; i < 20 && (await input.inputValue()) !== file; i++) {
    await input.fill(file);
    await page.waitForTimeout(400);
  }
  const t0 = Date.now();
  await page.keyboard.press('Enter');
  return t0;
}

/**
 * Zooms into the i-th widest frame below the root (a different subtree each time, so none is kept), then resets.
 * `held`: the page had the subtree's tree at full detail already (sent ahead by the host), and drew it as it was clicked.
 */
async function zoomOnce(frame, i) {
  return frame.evaluate(async (i) => {
    const gs = [...document.querySelectorAll('#flame-chart g.frame')].filter((g) => g.getAttribute('name') !== 'root');
    gs.sort((a, b) => Number(b.querySelector('rect').getAttribute('width')) - Number(a.querySelector('rect').getAttribute('width')));
    const g = gs[i];
    const name = g.getAttribute('name');
    const frameDone = () =>
      document.querySelector('.breadcrumb .crumb[aria-current="page"]')?.textContent === name &&
      document.querySelector('#flame-status')?.dataset.kind === 'ok' &&
      document.querySelector('#flame-chart g.frame')?.getAttribute('name') === name;
    const shown = () => document.querySelector('#flame-chart g.frame')?.getAttribute('name') === name;
    // The host's messages as they reach the page, and the page's animation frames: the gaps between them
    // show where a zoom's time goes (the page's own drawing, the browser's layout and paint, the answer).
    const events = [];
    const onMessage = (e) => events.push(`${e.data?.type ?? '?'}@${(performance.now() - t0).toFixed(0)}`);
    window.addEventListener('message', onMessage, true);
    const t0 = performance.now();
    g.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    const held = shown();
    let shownMs;
    while (!frameDone()) {
      if (shownMs === undefined && shown()) {
        shownMs = performance.now() - t0;
        events.push(`shown@${shownMs.toFixed(0)}`);
      }
      await new Promise((r) => requestAnimationFrame(r));
      events.push(`raf@${(performance.now() - t0).toFixed(0)}`);
    }
    window.removeEventListener('message', onMessage, true);
    const zoomMs = performance.now() - t0;
    shownMs ??= zoomMs;
    const t1 = performance.now();
    document.querySelector('#zoom-reset').click();
    const resetDone = () =>
      document.querySelector('.breadcrumb .crumb[aria-current="page"]')?.textContent === 'All' &&
      document.querySelector('#flame-status')?.dataset.kind === 'ok' &&
      document.querySelector('#flame-chart g.frame')?.getAttribute('name') === 'root';
    while (!resetDone()) await new Promise((r) => requestAnimationFrame(r));
    const resetMs = performance.now() - t1;
    const draws = performance.getEntriesByName('pprofLens.flameDraw');
    const full = draws[draws.length - 2];
    return {
      name,
      held,
      shownMs,
      zoomMs,
      resetMs,
      drawMs: full?.duration ?? NaN,
      // When the worker's answer reached the view, after the click; and the click as epoch ms, to set beside the worker's timeline.
      answerMs: full ? full.startTime - t0 : NaN,
      clickAt: performance.timeOrigin + t0,
      frames: document.querySelectorAll('#flame-chart g.frame').length,
      events: events.join(' '),
    };
  }, i);
}

function stallsBetween(file, from, to) {
  if (!existsSync(file)) return { max: NaN, count: 0, activated: false };
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  const activated = lines.some((l) => l.endsWith('activated'));
  const stalls = lines.map((l) => l.split(" ").map(Number)).filter(([t, ms]) => t >= from && t <= to && ms > 0);
  return { max: stalls.reduce((m, [, ms]) => Math.max(m, ms), 0), count: stalls.length, over50: stalls.filter(([, ms]) => ms > 50).length, activated };
}

/** Asks the probe to write the extension host's CPU profile (see bench/editor-probe) and waits for it. */
async function stopCpuProfile(file) {
  rmSync(file, { force: true });
  writeFileSync(`${file}.stop`, '');
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 200));
  rmSync(`${file}.stop`, { force: true });
  if (!existsSync(file)) throw new Error('the stall probe wrote no CPU profile of the extension host');
}

/** Runs a command from the palette by its label (typed again when the palette has not listed it in time). */
async function runCommand(page, label) {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    await input.fill(`>${label}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    try {
      await row.waitFor({ timeout: 3000 });
      await row.click();
      return;
    } catch (e) {
      await page.keyboard.press('Escape');
      if (attempt > 10) throw e;
    }
  }
}

/** Opens `file` with the command and times, inside the webview, the header, the first flame frame and the first table row. */
async function openAndTime(page, file) {
  return timeView(page, await openWithCommand(page, file));
}

/** Times, inside the webview that `t0` (epoch ms) opened, the header, the first flame frame and the first table row. */
async function timeView(page, t0) {
  const frame = await contentFrame(page);
  await watchInFrame(frame, { header: '.header .file-name', flame: '#flame-chart g.frame rect', table: '#top-table tr.row' });
  const headerAt = await seenInFrame(frame, 'header');
  const paintedAt = await seenInFrame(frame, 'flame');
  const tableAt = await seenInFrame(frame, 'table');
  // When the webview's page began to load, and when its script had loaded, from the open command.
  const page0 = await frame.evaluate(() => {
    const script = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/main.js'));
    // The first flame tree's drawing: from its answer reaching the view to the chart built.
    const draw = performance.getEntriesByName('pprofLens.flameDraw')[0];
    const table = performance.getEntriesByName('pprofLens.tableDraw')[0];
    return {
      origin: performance.timeOrigin,
      scriptEnd: script ? performance.timeOrigin + script.responseEnd : NaN,
      drawStart: draw ? performance.timeOrigin + draw.startTime : NaN,
      drawMs: draw?.duration ?? NaN,
      tableStart: table ? performance.timeOrigin + table.startTime : NaN,
      tableDrawMs: table?.duration ?? NaN,
    };
  });
  return {
    t0,
    frame,
    pageMs: page0.origin - t0,
    scriptMs: page0.scriptEnd - t0,
    decodedMs: headerAt - t0,
    flameInViewMs: page0.drawStart - t0,
    flameDrawMs: page0.drawMs,
    tableInViewMs: page0.tableStart - t0,
    tableDrawMs: page0.tableDrawMs,
    firstPaintMs: paintedAt - t0,
    tableMs: tableAt - t0,
  };
}

/**
 * The compare view of `pair` opened by pprofLens.compareProfiles with `{ base, target }`, which the probe's
 * command runs from the palette; timed from the moment the probe ran it.
 */
async function compareAndTime(page, files, pair) {
  writeFileSync(files.compare, JSON.stringify(pair));
  rmSync(`${files.compare}.ran`, { force: true });
  await runCommand(page, 'Compare the Pair');
  // The probe's line, once written whole.
  const ran = () => (existsSync(`${files.compare}.ran`) ? Number(readFileSync(`${files.compare}.ran`, 'utf8').split('\n')[0]) : NaN);
  for (let i = 0; i < 1000 && !(ran() > 0); i++) await page.waitForTimeout(10);
  if (!(ran() > 0)) throw new Error('the probe did not run pprofLens.compareProfiles');
  return timeView(page, ran());
}

/**
 * The compare view of `pair` as a user opens it from the palette: "pprof: Compare Profiles…", then in each of
 * its two quick picks "Browse…" and the path typed into the file dialog; timed from Enter in the second
 * dialog, as Open Profile is timed from Enter in its dialog. Both commands start the worker threads when they
 * begin, before their prompts.
 */
async function compareFromPaletteAndTime(page, pair) {
  await runCommand(page, 'pprof: Compare Profiles');
  const input = page.locator('.quick-input-widget input');
  let t0 = NaN;
  for (const [step, file] of [['1/2', pair.base], ['2/2', pair.target]]) {
    const title = page.locator('.quick-input-widget .quick-input-title', { hasText: `Compare Profiles (${step})` });
    await title.waitFor();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Browse…' }).first().click();
    // The file dialog is a quick input with the same title, holding a path once it has listed the folder.
    await page.locator('.quick-input-widget .quick-input-action, .quick-input-widget .quick-input-title', { hasText: `Compare Profiles (${step})` }).first().waitFor();
    await page.waitForFunction(() => (document.querySelector('.quick-input-widget input')?.value ?? '').startsWith('/'));
    for (let i = 0; i < 20 && (await input.inputValue()) !== file; i++) {
      await input.fill(file);
      await page.waitForTimeout(400);
    }
    t0 = Date.now();
    await page.keyboard.press('Enter');
  }
  return timeView(page, t0);
}

/** The worker threads' requests between two epoch times, each as [method, queued, start, end] in ms after `from`. */
function workerRequests(file, from, to) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .filter((e) => e.queued >= from && e.queued <= to)
    .map((e) => ({ ...e, queued: e.queued - from, start: e.start - from, end: e.end - from }));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v) => `${Math.round(v)} ms`;

/**
 * A fresh window: code-server and Chromium in their own run dir, with the probe beside pprof Lens, the
 * workbench loaded and settled. `fn(page, files)` runs in it; everything is torn down after.
 */
async function inAFreshWindow(fn) {
  const runDir = makeRunDir('pprof-lens-bench-editor-');
  // code-server's extension host is a remote one, and VS Code polls /proc there every few seconds for ports
  // to forward (ExtHostTunnelService: /proc/net/tcp, every process's cwd and cmdline, a spawned `ls`), taking
  // the host's loop for up to 140 ms here. A desktop VS Code's local extension host never runs it, and it is
  // not the extension's work, so the benchmark turns it off (code-server has a tunnel provider, so only the
  // "output" source stops the polling).
  const settingsFile = join(runDir, 'ud/User/settings.json');
  writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(readFileSync(settingsFile, 'utf8')), 'remote.autoForwardPorts': false, 'remote.autoForwardPortsSource': 'output' }, null, 2));
  const files = { stalls: join(runDir, 'stalls.txt'), trace: join(runDir, 'worker-trace.jsonl'), cpuprofile: join(runDir, 'host.cpuprofile'), compare: join(runDir, 'compare.json') };
  writeFileSync(files.stalls, '');
  let server, browser;
  try {
    const ws = copyWorkspace(runDir, join(repoRoot, 'test/workspace'));
    // The probe is installed like any extension; the extension under test loads unpacked from the repo.
    cpSync(join(repoRoot, 'bench/editor-probe'), join(runDir, 'exts', 'pprof-lens.pprof-lens-bench-probe-0.0.1'), { recursive: true });
    server = await startCodeServer({ runDir, workspace: ws, env: { PPROF_LENS_BENCH_STALLS: files.stalls, PPROF_LENS_BENCH_CPUPROFILE: files.cpuprofile, PPROF_LENS_WORKER_TRACE: files.trace, PPROF_LENS_BENCH_COMPARE: files.compare } });
    browser = await launchBrowser(runDir);
    const { page } = browser;
    await page.goto(server.url(ws, [['extensionDevelopmentPath', server.remote(repoRoot)]]));
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60000 });
    await page.waitForTimeout(1000); // let the workbench and the extension host settle
    return await fn(page, files);
  } catch (e) {
    await browser?.page.screenshot({ path: join(repoRoot, 'test-results', 'bench-editor-error.png') }).catch(() => {});
    throw e;
  } finally {
    await browser?.context.close().catch(() => {});
    await server?.stop();
    removeRunDir(runDir);
  }
}

/** M opened in a fresh window, as go tool pprof -http starts fresh. */
function openM() {
  return inAFreshWindow(async (page, files) => {
    const m = await openAndTime(page, M);
    await page.waitForTimeout(300);
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'test-results', 'bench-editor-M.png') });
    return { ...m, frame: undefined, requests: workerRequests(files.trace, m.t0, Date.now()) };
  });
}

/**
 * L opened in a fresh window and zoomed, with the extension host watched from the open to the last zoom.
 * (A second profile opened in the window that closed the first one waits seconds for its webview to be
 * created and loaded: code-server, not the extension. Each profile gets its own window.)
 */
function openAndZoomL(profile, zoomCount, load) {
  return inAFreshWindow(async (page, files) => {
    // What the machine does to the extension host's timers with nothing of ours running.
    const idleFrom = Date.now();
    await page.waitForTimeout(3000);
    const idle = stallsBetween(files.stalls, idleFrom, Date.now());
    load.push(os.loadavg()[0]);

    const l = await openAndTime(page, profile);
    const { t0, frame } = l;
    const framesDrawn = await frame.evaluate(() => document.querySelectorAll('#flame-chart g.frame').length);
    await page.waitForTimeout(500);
    const zooms = [];
    for (let i = 0; i < zoomCount; i++) zooms.push(await zoomOnce(frame, i));
    // Narrower frames, below the widest that the host sends ahead, whose zooms go to the worker when clicked.
    const narrower = [];
    for (let i = 0; i < NARROWER_ZOOMS; i++) narrower.push(await zoomOnce(frame, NARROWER_FROM + i));
    const t1 = Date.now();
    await page.waitForTimeout(300);
    const stalls = stallsBetween(files.stalls, t0, t1);
    await stopCpuProfile(files.cpuprofile);
    // Kept beside the screenshot, to be opened in pprof Lens or DevTools when a stretch needs explaining.
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    cpSync(files.cpuprofile, join(repoRoot, 'test-results', 'bench-editor-host.cpuprofile'));
    cpSync(`${files.cpuprofile}.clock`, join(repoRoot, 'test-results', 'bench-editor-host.cpuprofile.clock'));
    writeFileSync(join(repoRoot, 'test-results', 'bench-editor-window.json'), JSON.stringify({ open: t0, lastZoom: t1 }));
    const busy = busyStretches(files.cpuprofile, t0, t1, `${join(repoRoot, 'dist')}/`);
    const idleBusy = busyStretches(files.cpuprofile, idleFrom, idleFrom + 3000);
    if (!stalls.activated) throw new Error('the stall probe did not activate in the extension host');
    await page.screenshot({ path: join(repoRoot, 'test-results', 'bench-editor-L.png') });
    load.push(os.loadavg()[0]);
    return { l: { ...l, frame: undefined }, framesDrawn, zooms, narrower, stalls, idle, busy, idleBusy, lRequests: workerRequests(files.trace, t0, t1) };
  });
}

/** The pair's target alone, then the pair compared, each in a fresh window: first paint of each, in one run. */
async function comparePair(pair, load) {
  const single = await inAFreshWindow(async (page, files) => {
    const r = await openAndTime(page, pair.target);
    return { ...r, frame: undefined, requests: workerRequests(files.trace, r.t0, Date.now()) };
  });
  load.push(os.loadavg()[0]);
  const compared = await inAFreshWindow(async (page, files) => {
    const r = await compareFromPaletteAndTime(page, pair);
    await page.waitForTimeout(300);
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'test-results', 'bench-editor-compare.png') });
    return { ...r, frame: undefined, requests: workerRequests(files.trace, r.t0, Date.now()) };
  });
  load.push(os.loadavg()[0]);
  // Beside it, the command given both files (as a script or the Explorer's Compare Selected runs it): no
  // prompt, so the worker's threads start with its first request.
  const given = await inAFreshWindow(async (page, files) => {
    const r = await compareAndTime(page, files, pair);
    return { ...r, frame: undefined, requests: workerRequests(files.trace, r.t0, Date.now()) };
  });
  load.push(os.loadavg()[0]);
  return { single, compared, given };
}

/** Prints the compare rows: the ratio of the two first paints, and each one's steps. */
function printCompare(pair, { single, compared, given }) {
  const ratio = compared.firstPaintMs / single.firstPaintMs;
  const ok = ratio <= TARGETS.comparePaintOverSingle;
  console.log(`\ncompare view: base ${pair.base}, target ${pair.target}`);
  console.log('\n| target | measured | ratio | target | |\n|---|---|---|---|---|');
  console.log(`| L pair: first differential paint (pprof: Compare Profiles…, from Enter on the second file) / the target's first paint alone (pprof: Open Profile…, from Enter on the file), same run | ${ms(compared.firstPaintMs)} / ${ms(single.firstPaintMs)} | ${ratio.toFixed(2)}x | ≤ ${TARGETS.comparePaintOverSingle}x | ${ok ? '✓' : '✗'} |`);
  console.log(`| L pair given as the command's argument object (threads started by its first request) / the target alone | ${ms(given.firstPaintMs)} / ${ms(single.firstPaintMs)} | ${(given.firstPaintMs / single.firstPaintMs).toFixed(2)}x | | |`);
  console.log('\n| measure | the target alone | the pair compared | the pair given as arguments |\n|---|---|---|---|');
  const row = (label, key) => console.log(`| ${label} | ${ms(single[key])} | ${ms(compared[key])} | ${ms(given[key])} |`);
  row('webview page started', 'pageMs');
  row('its script loaded', 'scriptMs');
  row('header shown (decoded)', 'decodedMs');
  row('first flame tree in the view', 'flameInViewMs');
  row('its drawing', 'flameDrawMs');
  row('top table\'s answer in the view', 'tableInViewMs');
  row('its drawing', 'tableDrawMs');
  row('first paint', 'firstPaintMs');
  row('top table', 'tableMs');
  timeline('the target alone', single.requests);
  timeline('the pair compared', compared.requests);
  timeline('the pair given as arguments', given.requests);
}

const timeline = (label, requests) => {
  console.log(`\nworker threads, ${label}: each request as queued → started → answered, ms after the open command`);
  for (const e of requests) console.log(`  ${e.thread.padEnd(4)} ${e.method.padEnd(15)} ${e.queued.toFixed(0).padStart(6)} → ${e.start.toFixed(0).padStart(6)} → ${e.end.toFixed(0).padStart(6)}  (${(e.end - e.start).toFixed(0)} ms${e.outcome === 'ok' ? '' : `, ${e.outcome}`})`);
};

async function main() {
  const o = args(process.argv.slice(2));
  const pair = { base: ensureL(1), target: ensureL(2) };
  // The bundles as shipped (`npm run package` builds them so): minified, without source maps.
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot, stdio: 'inherit' });
  const load = [os.loadavg()[0]];
  if (o.only === 'compare') {
    console.error('bench: the L pair\'s target alone, then the pair in the compare view …');
    const c = await comparePair(pair, load);
    console.log(`\nprofile editor, compare view; ${os.cpus().length} cores, load average ${load.map((x) => x.toFixed(1)).join(' → ')} (start → after the target alone → after the pair from the palette → after the pair given as arguments)`);
    printCompare(pair, c);
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    writeFileSync(join(repoRoot, 'test-results', 'bench-editor-compare.json'), JSON.stringify({ pair, load, ...c }, null, 2));
    return;
  }
  const profile = o.profile ?? ensureL();
  // The anchors alone on the machine: the engine on L before and after the editor (the machine's load moves
  // within a run), go tool pprof -http on M before it.
  console.error('bench: the engine on L (bytes → flat/cum) …');
  const before = await engineFlatCum(profile);
  console.error(`bench: engine bytes → flat/cum ${before.flatCumAllMs.join(', ')} ms`);
  // For comparison only: the same in a process without the engine's environment (no huge pages).
  const plain = await engineFlatCum(profile, { plain: true });
  console.error(`bench: engine bytes → flat/cum in plain Node ${plain.flatCumAllMs.join(', ')} ms`);
  let pprofM;
  if (o.pprof && o.only !== 'L') {
    console.error('bench: go tool pprof -http on M, until its flame graph page is served …');
    pprofM = await pprofHttpFlamegraph(M);
  }
  console.error('bench: the profile editor on M, then on L …');
  // `--only L`: the anchor and L alone, for a quicker look at L's first paint and zooms.
  const m = o.only === 'L' ? undefined : await openM();
  load.push(os.loadavg()[0]);
  const run = { ...(await openAndZoomL(profile, o.zooms, load)), mRequests: m?.requests };
  let compare;
  if (o.only !== 'L') {
    console.error('bench: the L pair\'s target alone, then the pair in the compare view …');
    compare = await comparePair(pair, load);
  }
  console.error('bench: the engine on L again …');
  const after = await engineFlatCum(profile);
  load.push(os.loadavg()[0]);
  const engineRuns = [...before.flatCumAllMs, ...after.flatCumAllMs];
  const { l, zooms, narrower, busy, idleBusy, stalls, idle } = run;
  const ours = busy.filter((b) => b.ours);

  const result = {
    profile,
    loadAverage: load.map((x) => x.toFixed(1)).join(' → '),
    engineFlatCumMs: median(engineRuns),
    engineFlatCumAllMs: engineRuns,
    engineFlatCumPlainMs: plain.flatCumAllMs,
    pprofHttpMs: pprofM && Math.round(pprofM.ms),
    pprofHttpPageBytes: pprofM?.bytes,
    decodedMs: Math.round(l.decodedMs),
    firstPaintMs: Math.round(l.firstPaintMs),
    tableMs: Math.round(l.tableMs),
    mDecodedMs: m && Math.round(m.decodedMs),
    mFirstPaintMs: m && Math.round(m.firstPaintMs),
    mTableMs: m && Math.round(m.tableMs),
    framesDrawn: run.framesDrawn,
    zoomShownMedianMs: Math.round(median(zooms.map((z) => z.shownMs))),
    zoomShownMaxMs: Math.round(Math.max(...zooms.map((z) => z.shownMs))),
    zoomMedianMs: Math.round(median(zooms.map((z) => z.zoomMs))),
    zoomMaxMs: Math.round(Math.max(...zooms.map((z) => z.zoomMs))),
    zoomRatioMedian: median(zooms.map((z) => z.zoomMs / z.shownMs)),
    zoomsHeld: zooms.filter((z) => z.held).length,
    narrowerShownMedianMs: Math.round(median(narrower.map((z) => z.shownMs))),
    narrowerMedianMs: Math.round(median(narrower.map((z) => z.zoomMs))),
    narrowerRatioMedian: median(narrower.map((z) => z.zoomMs / z.shownMs)),
    narrowerHeld: narrower.filter((z) => z.held).length,
    resetMedianMs: Math.round(median(zooms.map((z) => z.resetMs))),
    zoomDrawMedianMs: Math.round(median(zooms.map((z) => z.drawMs))),
    hostBlockedByUsMaxMs: Math.round(ours[0]?.cpuMs ?? 0),
    hostBlockedByUsWallMs: Math.round(ours[0]?.ms ?? 0),
    hostBlockedByUsWallMaxMs: Math.round(Math.max(0, ...ours.map((b) => b.outerMs))),
    hostBlockedMaxMs: Math.round(busy[0]?.cpuMs ?? 0),
    hostBlockedWallMs: Math.round(busy[0]?.ms ?? 0),
    idleBlockedMaxMs: Math.round(idleBusy[0]?.cpuMs ?? 0),
    idleBlockedWallMaxMs: Math.round(Math.max(0, ...idleBusy.map((b) => b.ms))),
    hostStallMaxMs: Math.round(stalls.max),
    idleStallMaxMs: Math.round(idle.max),
    hostStallsOver50: stalls.over50,
  };
  const r = result;
  const mark = (ok) => (ok ? '✓' : '✗');
  console.log(`\nprofile editor on ${profile}; ${os.cpus().length} cores, load average ${r.loadAverage} (start → after M → before L → after L's zooms → after the pair's target alone → after the pair compared → after the pair given as arguments → end)`);
  console.log('\n| target | measured | ratio | target | |\n|---|---|---|---|---|');
  const target = (label, measured, ratio, want, ok) => console.log(`| ${label} | ${measured} | ${ratio.toFixed(2)}x | ${want} | ${mark(ok)} |`);
  const fp = r.firstPaintMs / r.engineFlatCumMs;
  target('L: first paint from the open command / the engine\'s bytes → flat/cum, same run', `${ms(r.firstPaintMs)} / ${ms(r.engineFlatCumMs)}`, fp, `≤ ${TARGETS.firstPaintOverEngine}x`, fp <= TARGETS.firstPaintOverEngine);
  if (pprofM) {
    const vs = r.pprofHttpMs / r.mFirstPaintMs;
    target('M: go tool pprof -http until /ui/flamegraph served / our first paint from the open command', `${(r.pprofHttpMs / 1000).toFixed(1)} s (${(r.pprofHttpPageBytes / 1e6).toFixed(0)} MB page) / ${ms(r.mFirstPaintMs)}`, vs, `≥ ${TARGETS.pprofHttpOverFirstPaintM}x`, vs >= TARGETS.pprofHttpOverFirstPaintM);
  }
  const tb = r.tableMs / r.firstPaintMs;
  target('L: top table shown / first paint, both from the open command', `${ms(r.tableMs)} / ${ms(r.firstPaintMs)}`, tb, `≤ ${TARGETS.tableOverFirstPaint}x`, tb <= TARGETS.tableOverFirstPaint);
  target(`L: zoom, full detail from the worker / instant redraw (median of ${zooms.length} zooms' ratios)`, `${ms(r.zoomMedianMs)} / ${ms(r.zoomShownMedianMs)} (medians)`, r.zoomRatioMedian, `≤ ${TARGETS.fullDetailOverInstant}x`, r.zoomRatioMedian <= TARGETS.fullDetailOverInstant);
  console.log(`| L: extension host loop blocked, pprof Lens on the stack, open → last zoom: on a core | ${ms(r.hostBlockedByUsMaxMs)} (wall clock ${ms(r.hostBlockedByUsWallMs)}) | | ≤ ${TARGETS.stallMs} ms | ${mark(r.hostBlockedByUsMaxMs <= TARGETS.stallMs)} |`);

  console.log('\n| measure | measured |\n|---|---|');
  const row = (label, v) => console.log(`| ${label} | ${v} |`);
  row('engine, L: bytes → flat/cum, warm runs before / after the editor', `${before.flatCumAllMs.join(', ')} / ${after.flatCumAllMs.join(', ')} ms (median ${ms(r.engineFlatCumMs)})`);
  row('engine, L: of which decode (gunzip, protobuf, ids), median before / after', `${ms(before.decodeMs)} / ${ms(after.decodeMs)}`);
  row('engine, L: bytes → flat/cum in plain Node, without the engine process\'s huge pages (not the anchor)', `${plain.flatCumAllMs.join(', ')} ms (median ${ms(median(plain.flatCumAllMs))}; first paint / it = ${(r.firstPaintMs / median(plain.flatCumAllMs)).toFixed(2)}x)`);
  row('L: webview page started / its script loaded, from the open command', `${ms(l.pageMs)} / ${ms(l.scriptMs)}`);
  row('L: first flame tree in the view / its drawing, from the open command', `${ms(l.flameInViewMs)} / ${ms(l.flameDrawMs)}`);
  row('L: top table\'s answer in the view / its drawing, from the open command', `${ms(l.tableInViewMs)} / ${ms(l.tableDrawMs)}`);
  row('L: profile decoded (header shown) from the open command', ms(r.decodedMs));
  row('L: first paint from the open command', ms(r.firstPaintMs));
  row('L: top table from the open command', ms(r.tableMs));
  row('L: flame frames drawn', `${r.framesDrawn} (≤ ${TARGETS.framesDrawn} ${mark(r.framesDrawn <= TARGETS.framesDrawn)})`);
  row(`L: zoom, click → subtree drawn (instant redraw), median of ${zooms.length}`, `${ms(r.zoomShownMedianMs)} (max ${r.zoomShownMaxMs})`);
  row('L: zoom, click → subtree at full detail from the worker, median', `${ms(r.zoomMedianMs)} (max ${r.zoomMaxMs})`);
  row('L: of which showing the full-detail answer in the webview, median', ms(r.zoomDrawMedianMs));
  row('L: reset zoom → whole tree redrawn, kept from before, median', ms(r.resetMedianMs));
  row(`L: of the ${zooms.length} zooms, drawn at full detail as clicked, from a tree the host had sent ahead`, `${r.zoomsHeld}`);
  row(`L: ${narrower.length} zooms into narrower frames (the ${NARROWER_FROM + 1}th to ${NARROWER_FROM + narrower.length}th widest), full detail / instant redraw, median (not a target)`, `${ms(r.narrowerMedianMs)} / ${ms(r.narrowerShownMedianMs)} = ${r.narrowerRatioMedian.toFixed(2)}x; ${r.narrowerHeld} of them sent ahead`);
  if (m) {
    row('M: webview page started / its script loaded, from the open command', `${ms(m.pageMs)} / ${ms(m.scriptMs)}`);
    row('M: header / first paint / top table, from the open command (a fresh window)', `${ms(r.mDecodedMs)} / ${ms(r.mFirstPaintMs)} / ${ms(r.mTableMs)}`);
  }
  row('L: the host stretch above, longest wall clock with the gap before it (upper bound)', ms(r.hostBlockedByUsWallMaxMs));
  row('L: extension host loop blocked, any cause (VS Code\'s GC and socket compression too): on a core (wall clock)', `${ms(r.hostBlockedMaxMs)} (${ms(r.hostBlockedWallMs)})`);
  row('extension host blocked, 3 s idle before the open: on a core (longest wall clock)', `${ms(r.idleBlockedMaxMs)} (${ms(r.idleBlockedWallMaxMs)})`);
  row('extension host timer late (blocked or not scheduled), open → last zoom', ms(r.hostStallMaxMs));
  row('extension host timer late, 3 s idle before the open (the machine\'s noise)', ms(r.idleStallMaxMs));

  if (compare) printCompare(pair, compare);
  timeline('L', run.lRequests);
  if (m) timeline('M', run.mRequests);
  console.log('\nzooms: click at (ms after the open) → subtree drawn from what the view holds → the worker\'s answer in the view → shown at full detail:');
  for (const z of [...zooms, ...narrower]) console.log(`  ${(z.clickAt - l.t0).toFixed(0).padStart(6)} → +${z.shownMs.toFixed(0)} → +${z.answerMs.toFixed(0)} → +${z.zoomMs.toFixed(0)} ms  ${z.name}${z.held ? ' (sent ahead)' : ''}\n      ${z.events}`);
  console.log('\nlongest blocked stretches of the extension host, open → last zoom (ms after the open: frames by samples):');
  for (const b of [...new Set([...busy.slice(0, 3), ...ours.slice(0, 2)])]) console.log(`  ${b.ours ? '[pprof Lens] ' : ''}${b.cpuMs.toFixed(0)} ms on a core (${b.ms.toFixed(0)} ms wall clock, ${b.outerMs.toFixed(0)} with the gap before) at +${b.atMs.toFixed(0)} ms: ${b.frames.map(([f, n]) => `${n}× ${f}`).join('; ')}`);
  mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
  writeFileSync(join(repoRoot, 'test-results', 'bench-editor.json'), JSON.stringify({ result, zooms, narrower, worker: { L: run.lRequests, M: run.mRequests }, compare: { pair, ...compare } }, null, 2));
}

main().catch((e) => {
  console.error(`bench/editor: ${e.stack ?? e.message}`);
  process.exit(1);
});
