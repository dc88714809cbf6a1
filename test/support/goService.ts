// Builds and starts the real net/http/pprof endpoint of the capture tests: the demo service's package
// (test/workspace/*.go and go.mod, main.go's main renamed) built with test/goservice/serve.go, which adds
// /burn, /lockwait, bearer auth and TLS. The binary is built once per source hash into out/bin/; each
// service binds 127.0.0.1 on a free port.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  /** A Go duration such as '1s': every /debug/pprof/ answer waits this long. */
  readonly delay?: string;
  /** Listen on this many more loopback ports (plain HTTP only): a fleet in one process, see `urls`. */
  readonly extraPorts?: number;
  /** Answer with `Access-Control-Allow-Origin: <cors>`, so a browser page of another origin may read it. */
  readonly cors?: string;
}

export interface GoService {
  /** scheme://127.0.0.1:port, no path. */
  readonly url: string;
  /** url, then one per extra port. */
  readonly urls: readonly string[];
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

/** The files of the service's package, by name: the demo's with its main renamed, and serve.go's. */
function serviceSources(): Map<string, Buffer> {
  const workspace = path.join(repoRoot(), 'test', 'workspace');
  const demo = readFileSync(path.join(workspace, 'main.go'), 'utf8');
  // serve.go has the main; the demo's stays, under another name, on its line (profiles keep its line numbers).
  const mains = demo.match(/^func main\(\) \{/gm) ?? [];
  if (mains.length !== 1) throw new Error(`test/workspace/main.go: expected one "func main() {" line, found ${mains.length}`);
  const files = new Map<string, Buffer>([
    ['go.mod', readFileSync(path.join(workspace, 'go.mod'))],
    ['main.go', Buffer.from(demo.replace(/^func main\(\) \{/m, 'func demoMain() {'))],
  ]);
  // The demo's other files (the switchable leaks) come as they are.
  for (const f of readdirSync(workspace).sort()) {
    if (f.endsWith('.go') && !f.endsWith('_test.go') && !files.has(f)) files.set(f, readFileSync(path.join(workspace, f)));
  }
  const own = path.join(repoRoot(), 'test', 'goservice');
  for (const f of readdirSync(own).sort()) {
    if (!f.endsWith('.go')) continue;
    if (files.has(f)) throw new Error(`test/goservice/${f} would replace the demo's ${f}`);
    files.set(f, readFileSync(path.join(own, f)));
  }
  return files;
}

async function build(): Promise<string> {
  const sources = serviceSources();
  const hash = createHash('sha256');
  for (const [f, text] of sources) hash.update(f).update('\0').update(text).update('\0');
  const { stdout: version } = await run('go', ['version']);
  hash.update(version);
  const binDir = path.join(repoRoot(), 'out', 'bin');
  const bin = path.join(binDir, `goservice-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(bin)) return bin;
  mkdirSync(binDir, { recursive: true });
  // Build in a private directory under a private name, then rename: parallel test processes may build at once.
  const src = mkdtempSync(path.join(os.tmpdir(), 'goservice-src-'));
  const tmp = `${bin}.${process.pid}.tmp`;
  try {
    for (const [f, text] of sources) writeFileSync(path.join(src, f), text);
    const env = { ...process.env, GOCACHE: process.env.GOCACHE ?? path.join(repoRoot(), 'out', 'gocache'), CGO_ENABLED: '0', GOFLAGS: '-mod=mod' };
    // -trimpath: the profiles name example.com/goapp/main.go, the demo's file, not the deleted build directory.
    await run('go', ['build', '-trimpath', '-o', tmp, '.'], { cwd: src, env, timeout: 300_000 });
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
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
  if (opts.delay) args.push('-delay', opts.delay);
  if (opts.extraPorts) args.push('-ports', String(opts.extraPorts));
  if (opts.cors) args.push('-cors', opts.cors);
  let certDir: string | undefined;
  if (opts.tls) {
    certDir = mkdtempSync(path.join(os.tmpdir(), 'goservice-cert-'));
    args.push('-tls-cert-out', path.join(certDir, 'cert.pem'));
  }
  // stdin stays a pipe: the service exits when it closes, so it cannot outlive this process.
  const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, GOSERVICE_TOKEN: '' } });
  const { url, also } = await listenLine(child);
  const certFile = certDir ? path.join(certDir, 'cert.pem') : undefined;
  return {
    url,
    urls: [url, ...also],
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

function listenLine(child: ChildProcess): Promise<{ url: string; also: string[] }> {
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
        resolve({ url: m[1], also: [...out.matchAll(/^ALSO (\S+)$/gm)].map((a) => a[1]) });
      }
    });
    child.once('exit', (code) => fail(new Error(`goservice exited (${code}) before listening: ${err.trim()}`)));
  });
}
