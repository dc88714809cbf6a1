// The engine's process (startEngineProcess.ts): the three worker threads, and the host's requests and their
// answers passed between them and the IPC channel. It ends with the channel, so it never outlives the host.
import { join } from 'node:path';
import type { FromEngineProcess, ToEngineProcess } from './rpc';
import { WorkerThreads } from './workerThreads';

const post = (m: FromEngineProcess) => {
  if (process.connected) process.send!(m);
};

const threads = new WorkerThreads(
  join(__dirname, 'worker.js'),
  (res) => post({ type: 'answer', res }),
  (err) => post({ type: 'failed', message: err.message }),
);

process.on('message', (m: ToEngineProcess) => (m.type === 'prepare' ? threads.prepare() : threads.send(m.req, m.thread)));
process.on('disconnect', () => process.exit(0));
