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
  /**
   * The last sample asked about: the next one most often has the same labels (a merge of merges gives every
   * sample of an instance its `instance`), and comparing them costs far less than keying a set.
   */
  private last = { p: undefined as DecodedProfile | undefined, s: -1, extra: undefined as Readonly<Record<string, string>> | undefined, id: -1 };

  /** The label set of no labels. */
  readonly none = this.idOf([]);

  /** The id of a source's own labels (those every one of its samples without labels gets). */
  sourceSet(extra: Readonly<Record<string, string>> | undefined): number {
    return this.idOf(Object.entries(extra ?? {}).map(([k, v]): Label => [STRING, k, v, '']));
  }

  /** The id of sample s's labels, `extra` replacing its string labels of the same keys. */
  of(p: DecodedProfile, s: number, extra: Readonly<Record<string, string>> | undefined): number {
    const last = this.last;
    if (last.p === p && last.extra === extra && sameLabels(p, last.s, s)) return last.id;
    const j = p.labelStart[s];
    const id = p.labelStart[s + 1] === j + 1 && p.labelStr[j] !== undefined ? this.oneString(p, s, extra) : this.newOf(p, s, extra);
    this.last = { p, s, extra, id };
    return id;
  }

  /** Sets of one string label and a source's own labels, by the source's labels, the key and the value. */
  private readonly single = new Map<Readonly<Record<string, string>> | undefined, Map<string, Map<string, number>>>();

  /**
   * The id of sample s's labels when it has one, a string: the commonest set after none (Go's pprof.Do with
   * one key, e.g. a handler name), which is found without sorting and keying the set each time its samples
   * are not adjacent.
   */
  private oneString(p: DecodedProfile, s: number, extra: Readonly<Record<string, string>> | undefined): number {
    const j = p.labelStart[s];
    let byKey = this.single.get(extra);
    if (!byKey) this.single.set(extra, (byKey = new Map()));
    let byValue = byKey.get(p.labelKey[j]);
    if (!byValue) byKey.set(p.labelKey[j], (byValue = new Map()));
    let id = byValue.get(p.labelStr[j]!);
    if (id === undefined) byValue.set(p.labelStr[j]!, (id = this.newOf(p, s, extra)));
    return id;
  }

  private newOf(p: DecodedProfile, s: number, extra: Readonly<Record<string, string>> | undefined): number {
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

/** Whether samples a and b of p have the same labels in the same order. */
function sameLabels(p: DecodedProfile, a: number, b: number): boolean {
  const { labelStart, labelKey, labelStr, labelNum, labelUnit } = p;
  const n = labelStart[a + 1] - labelStart[a];
  if (labelStart[b + 1] - labelStart[b] !== n) return false;
  for (let i = labelStart[a], j = labelStart[b]; i < labelStart[a] + n; i++, j++) {
    if (labelKey[i] !== labelKey[j] || labelStr[i] !== labelStr[j] || labelNum[i] !== labelNum[j] || labelUnit[i] !== labelUnit[j]) return false;
  }
  return true;
}
