// A small local HTTP server that misbehaves on purpose, one fault per first path segment:
// `${url}/notfound`, `/html`, `/text`, `/unauthorized`, `/forbidden`, `/slow`, `/reset`,
// `/hangup`, `/corrupt`, `/oversized`, `/declared-large`, `/echo-auth`, `/loop`, `/redirect?to=<url>`.
// The real endpoint is the Go service; this only produces the failures a healthy service will not.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  readonly path: string;
  readonly authorization: string | undefined;
}

export interface FaultServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

const GZIP_START = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const u = new URL(req.url ?? '/', 'http://x');
  const fault = u.pathname.split('/')[1];
  switch (fault) {
    case 'notfound':
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
      return;
    case 'html':
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Sign in</body></html>\n');
      return;
    case 'text':
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('goroutine profile: total 4\n1 @ 0x43a0c5 0x46c2e1\n');
      return;
    case 'unauthorized':
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end('unauthorized\n');
      return;
    case 'forbidden':
      res.writeHead(403).end('forbidden\n');
      return;
    case 'slow':
      // Starts a gzip body and then never finishes it.
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.write(GZIP_START);
      return;
    case 'reset':
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': '100000' });
      res.write(Buffer.concat([GZIP_START, Buffer.alloc(990, 7)]), () => setTimeout(() => req.socket.destroy(), 20));
      return;
    case 'corrupt':
      // Complete, gzip-looking, and not a profile.
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(Buffer.concat([GZIP_START, Buffer.alloc(64, 0xee)]));
      return;
    case 'hangup':
      req.socket.destroy();
      return;
    case 'oversized': {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', pump);
      };
      res.write(GZIP_START);
      pump();
      return;
    }
    case 'declared-large':
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(1024 * 1024 * 1024) });
      res.write(GZIP_START);
      return;
    case 'echo-auth':
      // A careless error page that repeats the credentials it was sent.
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`bad token: ${req.headers.authorization ?? 'none'}\n`);
      return;
    case 'loop':
      res.writeHead(302, { Location: u.pathname }).end();
      return;
    case 'redirect':
      res.writeHead(307, { Location: u.searchParams.get('to') ?? '/' }).end();
      return;
    default:
      res.writeHead(500).end(`unknown fault ${fault}\n`);
  }
}

export async function startFaultServer(): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    requests.push({ path: req.url ?? '', authorization: req.headers.authorization });
    route(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
