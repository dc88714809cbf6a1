import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MAX_FLAME_NODES } from '../../src/model/profile/queries';
import { Analysis } from '../../src/worker/analysis';
import { containsName, countNodes, FlameNode, nestFlameTree, packageOf, searchMatcher, searchTotals } from '../../webview/flameData';

const fixture = (rel: string) => readFileSync(join(__dirname, '..', 'fixtures', rel));

function cpuTree(path: string[] = []) {
  const a = new Analysis();
  const s = a.open('cpu', fixture('go-generated/cpu.pb.gz'), 'cpu.pb.gz');
  return a.flame('cpu', { sampleIndex: s.defaultSampleIndex, path, maxNodes: MAX_FLAME_NODES });
}

describe('the flame tree as the chart draws it', () => {
  test('nesting keeps every node the worker sent, under its parent', () => {
    const t = cpuTree();
    const root = nestFlameTree(t);
    assert.equal(countNodes(root), t.parent.length);
    assert.equal(root.value, t.value[0]);
  });

  test('every node\'s weight is its flat, its folded callees and its children', () => {
    const walk = (n: FlameNode) => {
      const children = n.children.reduce((a, c) => a + c.value, 0);
      assert.ok(Math.abs(n.value - (n.self + n.folded + children)) < 1e-6, n.name);
      n.children.forEach(walk);
    };
    walk(nestFlameTree(cpuTree()));
  });

  test('a zoomed tree is rooted at the last frame of the path', () => {
    const root = nestFlameTree(cpuTree(['main.walkA']));
    assert.equal(root.name, 'main.walkA');
    assert.ok(containsName(root, 'main.walkB'));
  });

  test('an empty tree nests to an empty root', () => {
    const root = nestFlameTree({ ...cpuTree(), parent: new Int32Array(0), nodeName: new Int32Array(0), value: new Float64Array(0), self: new Float64Array(0), folded: new Float64Array(0) });
    assert.equal(root.value, 0);
    assert.deepEqual(root.children, []);
  });
});

describe('packages for colours', () => {
  const cases: [string, string][] = [
    ['runtime.mallocgc', 'runtime'],
    ['main.(*server).handle', 'main'],
    ['example.com/goapp/internal/store.(*DB).Get', 'example.com/goapp/internal/store'],
    ['net/http.HandlerFunc.ServeHTTP', 'net/http'],
    ['main.Map[go.shape.string,example.com/x.T]', 'main'],
    ['std::vector<int>::push_back', 'std'],
    ['[pprof-example-app-go]', '[pprof-example-app-go]'],
    ['__libc_start_main', ''],
  ];
  for (const [name, pkg] of cases) test(`${name} → ${pkg || '(none)'}`, () => assert.equal(packageOf(name), pkg));
});

describe('search', () => {
  const leaf = (name: string, value: number): FlameNode => ({ name, file: '', value, self: value, folded: 0, children: [] });
  const tree: FlameNode = {
    name: 'root', file: '', value: 10, self: 0, folded: 0,
    children: [
      { name: 'sort.Sort', file: '', value: 6, self: 0, folded: 0, children: [{ name: 'sort.less', file: '', value: 6, self: 6, folded: 0, children: [] }] },
      leaf('main.work', 4),
    ],
  };

  test('counts nested matches once, under the outermost', () => {
    assert.deepEqual(searchTotals(tree, searchMatcher('sort')!), { frames: 2, value: 6 });
  });

  test('is a case-insensitive regular expression', () => {
    assert.deepEqual(searchTotals(tree, searchMatcher('^MAIN\\.')!), { frames: 1, value: 4 });
  });

  test('falls back to a literal when the term is not a valid expression', () => {
    const m = searchMatcher('sort.(')!;
    assert.equal(m('x.sort.(y'), true);
    assert.equal(m('sort.less'), false);
  });

  test('an empty term searches nothing', () => {
    assert.equal(searchMatcher('  '), undefined);
  });
});

describe('a comparison\'s flame tree as the chart draws it', () => {
  test('each node keeps its base side beside the target\'s value, self and folded', () => {
    const t = cpuTree();
    const n = t.parent.length;
    const baseValue = Float64Array.from(t.value, (v) => v * 2);
    const baseSelf = Float64Array.from(t.self, (v) => v + 1);
    const baseFolded = new Float64Array(n);
    const root = nestFlameTree({ ...t, baseValue, baseSelf, baseFolded, baseTotal: baseValue[0] });
    assert.deepEqual(root.base, { value: baseValue[0], self: baseSelf[0], folded: 0 });
    assert.equal(root.value, t.value[0]);
    const first = root.children[0];
    assert.equal(first.base!.value, first.value * 2);
  });

  test('a profile\'s tree has no base side', () => {
    assert.equal(nestFlameTree(cpuTree()).base, undefined);
  });
});
