import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findSampleIndex, sampleIndexByName } from '../../src/model/profile/sampleTypeLookup';

const heap = {
  sampleTypes: ['alloc_objects', 'alloc_space', 'objects', 'space'].map((type) => ({ type, unit: '' })),
  defaultSampleIndex: 3,
};

describe('a sample type is found as pprof finds it', () => {
  const cases: [string, string | number, number | undefined][] = [
    ['by its name', 'alloc_space', 1],
    ['by a legacy inuse_ name', 'inuse_space', 3],
    ['by its index', 2, 2],
    ['by its index written as text', '0', 0],
    ['not past the last index', 4, undefined],
    ['not by a negative index', '-1', undefined],
    ['not by a fraction', 1.5, undefined],
    ['not by a name the profile lacks', 'cpu', undefined],
  ];
  for (const [name, spec, want] of cases) test(name, () => assert.equal(findSampleIndex(heap, spec), want));
});

describe('-sample_index fails with pprof’s messages', () => {
  test('no spec is the default', () => assert.equal(sampleIndexByName(heap, undefined), 3));
  test('an index out of range', () => assert.throws(() => sampleIndexByName(heap, '7'), /^Error: sample_index 7 is outside the range \[0\.\.3\]$/));
  test('an unknown name', () => assert.throws(() => sampleIndexByName(heap, 'cpu'), /must be one of: alloc_objects, alloc_space, objects, space$/));
});
