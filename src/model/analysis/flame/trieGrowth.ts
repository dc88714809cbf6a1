// Growing the stack trie one depth at a time over a set of samples: at each depth, the samples' next
// frames are counted per (node, frame), and only children at least `limit` wide are gone into further.
// Samples are taken in their stored order, so their stacks are read in the order memory holds them.
//
// Two uses:
//   move   the samples are all the open samples of some nodes, and each ends up in the deepest node it
//          reaches. A sample left open before a narrow pair's frame keeps the trie's invariant, since no
//          node is made for that pair.
//   guess  the samples are a weighted subsample standing in for many more; the children that look wide
//          become nodes, and the samples themselves stay where they are (the caller walks the real samples
//          down afterwards).
import type { StackTrie } from './stackTrie';
import { slot } from './stackTrie';

const BLOCK = 256; // samples whose stacks are fetched together

/** (node, frame) pairs met at one depth, with their summed |weight|. */
class Pairs {
  n = 0;
  node = new Int32Array(4096);
  frame = new Int32Array(4096);
  abs = new Float64Array(4096);
  /** After a depth: the trie node the pair became, or -1 when it is too narrow to go into. */
  child = new Int32Array(4096);
  private bits = 13;
  private slots = new Int32Array(1 << 13);

  reset(): void {
    this.n = 0;
    this.slots.fill(0);
  }

  /** The pair's index, added with weight 0 if new. */
  find(node: number, frame: number): number {
    const mask = (1 << this.bits) - 1;
    let h = slot(node, frame, this.bits);
    for (; ; h = (h + 1) & mask) {
      const x = this.slots[h];
      if (x === 0) break;
      if (this.node[x - 1] === node && this.frame[x - 1] === frame) return x - 1;
    }
    if (this.n === this.node.length) this.grow();
    const c = this.n++;
    this.node[c] = node;
    this.frame[c] = frame;
    this.abs[c] = 0;
    this.slots[h] = c + 1;
    if (2 * this.n > this.slots.length) this.rehash();
    return c;
  }

  private grow(): void {
    const size = 2 * this.node.length;
    const ints = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.node = ints(this.node);
    this.frame = ints(this.frame);
    this.child = ints(this.child);
    const abs = new Float64Array(size);
    abs.set(this.abs);
    this.abs = abs;
  }

  private rehash(): void {
    this.bits++;
    this.slots = new Int32Array(1 << this.bits);
    const mask = (1 << this.bits) - 1;
    for (let c = 0; c < this.n; c++) {
      let h = slot(this.node[c], this.frame[c], this.bits);
      while (this.slots[h] !== 0) h = (h + 1) & mask;
      this.slots[h] = c + 1;
    }
  }
}

/**
 * Grows the trie under the exits of samples[0..n), each weighing abs[i] (>= 0): at each depth, the
 * (node, frame) pairs at least `limit` wide become nodes and are gone into. With `move`, each sample ends
 * up in the deepest node it reaches (open before a narrow pair's frame, or ended), and every node the
 * growth went into is returned: all their children at least `limit` wide now exist.
 */
export function growLevels(trie: StackTrie, samples: Int32Array, abs: Float64Array, n: number, limit: number, move: boolean): number[] {
  const eS = samples.slice(0, n);
  const eW = abs.slice(0, n);
  const eNode = new Int32Array(n);
  const ePos = new Int32Array(n);
  const eFp = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = eS[i];
    eNode[i] = trie.exit[s];
    ePos[i] = trie.pos[s];
    eFp[i] = trie.fp[s];
  }
  const nPair = new Int32Array(n);
  const nPos = new Int32Array(n);
  const nFp = new Int32Array(n);
  const cursor = new Int32Array(2);
  const pairs = new Pairs();
  const grown: number[] = [];
  const { exit, ended, pos, fp } = trie;
  let m = n;
  while (m > 0) {
    pairs.reset();
    for (let i = 0; i < m; i++) {
      const s = eS[i];
      const f = trie.readFrame(s, ePos[i], eFp[i], cursor);
      if (f < 0) {
        if (move) {
          exit[s] = eNode[i];
          ended[s] = 1;
          pos[s] = cursor[0];
          fp[s] = cursor[1];
        }
        nPair[i] = -1;
        continue;
      }
      const c = pairs.find(eNode[i], f);
      pairs.abs[c] += eW[i];
      nPair[i] = c;
      nPos[i] = cursor[0];
      nFp[i] = cursor[1];
    }
    for (let c = 0; c < pairs.n; c++) {
      const wide = pairs.abs[c] >= limit && pairs.abs[c] > 0;
      pairs.child[c] = wide ? trie.addChild(pairs.node[c], pairs.frame[c]) : -1;
      if (wide && move) grown.push(pairs.child[c]);
    }
    let k = 0;
    for (let i = 0; i < m; i++) {
      const c = nPair[i];
      if (c < 0) continue;
      const child = pairs.child[c];
      if (child >= 0) {
        eS[k] = eS[i];
        eW[k] = eW[i];
        eNode[k] = child;
        ePos[k] = nPos[i];
        eFp[k] = nFp[i];
        k++;
      } else if (move) {
        // Open where it is: the narrow pair's frame stays unread.
        const s = eS[i];
        exit[s] = eNode[i];
        pos[s] = ePos[i];
        fp[s] = eFp[i];
      }
    }
    m = k;
  }
  return grown;
}

/**
 * Moves each listed sample down the nodes that exist, as far as they go: to where its next frame has no
 * node (it stays open there) or its stack ends. Then grows, from the samples that stopped, the pairs at
 * least `limit` wide. The list must hold every open sample of the nodes it starts from, and those nodes'
 * children for the samples' frames must be new (as a guess makes them): then every node a sample stops in
 * has had all its open samples counted. Returns those nodes and the nodes grown.
 */
export function walkDown(trie: StackTrie, samples: Int32Array, abs: Float64Array, n: number, limit: number): number[] {
  const { exit, ended, pos, fp, single } = trie;
  const { sampleLocs, sampleLocStart } = trie.profile;
  const { frameStart, frames } = trie.table;
  const slots = trie.slots;
  const mask = (1 << trie.bits) - 1;
  const bits = trie.bits;
  /** Per listed sample: the frame it stopped before, or -1 when its stack ended. */
  const stopFrame = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if ((i & (BLOCK - 1)) === 0) {
      // Touch the next block's stacks first in a tight loop, so that many cache misses are in flight at
      // once; the walks then find them in cache.
      let touch = 0;
      for (let k = i, e = Math.min(n, i + BLOCK); k < e; k++) touch += sampleLocs[pos[samples[k]]];
      stopFrame[i] = touch; // overwritten below; keeps the loop from being dropped
    }
    const s = samples[i];
    const lo = sampleLocStart[s];
    let node = exit[s];
    let p = pos[s];
    let q = fp[s];
    let f = -1;
    for (;;) {
      // The next frame and the cursor after it (np, nq), read as StackTrie.readFrame reads it.
      let np = p;
      let nq = q;
      f = -1;
      while (np >= lo) {
        const l = sampleLocs[np];
        if (nq < 0) {
          const one = single[l];
          if (one > 0) {
            f = one - 1;
            np--;
            break;
          }
          nq = frameStart[l + 1] - 1;
          if (nq < frameStart[l]) {
            np--;
            nq = -1;
            continue;
          }
        }
        f = frames[nq];
        if (--nq < frameStart[l]) {
          np--;
          nq = -1;
        }
        break;
      }
      if (f < 0) {
        ended[s] = 1;
        p = np;
        q = nq;
        break;
      }
      let child = -1;
      for (let h = slot(node, f, bits); ; h = (h + 1) & mask) {
        const x = slots[4 * h + 2];
        if (x === 0) break;
        if (slots[4 * h] === node && slots[4 * h + 1] === f) {
          child = x - 1;
          break;
        }
      }
      if (child < 0) break; // open before f
      node = child;
      p = np;
      q = nq;
    }
    exit[s] = node;
    pos[s] = p;
    fp[s] = q;
    stopFrame[i] = f;
  }
  // Only a node whose open samples weigh `limit` together can have a child that wide; the samples of
  // such nodes are grouped by node, and their frames counted in an array indexed by frame.
  const open = new Float64Array(trie.count);
  const reached: number[] = [];
  const seen = new Uint8Array(trie.count);
  for (let i = 0; i < n; i++) {
    const x = exit[samples[i]];
    if (seen[x] === 0) reached.push(x);
    seen[x] = 1;
    if (stopFrame[i] >= 0) open[x] += abs[i];
  }
  const start = new Int32Array(trie.count + 1);
  const hot = (x: number) => open[x] >= limit && open[x] > 0;
  for (let i = 0; i < n; i++) if (stopFrame[i] >= 0 && hot(exit[samples[i]])) start[exit[samples[i]] + 1]++;
  for (let x = 0; x < trie.count; x++) start[x + 1] += start[x];
  const grouped = new Int32Array(start[trie.count]);
  const fill = start.slice(0, trie.count);
  for (let i = 0; i < n; i++) if (stopFrame[i] >= 0 && hot(exit[samples[i]])) grouped[fill[exit[samples[i]]]++] = i;
  const count = new Float64Array(trie.table.nodes.count);
  const more: number[] = [];
  for (const x of reached) {
    if (!hot(x)) continue;
    for (let k = start[x]; k < start[x + 1]; k++) count[stopFrame[grouped[k]]] += abs[grouped[k]];
    for (let k = start[x]; k < start[x + 1]; k++) {
      const c = count[stopFrame[grouped[k]]];
      if (c >= limit && c > 0) more.push(grouped[k]);
    }
    for (let k = start[x]; k < start[x + 1]; k++) count[stopFrame[grouped[k]]] = 0;
  }
  const moreSamples = new Int32Array(more.length);
  const moreAbs = new Float64Array(more.length);
  more.forEach((i, k) => {
    moreSamples[k] = samples[i];
    moreAbs[k] = abs[i];
  });
  return [...reached, ...growLevels(trie, moreSamples, moreAbs, more.length, limit, true)];
}
