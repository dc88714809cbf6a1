// Starts Debian's Prometheus (/usr/bin/prometheus) for a test: a config written in a temp dir that
// scrapes the given host:port targets every second, its TSDB in the same dir, the web API on a free
// loopback port. Resolves once every target is up; stop() kills it and removes the dir. It never outlives
// the test process: it is killed on exit, and its stdin is a pipe.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export interface StartedPrometheus {
  /** http(s)://127.0.0.1:port, no path. */
  readonly url: string;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

/** `scrapeTargets`: host:port or URLs (their host:port is taken). */
export function startPrometheus(
  scrapeTargets: readonly string[],
  opts: { job?: string; scrapeInterval?: string; web?: PrometheusWeb } = {},
): Promise<StartedPrometheus> {
  const targets = scrapeTargets.map(hostPort);
  return startPrometheusWithConfig(prometheusConfig(opts.job ?? 'goservice', opts.scrapeInterval ?? '1s', targets), targets, opts.web);
}

/** Prometheus's own web server secured: TLS with a certificate of 127.0.0.1 and basic auth. */
export interface PrometheusWeb {
  /** PEM files; the certificate is also the CA a client must trust. */
  readonly certFile: string;
  readonly keyFile: string;
  readonly user: string;
  readonly password: string;
  /** bcrypt of `password`, as Prometheus's web config wants it. */
  readonly passwordHash: string;
}

/** Starts Prometheus with a whole prometheus.yml; resolves once the instances in `waitFor` are up. */
export async function startPrometheusWithConfig(config: string, waitFor: readonly string[], web?: PrometheusWeb): Promise<StartedPrometheus> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'prometheus-test-'));
  writeFileSync(path.join(dir, 'prometheus.yml'), config);
  const flags: string[] = [];
  if (web) {
    writeFileSync(
      path.join(dir, 'web.yml'),
      `tls_server_config:\n  cert_file: ${JSON.stringify(web.certFile)}\n  key_file: ${JSON.stringify(web.keyFile)}\nbasic_auth_users:\n  ${JSON.stringify(web.user)}: ${JSON.stringify(web.passwordHash)}\n`,
    );
    flags.push(`--web.config.file=${path.join(dir, 'web.yml')}`);
  }
  const port = await freePort();
  const url = `${web ? 'https' : 'http'}://127.0.0.1:${port}`;
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
      ...flags,
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
    await waitUntilUp(url, waitFor, child, () => log, web);
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
async function waitUntilUp(url: string, targets: readonly string[], child: ChildProcess, log: () => string, web?: PrometheusWeb): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = 'no answer yet';
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`prometheus exited (${child.exitCode ?? child.signalCode}): ${log().trim()}`);
    try {
      const body = JSON.parse(await getText(`${url}/api/v1/targets?state=active`, web)) as { data?: { activeTargets?: { labels: Record<string, string>; health: string }[] } };
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

/** GETs a URL, trusting the web config's certificate and sending its user. */
function getText(url: string, web?: PrometheusWeb): Promise<string> {
  const u = new URL(url);
  const mod = u.protocol === 'https:' ? https : http;
  const headers: Record<string, string> = web ? { Authorization: `Basic ${Buffer.from(`${web.user}:${web.password}`).toString('base64')}` } : {};
  return new Promise((resolve, reject) => {
    const req = mod.get(u, { headers, ca: web ? readFileSync(web.certFile) : undefined, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
  });
}

/** A self-signed certificate for 127.0.0.1 and a user for Prometheus's web config, in `dir` (openssl). */
export function prometheusWeb(dir: string): PrometheusWeb {
  const certFile = path.join(dir, 'prometheus-cert.pem');
  const keyFile = path.join(dir, 'prometheus-key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=prometheus test', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'ignore' });
  // bcrypt (cost 4, so each request checks it fast) of the password below; made once with crypt(3).
  return { certFile, keyFile, user: 'pprof', password: 'pprof-lens-test', passwordHash: '$2b$04$AtnG.YDR0x0qXIDe.Rg8BeRUTEzTcB3Krs8wxPxFHuJy/pb3CQdF.' };
}
