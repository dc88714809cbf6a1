// The requests of a series, one per type, and the fetcher its rounds call: the one-shot capture's fetch
// and checks (auth, TLS, limits, one-line errors) for a profile, the same fetch with debug=2 for a
// goroutine dump. No vscode here.
import { fetchCheckedProfile, ProfileValidator } from '../capture/capture';
import { fetchProfile } from '../capture/fetch';
import { buildCaptureRequest, CaptureOptions, CaptureRequest, CaptureTarget } from '../capture/policy';
import type { SeriesType } from '../model/profile/seriesManifest';
import { checkGoroutineDump } from './dumpCheck';
import type { SnapshotFetcher } from './seriesRun';

export function seriesRequests(target: CaptureTarget, types: readonly SeriesType[], opts: CaptureOptions): Map<SeriesType, CaptureRequest> {
  return new Map(types.map((t) => [t, buildCaptureRequest(target, t, undefined, t === 'heap' ? opts : { ...opts, gc: false })]));
}

/** The goroutine request asking for the text dump with states, wait times and creators. */
export function debug2Request(req: CaptureRequest): CaptureRequest {
  const u = new URL(req.url);
  u.searchParams.set('debug', '2');
  return { ...req, url: u.href };
}

export function snapshotFetcher(requests: ReadonlyMap<SeriesType, CaptureRequest>, validate: ProfileValidator): SnapshotFetcher {
  return async (type, format, signal) => {
    const req = requests.get(type);
    if (!req) throw new Error(`no request for ${type}`);
    if (format === 'goroutine-text') {
      const dump = debug2Request(req);
      const { bytes } = await fetchProfile(dump, { signal });
      checkGoroutineDump(dump.url, bytes);
      return bytes;
    }
    return (await fetchCheckedProfile(req, { validate, signal })).bytes;
  };
}
