// Starts Debian's Prometheus (/usr/bin/prometheus) for a test: a config written in a temp dir that
// scrapes the given host:port targets every second, its TSDB in the same dir, the web API on a free
// loopback port. Resolves once every target is up; stop() kills it and removes the dir. It never outlives
// the test process: it is killed on exit, and its stdin is a pipe.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export interface StartedPrometheus {
  /** http://127.0.0.1:port, no path. */
  readonly url: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

/** `scrapeTargets`: host:port or URLs (their host:port is taken). */
export function startPrometheus(
  scrapeTargets: readonly string[],
  opts: { job?: string; scrapeInterval?: string } = {},
): Promise<StartedPrometheus> {
  const targets = scrapeTargets.map(hostPort);
  return startPrometheusWithConfig(prometheusConfig(opts.job ?? 'goservice', opts.scrapeInterval ?? '1s', targets), targets);
}

/** Starts Prometheus with a whole prometheus.yml; resolves once the instances in `waitFor` are up. */
export async function startPrometheusWithConfig(config: string, waitFor: readonly string[]): Promise<StartedPrometheus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prometheus-test-'));
  writeFileSync(path.join(dir, 'prometheus.yml'), config);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
      '--storage.tsdb.retention.time=1h',
      // The default lookback is 5 min: a killed instance's last sample would keep answering queries.
      '--query.lookback-delta=5s',
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  running.add(child);
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  const stop = async () => {
    running.delete(child);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, waitFor, child, () => log);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, stop };
}

function prometheusConfig(job: string, interval: string, targets: readonly string[]): string {
  return [
    'global:',
    `  scrape_interval: ${interval}`,
    `  scrape_timeout: ${interval}`,
    `  evaluation_interval: ${interval}`,
    'scrape_configs:',
    `  - job_name: ${JSON.stringify(job)}`,
    '    static_configs:',
    `      - targets: [${targets.map((t) => JSON.stringify(t)).join(', ')}]`,
    '',
  ].join('\n');
}

function hostPort(target: string): string {
  return /^[a-z]+:\/\//i.test(target) ? new URL(target).host : target;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls /api/v1/targets until every target has been scraped and is up; a hang guard of 60 s. */
async function waitUntilUp(url: string, targets: readonly string[], child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = 'no answer yet';
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`prometheus exited (${child.exitCode ?? child.signalCode}): ${log().trim()}`);
    try {
      const res = await fetch(`${url}/api/v1/targets?state=active`);
      const body = (await res.json()) as { data?: { activeTargets?: { labels: Record<string, string>; health: string }[] } };
      const up = new Set((body.data?.activeTargets ?? []).filter((t) => t.health === 'up').map((t) => t.labels.instance));
      if (targets.every((t) => up.has(t))) return;
      last = `${up.size} of ${targets.length} targets up`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline) throw new Error(`prometheus at ${url}: targets not up within 60 s (${last}): ${log().trim()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
