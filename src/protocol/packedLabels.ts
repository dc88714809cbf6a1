// A profile's labels as they cross to another thread: their strings (a comparison repeats `pprof::base` and
// `true` on every base sample, a fleet's merge its `instance` on every sample, a million times on a big
// one) as numbers into a table of the distinct ones; a structured clone then copies no string per label.
import type { DecodedProfile } from '../model/profile/profile';

type LabelStrings = Pick<DecodedProfile, 'labelKey' | 'labelStr' | 'labelUnit'>;

export interface PackedLabels {
  readonly strings: readonly string[];
  readonly key: Int32Array;
  /** -1 for a numeric label (labelStr undefined). */
  readonly str: Int32Array;
  readonly unit: Int32Array;
}

/** The profile with its label strings packed; `column(n)` makes each id column (in shared memory, or not). */
export function packLabels<P extends LabelStrings>(profile: P, column: (n: number) => Int32Array = (n) => new Int32Array(n)): Omit<P, keyof LabelStrings> & { readonly labels: PackedLabels } {
  const { labelKey, labelStr, labelUnit, ...rest } = profile;
  const ids = new Map<string, number>();
  const strings: string[] = [];
  const id = (s: string) => {
    let i = ids.get(s);
    if (i === undefined) ids.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const n = labelKey.length;
  const key = column(n);
  const str = column(n);
  const unit = column(n);
  for (let j = 0; j < n; j++) {
    key[j] = id(labelKey[j]);
    const v = labelStr[j];
    str[j] = v === undefined ? -1 : id(v);
    unit[j] = id(labelUnit[j]);
  }
  return { ...rest, labels: { strings, key, str, unit } };
}

/**
 * The profile with its label strings back. They are made when a label is first read: a thread that never
 * reads one (the top table and the line index without a tag filter) does not build three arrays of a
 * million strings for a comparison's or a fleet's labels, nor have its collector walk them.
 */
export function unpackLabels<P extends { readonly labels: PackedLabels }>(packed: P): Omit<P, 'labels'> & LabelStrings {
  const { labels, ...rest } = packed;
  let made: LabelStrings | undefined;
  const strings = (): LabelStrings => (made ??= labelStrings(labels));
  return Object.defineProperties(rest, {
    labelKey: { get: () => strings().labelKey, enumerable: true },
    labelStr: { get: () => strings().labelStr, enumerable: true },
    labelUnit: { get: () => strings().labelUnit, enumerable: true },
  }) as Omit<P, 'labels'> & LabelStrings;
}

function labelStrings({ strings, key, str, unit }: PackedLabels): LabelStrings {
  const n = key.length;
  const labelKey = new Array<string>(n);
  const labelStr = new Array<string | undefined>(n);
  const labelUnit = new Array<string>(n);
  for (let j = 0; j < n; j++) {
    labelKey[j] = strings[key[j]];
    labelStr[j] = str[j] < 0 ? undefined : strings[str[j]];
    labelUnit[j] = strings[unit[j]];
  }
  return { labelKey, labelStr, labelUnit };
}
