// Groups the flame index's first rows (see stackRows.ts): samples whose first queued frames are equal are
// one group. Groups are numbered in order of first appearance and laid out in that order, each over as
// many positions as it has samples, so a group's positions are also where its samples' rows go later.
export interface RowGroups {
  /** The samples of group g are members[start[g] .. start[g+1]-1]; start[g] is also the group's position. */
  readonly start: Int32Array;
  readonly members: Int32Array;
  /** One row per group, at the group's position: the group's number, then the queued frames. */
  readonly heads: Int32Array;
  /** At each group's position: its number of samples. */
  readonly span: Int32Array;
}

/** Groups rows 0..n-1 of q (rows of ROW ints, each starting with its sample) by the rest of the row. */
export function groupRows(q: Int32Array, n: number, ROW: number): RowGroups {
  const groupOf = new Int32Array(n);
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const mask = capacity - 1;
  // Per hash slot: the first row of the group there, plus one (0 = empty).
  const slots = new Int32Array(capacity);
  const firstRow: number[] = [];
  const size: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = i * ROW;
    let h = 0x2545f491;
    for (let c = 1; c < ROW; c++) h = Math.imul(h ^ q[r + c], 0x9e3779b1) ^ (h >>> 15);
    h &= mask;
    let g = -1;
    for (;;) {
      const at = slots[h] - 1;
      if (at < 0) break;
      const b = firstRow[at] * ROW;
      let same = true;
      for (let c = 1; c < ROW; c++) if (q[b + c] !== q[r + c]) same = false;
      if (same) {
        g = at;
        break;
      }
      h = (h + 1) & mask;
    }
    if (g < 0) {
      g = firstRow.length;
      firstRow.push(i);
      size.push(0);
      slots[h] = g + 1;
    }
    groupOf[i] = g;
    size[g]++;
  }
  const groups = firstRow.length;
  const start = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) start[g + 1] = start[g] + size[g];
  const members = new Int32Array(n);
  const fill = start.slice(0, groups);
  for (let i = 0; i < n; i++) members[fill[groupOf[i]]++] = q[i * ROW];
  const heads = new Int32Array(n * ROW);
  const span = new Int32Array(n);
  for (let g = 0; g < groups; g++) {
    const a = firstRow[g] * ROW;
    const b = start[g] * ROW;
    heads[b] = g;
    for (let c = 1; c < ROW; c++) heads[b + c] = q[a + c];
    span[start[g]] = size[g];
  }
  return { start, members, heads, span };
}
