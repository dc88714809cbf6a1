import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { GRANULARITIES } from '../../src/model/profile/queries';
import { activeFilters, COMPARE_SORT_KEYS, defaultViewState, PROFILE_SORT_KEYS, sanitizeViewState, tableSortKey } from '../../src/protocol/viewState';

describe('view state restored from storage', () => {
  const cases: { name: string; raw: unknown; expect: Partial<ReturnType<typeof defaultViewState>> }[] = [
    { name: 'nothing saved gives the default at pprof\'s sample type', raw: null, expect: { sampleIndex: 3, zoomPath: [], icicle: true } },
    { name: 'a saved state is kept', raw: { ...defaultViewState(1), search: 'sort', zoomPath: ['main.main'], icicle: false }, expect: { sampleIndex: 1, search: 'sort', zoomPath: ['main.main'], icicle: false } },
    { name: 'a sample index past the profile\'s types falls back to the default', raw: { sampleIndex: 9 }, expect: { sampleIndex: 3 } },
    { name: 'a non-integer sample index falls back', raw: { sampleIndex: 1.5 }, expect: { sampleIndex: 3 } },
    { name: 'an unknown granularity becomes functions', raw: { granularity: 'symbols' }, expect: { granularity: 'functions' } },
    ...GRANULARITIES.map((granularity) => ({ name: `granularity ${granularity} is kept`, raw: { granularity }, expect: { granularity } })),
    { name: 'zoom path entries that are not strings are dropped', raw: { zoomPath: ['a', 3, null, 'b'] }, expect: { zoomPath: ['a', 'b'] } },
    { name: 'empty and blank filters are dropped, set ones trimmed', raw: { filters: { focus: ' main ', ignore: '', hide: '  ', tagfocus: 'k=v' } }, expect: { filters: { focus: 'main', tagfocus: 'k=v' } } },
    { name: 'an unknown sort key becomes flat', raw: { topSort: 'self' }, expect: { topSort: 'flat' } },
    ...COMPARE_SORT_KEYS.map((topSort) => ({ name: `the comparison's sort key ${topSort} is kept`, raw: { topSort }, expect: { topSort } })),
    { name: 'a string instead of an object gives the default', raw: 'sampleIndex=2', expect: { sampleIndex: 3 } },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const s = sanitizeViewState(c.raw, 4, 3);
      for (const [k, v] of Object.entries(c.expect)) assert.deepEqual(s[k as keyof typeof s], v, k);
    });
  }

  test('equal filters compare equal as JSON whatever was left empty', () => {
    assert.equal(JSON.stringify(activeFilters({ focus: 'a', ignore: '' })), JSON.stringify(activeFilters({ ignore: ' ', focus: 'a' })));
  });
});

describe('the order a table shows', () => {
  test('a comparison shows a profile\'s sort key (flat, cum) by |Δ cum|, and keeps name and its own keys', () => {
    assert.equal(tableSortKey('flat', true), 'deltaCum');
    assert.equal(tableSortKey('cum', true), 'deltaCum');
    assert.equal(tableSortKey('name', true), 'name');
    for (const k of COMPARE_SORT_KEYS) assert.equal(tableSortKey(k, true), k);
  });

  test('a profile shows a comparison\'s sort key in pprof\'s order, and keeps its own keys', () => {
    assert.equal(tableSortKey('deltaCum', false), 'flat');
    assert.equal(tableSortKey('baseFlat', false), 'flat');
    for (const k of PROFILE_SORT_KEYS) assert.equal(tableSortKey(k, false), k);
  });
});
