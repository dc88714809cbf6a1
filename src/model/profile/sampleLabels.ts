// A sample's labels as pprof's sampleKey sees them: string labels and numeric labels (with their units)
// grouped by key, keys in a fixed order, each key's values in their order. Each distinct label set gets a
// number, so that two samples have the same labels exactly when their numbers are equal; label sets are
// few, and most samples have none, or only their source's. A source's own labels replace the sample's
// string labels of the same keys (pprof's SetLabel).
import type { DecodedProfile } from './profile';

const STRING = 0;
const NUMBER = 1;

/** One label: kind, key, value (a string's id or the number), unit. */
type Label = [kind: number, key: string, value: string | number, unit: string];

export class LabelSets {
  private readonly ids = new Map<string, number>();

  /** The label set of no labels. */
  readonly none = this.idOf([]);

  /** The id of a source's own labels (those every one of its samples without labels gets). */
  sourceSet(extra: Readonly<Record<string, string>> | undefined): number {
    return this.idOf(Object.entries(extra ?? {}).map(([k, v]): Label => [STRING, k, v, '']));
  }

  /** The id of sample s's labels, `extra` replacing its string labels of the same keys. */
  of(p: DecodedProfile, s: number, extra: Readonly<Record<string, string>> | undefined): number {
    const labels: Label[] = [];
    for (let j = p.labelStart[s]; j < p.labelStart[s + 1]; j++) {
      const str = p.labelStr[j];
      const key = p.labelKey[j];
      if (str !== undefined) {
        if (extra && Object.hasOwn(extra, key)) continue;
        labels.push([STRING, key, str, '']);
      } else {
        labels.push([NUMBER, key, p.labelNum[j], p.labelUnit[j]]);
      }
    }
    for (const [k, v] of Object.entries(extra ?? {})) labels.push([STRING, k, v, '']);
    return this.idOf(labels);
  }

  /** Sorted stably by kind and key, so each key's values keep their order, as pprof's key keeps them. */
  private idOf(labels: Label[]): number {
    labels.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    const key = JSON.stringify(labels);
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size));
    return id;
  }
}
