// Builds and starts test/goservice, the real net/http/pprof endpoint of the capture tests.
// The binary is built once per source hash into out/bin/; each service binds 127.0.0.1 on a free port.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface GoServiceOptions {
  /** 'bearer': /debug/pprof/ requires `Authorization: Bearer <token>`. */
  readonly auth?: 'bearer';
  readonly token?: string;
  /** false leaves the block and mutex rates unset, so those profiles are empty. */
  readonly rates?: boolean;
  /** A Go duration such as '1s', for http.Server.WriteTimeout. */
  readonly writeTimeout?: string;
  /** Serve HTTPS with a fresh self-signed certificate; its PEM path is returned as certFile. */
  readonly tls?: boolean;
}

export interface GoService {
  /** scheme://127.0.0.1:port, no path. */
  readonly url: string;
  readonly pid: number;
  readonly token?: string;
  readonly certFile?: string;
  /** GETs a path of the service (with the token, if any) and returns the body text. */
  get(pathAndQuery: string): Promise<string>;
  stop(): Promise<void>;
}

export function repoRoot(): string {
  return process.env.PPROF_LENS_REPO ?? path.resolve(__dirname, '..', '..');
}

let building: Promise<string> | undefined;

/** The path of the built service binary, building it if its sources changed. */
export function buildGoService(): Promise<string> {
  building ??= build();
  return building;
}

async function build(): Promise<string> {
  const src = path.join(repoRoot(), 'test', 'goservice');
  const hash = createHash('sha256');
  for (const f of readdirSync(src).sort()) if (f.endsWith('.go') || f === 'go.mod') hash.update(f).update(readFileSync(path.join(src, f)));
  const { stdout: version } = await run('go', ['version']);
  hash.update(version);
  const binDir = path.join(repoRoot(), 'out', 'bin');
  const bin = path.join(binDir, `goservice-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(bin)) return bin;
  mkdirSync(binDir, { recursive: true });
  // Build under a private name, then rename: parallel test processes may build at once.
  const tmp = `${bin}.${process.pid}.tmp`;
  const env = { ...process.env, GOCACHE: process.env.GOCACHE ?? path.join(repoRoot(), 'out', 'gocache'), CGO_ENABLED: '0', GOFLAGS: '-mod=mod' };
  await run('go', ['build', '-o', tmp, '.'], { cwd: src, env, timeout: 300_000 });
  renameSync(tmp, bin);
  return bin;
}

export async function startGoService(opts: GoServiceOptions = {}): Promise<GoService> {
  const bin = await buildGoService();
  const token = opts.auth === 'bearer' ? (opts.token ?? `tok-${process.pid}-${Date.now()}`) : undefined;
  const args = ['-addr', '127.0.0.1:0'];
  if (token) args.push('-token', token);
  if (opts.rates === false) args.push('-norates');
  if (opts.writeTimeout) args.push('-write-timeout', opts.writeTimeout);
  let certDir: string | undefined;
  if (opts.tls) {
    certDir = mkdtempSync(path.join(os.tmpdir(), 'goservice-cert-'));
    args.push('-tls-cert-out', path.join(certDir, 'cert.pem'));
  }
  // stdin stays a pipe: the service exits when it closes, so it cannot outlive this process.
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GOSERVICE_TOKEN: '' } });
  const url = await listenLine(child);
  const certFile = certDir ? path.join(certDir, 'cert.pem') : undefined;
  return {
    url,
    pid: child.pid!,
    token,
    certFile,
    async get(p: string) {
      const res = await fetch(`${url}${p}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      return res.text();
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (certDir) rmSync(certDir, { recursive: true, force: true });
    },
  };
}

function listenLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    let done = false;
    const timer = setTimeout(() => fail(new Error(`goservice did not start within 30 s: ${err.trim()}`)), 30_000);
    const fail = (e: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTEN (\S+)\n/.exec(out);
      if (m && !done) {
        done = true;
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => fail(new Error(`goservice exited (${code}) before listening: ${err.trim()}`)));
  });
}
