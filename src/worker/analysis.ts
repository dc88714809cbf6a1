// The worker's logic: holds decoded profiles by handle and answers EngineApi calls. Pure, no threads.
import { decodeProfile } from '../model/decode';
import { Profile, ProfileError } from '../model/profile';
import type { EngineApi } from './rpc';

export class Analysis implements EngineApi {
  private readonly profiles = new Map<string, Profile>();

  open(handle: string, bytes: Uint8Array, label: string) {
    let profile: Profile;
    try {
      profile = decodeProfile(bytes);
    } catch (e) {
      if (e instanceof ProfileError) throw new ProfileError(`${label}: ${e.message}`, e.offset);
      throw e;
    }
    this.profiles.set(handle, profile);
    return summarize(profile);
  }

  close(handle: string): void {
    this.profiles.delete(handle);
  }

  top(): never {
    throw new Error('not implemented');
  }
  flame(): never {
    throw new Error('not implemented');
  }
  neighbours(): never {
    throw new Error('not implemented');
  }
  lineIndex(): never {
    throw new Error('not implemented');
  }

  protected get(handle: string): Profile {
    const p = this.profiles.get(handle);
    if (!p) throw new Error(`no open profile with handle ${handle}`);
    return p;
  }
}

function summarize(p: Profile) {
  const nt = p.sampleTypes.length;
  const totals = new Array<number>(nt).fill(0);
  for (let s = 0; s < p.sampleCount; s++) for (let t = 0; t < nt; t++) totals[t] += p.sampleValues[s * nt + t];
  return {
    sampleTypes: p.sampleTypes,
    defaultSampleIndex: p.defaultSampleIndex,
    sampleCount: p.sampleCount,
    totals,
    timeNanos: p.timeNanos,
    durationNanos: p.durationNanos,
    periodType: p.periodType,
    period: p.period,
    comments: p.comments,
    labels: [],
    mainBinary: p.mappings[0]?.file ?? '',
    functionCount: p.functionCount,
    locationCount: p.locationCount,
  };
}
