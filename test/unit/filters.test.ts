import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadProfile } from '../../src/model/decode/loadProfile';
import { compileFilters, NO_FILTER } from '../../src/model/filter/sampleFilter';
import { frameTable, stackFrames } from '../../src/model/analysis/frameTable';
import { compileGoRegexp } from '../../src/model/base/goRegexp';
import { simplifyFunc } from '../../src/model/profile/pprofReadRules';
import type { Profile } from '../../src/model/profile/profile';
import type { Filters } from '../../src/model/profile/queries';
import { parseRange } from '../../src/model/filter/tagFilter';
import { buildProfile, type ProfileSpec } from './support/buildProfile';

describe('Go regular expressions', () => {
  const cases: [string, string, boolean][] = [
    ['main\\.', 'main.run', true],
    ['main\\.', 'mainXrun', false],
    ['(?i)MAIN', 'main.run', true],
    ['a(?i:bc)d', 'aBCd', true],
    ['a(?i:bc)d', 'aBCD', false],
    ['x(?i)y', 'xY', true],
    ['x(?i)y', 'XY', false],
    ['(?s)a.b', 'a\nb', true],
    ['a.b', 'a\nb', false],
    ['[[:digit:]]+kb', 'size 64kb', true],
    ['[[:upper:]]', 'lower', false],
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['run\\z', 'run', true],
    ['\\Arun', 'xrun', false],
    ['x\\-y\\:z', 'x-y:z', true],
    ['\\pL+', 'é', true],
    ['\\p{Greek}', 'α', true],
    ['(?P<pkg>main)\\.', 'main.f', true],
    ['\\x{41}', 'A', true],
    ['', 'anything', true],
  ];
  for (const [re, input, want] of cases) {
    test(`${JSON.stringify(re)} ${want ? 'matches' : 'does not match'} ${JSON.stringify(input)}`, () => {
      assert.equal(compileGoRegexp(re, 'focus').test(input), want);
    });
  }
  const bad: [string, RegExp][] = [
    ['(', /Unterminated group/],
    ['[a', /missing closing \]/],
    ['a(?=b)', /lookaround/],
    ['(a)\\1', /backreferences/],
    ['*a', /Nothing to repeat/],
    ['(?U)a*', /ungreedy/],
  ];
  for (const [re, why] of bad) {
    test(`${JSON.stringify(re)} is refused with a one-line error naming the option`, () => {
      assert.throws(
        () => compileGoRegexp(re, 'hide'),
        (e: Error) => e.message.startsWith(`hide: invalid regular expression ${JSON.stringify(re)}: `) && why.test(e.message) && !e.message.includes('\n'),
      );
    });
  }
});

// main.main → main.work → (strings.Index inlined into main.parse) ; libc frames unsymbolized.
const SPEC: ProfileSpec = {
  sampleTypes: [['samples', 'count']],
  functions: [
    { name: 'main.main', file: '/app/main.go' },
    { name: 'main.work', file: '/app/work.go' },
    { name: 'main.parse', file: '/app/parse.go' },
    { name: 'strings.Index', file: '/go/strings.go' },
  ],
  mappings: [{ file: '/app/server', buildId: 'b' }, { file: '/lib/libc.so.6' }],
  locations: [
    { mapping: 1, lines: [[1, 1]] },
    { mapping: 1, lines: [[2, 2]] },
    { mapping: 1, lines: [[4, 4], [3, 3]] },
    { mapping: 2, lines: [] },
  ],
  samples: [
    { locs: [3, 2, 1], values: [1], labels: { handler: 'api', bytes: [2048, 'bytes'] } },
    { locs: [4, 2, 1], values: [2], labels: { handler: 'web' } },
    { locs: [2, 1], values: [4], labels: { handler: 'api', region: 'eu' } },
  ],
};
const profile = loadProfile(buildProfile(SPEC));
const kept = (f: Filters) => {
  const keep = compileFilters(profile, f).keep;
  return keep ? [...keep.keys()].filter((s) => keep[s]) : [0, 1, 2];
};

describe('sample filters keep the samples pprof keeps', () => {
  const cases: [string, Filters, number[]][] = [
    ['focus on a function name', { focus: 'parse' }, [0]],
    ['focus on a file name', { focus: 'strings\\.go' }, [0]],
    ['focus on a mapping file', { focus: 'libc' }, [1]],
    ['ignore drops any sample through a match', { ignore: 'work' }, []],
    ['ignore wins over focus', { focus: 'main', ignore: 'Index' }, [1, 2]],
    ['tagfocus key=value', { tagfocus: 'handler=api' }, [0, 2]],
    ['tagfocus key=one of several values', { tagfocus: 'handler=web,api' }, [0, 1, 2]],
    ['tagfocus without a key needs every regex', { tagfocus: 'handler:api,region:eu' }, [2]],
    ['tagignore', { tagignore: 'handler=api' }, [1]],
    ['tagfocus numeric range in kB', { tagfocus: 'bytes=1kb:2kb' }, [0]],
    ['tagfocus numeric upper bound', { tagfocus: ':1kb' }, []],
    ['tagfocus key without such label', { tagfocus: 'missing=x' }, []],
    ['hide and show keep every sample', { hide: 'main', show: 'work' }, [0, 1, 2]],
  ];
  for (const [name, f, want] of cases) test(name, () => assert.deepEqual(kept(f), want));

  test('no filters compile to NO_FILTER', () => {
    assert.equal(compileFilters(profile, {}), NO_FILTER);
    assert.equal(compileFilters(profile, undefined), NO_FILTER);
  });
  test('a bad expression names its option', () => {
    assert.throws(() => compileFilters(profile, { show: '(' }), /^Error: show: invalid regular expression/);
    assert.throws(() => compileFilters(profile, { tagfocus: 'handler=(' }), /^Error: tagfocus: invalid regular expression/);
  });
});

describe('hide and show remove frames, not samples', () => {
  const stacks = (p: Profile, f: Filters) => {
    const table = frameTable(p, 'functions', compileFilters(p, f));
    const out = new Int32Array(table.maxDepth);
    return [0, 1, 2].map((s) => [...out.subarray(0, stackFrames(p, table, s, out))].map((n) => table.nodes.printable[n]).join(' < '));
  };
  const cases: [string, Filters, string[]][] = [
    ['no filter expands inlined frames leaf first', {}, ['strings.Index < main.parse < main.work < main.main', '[libc.so.6] < main.work < main.main', 'main.work < main.main']],
    ['hide an inlined frame only', { hide: 'Index' }, ['main.parse < main.work < main.main', '[libc.so.6] < main.work < main.main', 'main.work < main.main']],
    ['hide by mapping file hides the whole location', { hide: 'server' }, ['', '[libc.so.6]', '']],
    ['show keeps matching frames and drops unsymbolized ones', { show: 'main\\.' }, ['main.parse < main.work < main.main', 'main.work < main.main', 'main.work < main.main']],
    ['show by mapping file keeps the location whole', { show: 'server' }, ['strings.Index < main.parse < main.work < main.main', 'main.work < main.main', 'main.work < main.main']],
  ];
  for (const [name, f, want] of cases) test(name, () => assert.deepEqual(stacks(profile, f), want));
});

describe('tag ranges parse as pprof parses them', () => {
  const cases: [string, number, string, boolean | undefined][] = [
    ['32kb', 32768, 'bytes', true],
    ['32kb', 32769, 'bytes', false],
    [':64kb', 65536, 'bytes', true],
    ['4mb:', 4 * 2 ** 20 - 1, 'bytes', false],
    ['12kb:64mb', 2 ** 20, 'bytes', true],
    ['1s:2s', 1.5e9, 'nanoseconds', true],
    ['100', 100, 'requests', true],
    ['100', 100, 'bytes', false],
    ['100', 100, '', true],
    ['1.5kb', 0, 'bytes', undefined],
    ['x1', 0, '', undefined],
    ['1kb:2', 1536, 'bytes', true],
    ['1kb:2ms', 1536, 'bytes', undefined],
  ];
  for (const [text, v, unit, want] of cases) {
    test(`${JSON.stringify(text)} on ${v} ${unit || '(no unit)'} → ${want ?? 'not a range'}`, () => {
      const range = parseRange(text);
      assert.equal(range ? range(v, unit) : undefined, want);
    });
  }
});

describe('drop_frames and keep_frames prune as go tool pprof does on reading', () => {
  const spec = (drop: string, keep?: string): ProfileSpec => ({
    sampleTypes: [['samples', 'count']],
    functions: [{ name: 'main.main' }, { name: 'main.alloc' }, { name: 'runtime.mallocgc' }, { name: 'runtime.zero' }],
    locations: [{ lines: [[1, 1]] }, { lines: [[2, 2]] }, { lines: [[3, 3]] }, { lines: [[4, 4], [3, 5]] }, { lines: [[3, 6], [2, 7]] }],
    samples: [
      { locs: [3, 2, 1], values: [1] },
      { locs: [4, 2, 1], values: [1] },
      { locs: [5, 1], values: [1] },
      { locs: [1, 3], values: [1] },
    ],
    dropFrames: drop,
    keepFrames: keep,
  });
  const stacks = (s: ProfileSpec) => {
    const p = loadProfile(buildProfile(s));
    const table = frameTable(p, 'functions');
    const out = new Int32Array(table.maxDepth);
    return [0, 1, 2, 3].map((i) => [...out.subarray(0, stackFrames(p, table, i, out))].map((n) => table.nodes.names[n]).join(' < '));
  };
  const cases: [string, ProfileSpec, string[]][] = [
    ['a dropped leaf and its callees go', spec('runtime\\..*'), ['main.alloc < main.main', 'main.alloc < main.main', 'main.alloc < main.main', 'main.main < runtime.mallocgc']],
    ['keep_frames rescues a frame', spec('runtime\\..*', 'runtime\\.mallocgc'), ['runtime.mallocgc < main.alloc < main.main', 'runtime.mallocgc < main.alloc < main.main', 'runtime.mallocgc < main.alloc < main.main', 'main.main < runtime.mallocgc']],
    ['drop matches the whole name only', spec('runtime'), ['runtime.mallocgc < main.alloc < main.main', 'runtime.zero < runtime.mallocgc < main.alloc < main.main', 'runtime.mallocgc < main.alloc < main.main', 'main.main < runtime.mallocgc']],
    ['an invalid drop_frames is ignored', spec('('), ['runtime.mallocgc < main.alloc < main.main', 'runtime.zero < runtime.mallocgc < main.alloc < main.main', 'runtime.mallocgc < main.alloc < main.main', 'main.main < runtime.mallocgc']],
  ];
  for (const [name, s, want] of cases) test(name, () => assert.deepEqual(stacks(s), want));

  const simplified: [string, string][] = [
    ['foo::bar(int, char)', 'foo::bar'],
    ['.ppc.func', 'ppc.func'],
    ['(anonymous namespace)::f(int)', '(anonymous namespace)::f'],
    ['Class::operator()(int)', 'Class::operator()'],
    ['main.main', 'main.main'],
  ];
  for (const [name, want] of simplified) test(`drop_frames sees ${JSON.stringify(name)} as ${JSON.stringify(want)}`, () => assert.equal(simplifyFunc(name), want));
});
