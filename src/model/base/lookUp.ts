// Numbers read through a table, in a plain loop: `Int32Array.from(ids, (i) => table[i])` goes through the
// iterator protocol and a call per item, about 170 ns each against 15 (measured on Node 20, 700k items).

/** `table[ids[i]]` for each i; an id below 0 stays -1. */
export function lookUp(ids: Int32Array, table: Int32Array): Int32Array {
  const out = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    out[i] = id < 0 ? -1 : table[id];
  }
  return out;
}
