// The loop of each worker thread. Requests from the host go through a Scheduler. The view thread decodes,
// hands each profile to the other threads (its columns in shared memory) and answers the flame graph; the
// table thread answers the top table, the scan thread callers/callees and the line index. Those two hold
// back a request for a profile until the view thread has handed it over. The host counts the view thread's
// unanswered requests in `viewLoad`; the scan thread's long scans wait while it is above zero. It counts the
// table thread's in `viewLoad[1]`, and the line index waits while that is above zero too.
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { decodeSide } from '../model/decode/loadProfile';
import { mergingOnTwoThreads } from '../cli/parallelMerge';
import { ProfileError, type DecodedProfile } from '../model/profile/profile';
import { Analysis, readSide, type DecodeAside, type ReadFile } from './analysis';
import { jobFor, type Trace } from './jobs';
import { ROUTES, type RpcRequest, type RpcResponse, type Thread } from './rpc';
import { Scheduler, type Neighbour } from './scheduler';
import { packProfile, shareColumns, unpackProfile, type PackedProfile } from './sharedProfile';
import { siblingSums } from './siblingSums';
import { ownedBuffersOf, transferablesOf } from './transfer';
import { PageToucher, writerProgress, type AheadColumn } from '../model/base/touchAhead';

/** worker_threads' parentPort, or one end of a MessageChannel. */
type Port = MessagePort;

/** A side decoded on another thread, or why not. */
type Decoded =
  | { readonly ok: true; readonly profile: DecodedProfile }
  | { readonly ok: false; readonly message: string; readonly profileError: boolean; readonly offset?: number };

/** Longer than any decode: a thread that has not answered by then has died. */
const DECODE_WAIT_MS = 10 * 60_000;

/** What the host gives each worker thread (its workerData). */
export type ThreadData =
  | { readonly role: 'view'; readonly peers: readonly Port[]; readonly viewLoad: Int32Array }
  | { readonly role: Exclude<Thread, 'view'>; readonly peer: Port; readonly viewLoad: Int32Array; readonly sibling?: Port };

/**
 * Between the view thread and another, in order on one port: a profile handed over, dropped (and the drop
 * done), asked for, or not there; a comparison's side to decode, answered on `reply`, `done` raised after.
 */
export type PeerMessage =
  | { readonly type: 'profile'; readonly handle: string; readonly serial: number; readonly profile: PackedProfile }
  | { readonly type: 'decode'; readonly path: string; readonly label: string; readonly reply: Port; readonly done: Int32Array; readonly progress: Int32Array }
  | { readonly type: 'drop'; readonly handle: string; readonly ticket: number }
  | { readonly type: 'dropped'; readonly ticket: number }
  | { readonly type: 'want'; readonly handle: string }
  | { readonly type: 'none'; readonly handle: string }
  | { readonly type: 'touchAhead'; readonly columns: readonly AheadColumn[]; readonly progress: Int32Array };

const nextTurn = (f: () => void) => void setImmediate(f);

export function serveView(host: Port, peers: readonly Port[], viewLoad: Int32Array, readFile: ReadFile, trace?: Trace): void {
  /** Each open profile as loaded, columns in shared memory and labels packed, for the other threads to hold too; its serial tells one load of a handle from the next. */
  const loaded = new Map<string, { readonly profile: PackedProfile; readonly serial: number }>();
  let serial = 0;
  /** Closes waiting for the other threads to have dropped the profile: ticket → drops still to come, then what. */
  const closing = new Map<number, { left: number; then(): void }>();
  let nextTicket = 1;
  const drop = (handle: string, then: () => void = () => {}) => {
    const ticket = nextTicket++;
    closing.set(ticket, { left: peers.length, then });
    for (const peer of peers) peer.postMessage({ type: 'drop', handle, ticket } satisfies PeerMessage);
  };
  const analysis = new Analysis(
    readFile,
    (handle, profile) => {
      shareColumns(profile);
      // A handle opened again replaces its profile on every thread.
      if (loaded.has(handle)) drop(handle);
      const shared = { profile: packProfile(profile), serial: ++serial };
      loaded.set(handle, shared);
      for (const peer of peers) peer.postMessage({ type: 'profile', handle, ...shared } satisfies PeerMessage);
    },
    // The table thread is idle until the profile it would answer for exists: it decodes a comparison's base,
    // and while a single profile decodes it faults the sample columns in ahead of the decoder.
    {
      decodeAside: peers.length > 0 ? decodeOn(peers[0]) : undefined,
      shared: true,
      touchAhead: peers.length > 0 ? (columns, progress) => peers[0].postMessage({ type: 'touchAhead', columns, progress } satisfies PeerMessage) : undefined,
    },
  );
  // Only the flame trees asked ahead (flameAhead) wait for the table thread.
  const scheduler = new Scheduler(nextTurn, {
    busy: () => false,
    tableBusy: () => viewLoad.length > 1 && Atomics.load(viewLoad, 1) > 0,
    changed: () => loadChanged(viewLoad, 1),
  });
  const respond = (res: RpcResponse) => {
    host.postMessage(res, transferablesOf(res));
    if (Atomics.sub(viewLoad, 0, 1) === 1) Atomics.notify(viewLoad, 0);
  };
  // A close is answered once the other threads have dropped the profile too, so that whatever the host
  // asks after it finds the profile gone everywhere.
  const closeEverywhere = (req: RpcRequest, res: RpcResponse) => {
    if (req.method !== 'close') return respond(res);
    loaded.delete(req.args[0]);
    drop(req.args[0], () => respond(res));
  };
  host.on('message', (req: RpcRequest) => scheduler.push(jobFor('view', req, analysis, (res) => closeEverywhere(req, res), trace)));
  for (const peer of peers) {
    peer.on('message', (m: PeerMessage) => {
      if (m.type === 'dropped') {
        const c = closing.get(m.ticket);
        if (c && --c.left === 0) {
          closing.delete(m.ticket);
          c.then();
        }
      } else if (m.type === 'want') {
        const p = loaded.get(m.handle);
        peer.postMessage((p ? { type: 'profile', handle: m.handle, ...p } : { type: 'none', handle: m.handle }) satisfies PeerMessage);
      }
    });
  }
}

/**
 * Decoding on the thread at the other end of `peer`. The waiting blocks this thread (a comparison's open
 * is one request, answered when both sides are in), and the answer comes on a port of its own, read
 * synchronously, so that nothing else on `peer` is taken out of order.
 */
function decodeOn(peer: Port): DecodeAside {
  return (path, label) => {
    const { port1, port2 } = new MessageChannel();
    const done = new Int32Array(new SharedArrayBuffer(4));
    const progress = writerProgress();
    peer.postMessage({ type: 'decode', path, label, reply: port2, done, progress } satisfies PeerMessage, [port2]);
    return {
      progress,
      answered: () => Atomics.load(done, 0) === 1,
      take: () => {
        Atomics.wait(done, 0, 0, DECODE_WAIT_MS);
        const answer = receiveMessageOnPort(port1)?.message as Decoded | undefined;
        port1.close();
        if (!answer) throw new Error(`${label}: the thread decoding it did not answer`);
        if (answer.ok) return answer.profile;
        throw answer.profileError ? new ProfileError(answer.message, answer.offset) : new Error(answer.message);
      },
    };
  };
}

/**
 * Decodes a side for the view thread and answers it; its columns move to the view thread, none copied. The
 * decoder publishes its progress in `m.progress` (the view thread maps the room for its samples meanwhile).
 */
function decodeFor(m: Extract<PeerMessage, { type: 'decode' }>, readFile: ReadFile): void {
  let answer: Decoded;
  try {
    answer = { ok: true, profile: decodeSide(readSide(readFile, m.path), m.label, { progress: m.progress }) };
  } catch (e) {
    answer = { ok: false, message: e instanceof Error ? e.message : String(e), profileError: e instanceof ProfileError, offset: e instanceof ProfileError ? e.offset : undefined };
  }
  try {
    m.reply.postMessage(answer, answer.ok ? ownedBuffersOf(answer.profile) : []);
  } finally {
    m.reply.close();
    Atomics.store(m.done, 0, 1);
    Atomics.notify(m.done, 0);
  }
}

/** The table or the scan thread: answers from the profiles the view thread hands over, and decodes a side when asked. */
export function servePeer(host: Port, thread: Exclude<Thread, 'view'>, peer: Port, viewLoad: Int32Array, trace?: Trace, readFile?: ReadFile, sibling?: Port): void {
  // A fleet's merge and write (the table thread's) run on two threads: this one and the merge thread it starts.
  const analysis = new Analysis(readFile, undefined, { merging: mergingOnTwoThreads() });
  // viewLoad[1] counts the table thread's unanswered requests, when the host counts them (startWorker.ts).
  const tableBusy = () => viewLoad.length > 1 && Atomics.load(viewLoad, 1) > 0;
  const neighbour: Neighbour = {
    busy: () => Atomics.load(viewLoad, 0) > 0,
    tableBusy,
    changed: () => (Atomics.load(viewLoad, 0) > 0 || !tableBusy() ? loadChanged(viewLoad) : loadChanged(viewLoad, 1)),
  };
  const scheduler = new Scheduler(nextTurn, neighbour);
  const respond = (res: RpcResponse) => {
    host.postMessage(res, transferablesOf(res));
    if (thread === 'table' && viewLoad.length > 1 && Atomics.sub(viewLoad, 1, 1) === 1) Atomics.notify(viewLoad, 1);
  };
  /** Requests for a profile not handed over yet, by handle, in arrival order. */
  const parked = new Map<string, RpcRequest[]>();
  /** The load of each profile held, as the view thread numbered it. */
  const serials = new Map<string, number>();
  const sums = sibling ? siblingSums(thread, sibling, analysis, serials) : undefined;
  const schedule = (req: RpcRequest) => {
    const job = jobFor(thread, req, analysis, (res) => {
      sums?.offer(req);
      respond(res);
    }, trace);
    scheduler.push(sums ? { ...job, run: () => (sums.take(), job.run()) } : job);
  };
  host.on('message', (req: RpcRequest) => {
    if (ROUTES[req.method].standalone) return schedule(req);
    const handle = req.args[0] as string;
    if (analysis.has(handle)) return schedule(req);
    const waiting = parked.get(handle);
    if (waiting) return void waiting.push(req);
    parked.set(handle, [req]);
    peer.postMessage({ type: 'want', handle } satisfies PeerMessage);
  });
  peer.on('message', (m: PeerMessage) => {
    switch (m.type) {
      case 'decode':
        decodeFor(m, readFile ?? ((path) => {
          throw new Error(`this thread reads no files (${path})`);
        }));
        return;
      case 'profile':
        if (!analysis.has(m.handle)) serials.set(m.handle, m.serial);
        analysis.adopt(m.handle, unpackProfile(m.profile));
        break;
      case 'drop':
        analysis.close(m.handle);
        serials.delete(m.handle);
        sums?.forget(m.handle);
        peer.postMessage({ type: 'dropped', ticket: m.ticket } satisfies PeerMessage);
        break;
      case 'touchAhead':
        touchInTurns(new PageToucher(m.columns, m.progress));
        return;
      case 'want':
      case 'dropped':
        return;
      case 'none':
        break;
    }
    // Released as they are: a request for a profile the view thread does not have fails as it would there.
    const waiting = parked.get(m.handle);
    parked.delete(m.handle);
    waiting?.forEach(schedule);
  });
}

/**
 * Touches a column's pages a step at a time between turns of this thread's event loop, so that its requests
 * are still answered while a profile decodes (a step takes a few milliseconds).
 */
function touchInTurns(toucher: PageToucher): void {
  const step = toucher.step();
  if (step === 'touched') setImmediate(() => touchInTurns(toucher));
  else if (step === 'caughtUp') setTimeout(() => touchInTurns(toucher), 1);
}

interface AtomicsWithWaitAsync {
  waitAsync(a: Int32Array, index: number, value: number, timeoutMs?: number): { async: false } | { async: true; value: Promise<unknown> };
}

/** Settles when a thread's load (the view thread's, or the table thread's at 1) may have changed; after a second at most, so a lost wake-up only delays. */
async function loadChanged(load: Int32Array, slot = 0): Promise<void> {
  const v = Atomics.load(load, slot);
  if (v <= 0) return;
  const w = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(load, slot, v, 1000);
  if (w.async) await w.value;
}
