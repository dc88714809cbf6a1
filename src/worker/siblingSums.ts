// The table thread's unfiltered sums, handed to the scan thread. The top table's pass gives flat and cum of
// every function and line for every sample type (flatCum.ts); the line index is mostly those numbers under
// other names (lineIndex.ts fromTopTable), and otherwise needs a pass of its own over every frame. The
// editor asks the top table first, and the scan thread's line index waits while the table thread works, so
// it finds the sums here instead of walking the samples again.
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { EveryType } from '../model/analysis/flatCum';
import type { Analysis } from './analysis';
import { ROUTES, type RpcRequest, type Thread } from './rpc';

/** From the table thread to the scan thread: the sums of one load of a handle (the view thread numbers its loads). */
interface SumsMessage {
  readonly handle: string;
  readonly serial: number;
  readonly sums: EveryType;
}

export interface SiblingSums {
  /** Table thread, after answering `req` and before saying so: sends the sums its answer made, once per load. */
  offer(req: RpcRequest): void;
  /** Scan thread, before running a request: takes the sums already sent, so that none is missed for being queued. */
  take(): void;
  forget(handle: string): void;
}

/** `serials`: the load of each handle the thread holds, as the view thread numbered it. */
export function siblingSums(thread: Exclude<Thread, 'view'>, port: MessagePort, analysis: Analysis, serials: ReadonlyMap<string, number>): SiblingSums {
  const sent = new Map<string, number>();
  // Sums of a load the thread no longer holds (a handle opened again) are dropped.
  const adopt = (m: SumsMessage) => {
    if (serials.get(m.handle) === m.serial) analysis.adoptUnfilteredSums(m.handle, m.sums);
  };
  if (thread === 'scan') port.on('message', adopt);
  return {
    offer(req) {
      if (thread !== 'table' || ROUTES[req.method].standalone) return;
      const handle = req.args[0] as string;
      const serial = serials.get(handle);
      if (serial === undefined || sent.get(handle) === serial) return;
      const sums = analysis.unfilteredSums(handle);
      if (!sums) return;
      sent.set(handle, serial);
      port.postMessage({ handle, serial, sums } satisfies SumsMessage);
    },
    take() {
      if (thread !== 'scan') return;
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) adopt(m.message as SumsMessage);
    },
    forget(handle) {
      sent.delete(handle);
    },
  };
}
