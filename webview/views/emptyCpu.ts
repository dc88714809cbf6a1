// What an empty CPU profile says instead of a bare "No samples.": why it is likely empty (the service was
// idle while it was captured), and a way to capture one under load.
import type { ProfileSummary } from '../../src/model/profile/queries';
import { h } from '../dom';
import { button } from '../ui';

/** The note for a CPU profile with no samples; undefined for any other profile. */
export function emptyCpuNote(s: ProfileSummary, kind: string, loadAndProfile: () => void): HTMLElement | undefined {
  if (kind !== 'CPU' || s.sampleCount > 0 || s.comparison) return undefined;
  return h(
    'div',
    { class: 'empty-cpu', id: 'empty-cpu', role: 'note' },
    h(
      'p',
      {},
      'No samples: the service was most likely idle while this profile was captured. A CPU profile records only the time the program spends running, so a service that serves no requests gives an empty one. Capture again while it works, or put load on one of its endpoints during the capture:',
    ),
    button('Load and Profile…', { id: 'load-and-profile', appearance: 'primary', onClick: loadAndProfile }),
  );
}
