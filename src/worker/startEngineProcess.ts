// The host side of the extension's engine: the three worker threads (workerThreads.ts) run in a Node process
// of their own (engineProcess.ts), started so that glibc's malloc asks Linux for transparent huge pages
// where the system leaves them to madvise (as Debian and Ubuntu do). The engine's big columns are then
// faulted in 2 MB at a time instead of 4 KB: on L, opening a profile touched 80,000 fresh pages, and on a VM
// where each costs 12–17 µs that was over a second of the first paint (bench/README.md). No process can set
// this for itself once started, nor for the extension host, so the engine gets its own.
import { fork, type ChildProcess } from 'node:child_process';
import { EngineCalls } from './engineCalls';
import { engineEnv } from './engineEnv';
import type { FromEngineProcess, RpcRequest, Thread, ToEngineProcess } from './rpc';

export class EngineProcessClient extends EngineCalls {
  private child: ChildProcess | undefined;
  /** The threads that owe answers; while there are none the process does not keep the host's loop alive. */
  private readonly owing = new Set<Thread>();

  constructor(private readonly processPath: string) {
    super();
  }

  prepare(): void {
    this.post({ type: 'prepare' });
  }

  /** The engine's process id, once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  protected send(req: RpcRequest, thread: Thread): void {
    this.owing.add(thread);
    this.post({ type: 'request', req, thread });
  }

  protected override idle(thread: Thread): void {
    this.owing.delete(thread);
    if (this.owing.size === 0) this.hold(false);
  }

  dispose(): void {
    const child = this.child;
    if (!child) return;
    this.stopped(child, new Error('the analysis worker was stopped'));
    child.kill();
  }

  private post(message: ToEngineProcess): void {
    const child = this.ensureChild();
    this.hold(this.owing.size > 0);
    // A channel already closed fails here; the process's exit then fails every request.
    child.send(message, (err) => err && this.stopped(child, new Error(`the analysis worker could not be reached (${err.message}); reopen the profile`)));
  }

  private ensureChild(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(this.processPath, [], {
      env: engineEnv(process.env),
      // The host's own flags (an inspector port, heap limits set for the extension host) are not the engine's.
      execArgv: [],
      // Typed arrays cross as typed arrays, as between threads.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m: FromEngineProcess) => (m.type === 'answer' ? this.answer(m.res) : this.threadsFailed(m.message)));
    child.on('error', (e) => this.stopped(child, new Error(`the analysis worker could not start (${e.message}); reopen the profile`)));
    child.on('exit', (code, signal) =>
      this.stopped(child, new Error(`the analysis worker stopped (${signal ? `signal ${signal}` : `exit code ${code}`}); reopen the profile`)),
    );
    this.child = child;
    this.hold(false);
    return child;
  }

  /** The process stopped its threads (one failed); the next request starts them again. */
  private threadsFailed(message: string): void {
    this.owing.clear();
    this.hold(false);
    this.failAll(new Error(message));
  }

  private hold(on: boolean): void {
    const child = this.child;
    const channel = child?.channel as { ref(): void; unref(): void } | null | undefined;
    if (on) {
      child?.ref();
      channel?.ref();
    } else {
      child?.unref();
      channel?.unref();
    }
  }

  private stopped(child: ChildProcess, err: Error): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.owing.clear();
    this.failAll(err);
  }
}
