// pprof: Capture Fleet's argument object, checked: a static list or a Prometheus source, and one-line
// messages for what is wrong; a static list's URLs as instances named host:port.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { groupName, hasFleetArgs, instancesOfUrls, parseFleetArgs } from '../../src/fleet/fleetArgs';

describe('parseFleetArgs', () => {
  test('a static list', () => {
    const a = parseFleetArgs({ targets: [' 10.0.0.7:6060 ', 'http://10.0.0.8:6060/debug/pprof'], type: 'heap', seconds: 5 });
    assert.deepEqual(a, { source: { name: 'fleet', targets: ['10.0.0.7:6060', 'http://10.0.0.8:6060/debug/pprof'] }, type: 'heap', seconds: undefined, open: true });
    assert.equal(groupName(a.source), 'fleet');
  });
  test('a Prometheus source: the job names the group, CPU keeps its seconds', () => {
    const a = parseFleetArgs({ prometheus: 'http://127.0.0.1:9090', job: 'api', match: { env: 'prod' }, type: 'cpu', seconds: 10, open: false });
    assert.deepEqual(a, { source: { prometheus: 'http://127.0.0.1:9090', job: 'api', match: { env: 'prod' } }, type: 'cpu', seconds: 10, open: false });
    assert.equal(groupName(a.source), 'api');
    assert.equal(groupName(parseFleetArgs({ prometheus: 'http://p:9090', type: 'heap', name: 'checkout' }).source), 'checkout');
  });
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['no type', { targets: ['a:1'] }, /"type" must be one of/],
    ['an unknown type', { targets: ['a:1'], type: 'nope' }, /"type" must be one of .* not "nope"/],
    ['an empty list', { targets: [], type: 'heap' }, /"targets" must be a non-empty list/],
    ['a list with a number', { targets: ['a:1', 3], type: 'heap' }, /"targets" must be a non-empty list/],
    ['an empty Prometheus URL', { prometheus: ' ', type: 'heap' }, /"prometheus" must be a URL/],
    ['a match that is not a map of strings', { prometheus: 'http://p:9090', match: { env: 1 }, type: 'heap' }, /"match" must map label names/],
    ['seconds that are not a number', { targets: ['a:1'], type: 'cpu', seconds: '5' }, /"seconds" must be a number/],
  ];
  for (const [name, arg, message] of bad) {
    test(`refused: ${name}`, () => assert.throws(() => parseFleetArgs(arg), message));
  }
  test('only an object with targets or prometheus is an argument object', () => {
    assert.equal(hasFleetArgs(undefined), false);
    assert.equal(hasFleetArgs({ url: 'a:1' }), false);
    assert.equal(hasFleetArgs({ targets: [] }), true);
    assert.equal(hasFleetArgs({ prometheus: 'x' }), true);
    assert.equal(hasFleetArgs({ type: 'heap' }), true);
    assert.throws(() => parseFleetArgs({ type: 'heap' }), /"targets" must be a non-empty list of URLs \(or pass "prometheus"\)/);
  });
});

test('instancesOfUrls: host:port names each instance, its base is the pprof root', () => {
  assert.deepEqual(instancesOfUrls(['10.0.0.7:6060', 'https://api.example:8443/debug/pprof/heap']), [
    { instance: '10.0.0.7:6060', url: 'http://10.0.0.7:6060/debug/pprof', labels: {} },
    { instance: 'api.example:8443', url: 'https://api.example:8443/debug/pprof', labels: {} },
  ]);
});
