// pprof: Capture Again repeats the last capture with the same target, type and seconds.
import { captureRuntime } from '../capture/captureRuntime';
import { runCapture } from '../capture/runCapture';
import { promptAndCapture } from './captureProfile';
import type { CommandFactory } from './commandFactory';

export const captureAgain: CommandFactory = (services) => async () => {
  const last = captureRuntime(services).history.last();
  // Nothing captured yet: the full flow is the helpful thing to do.
  if (!last) return promptAndCapture(services);
  return runCapture(services, last);
};
