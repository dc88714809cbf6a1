import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findDeclaration, localName } from '../../src/annotations/goDeclaration';

const SOURCE = `package store

type Store[K comparable] struct{}

func (s *Store[K]) Get(k K) int {
	x := 1
	return x
}

func (s Store[K]) Len() int {
	return 0
}

func Run(n int) {
	go func() {
		work(n)
	}()
	do(func(x int) int {
		return x * 2
	})
}
`.split('\n');
const text = (n: number) => SOURCE[n - 1];
const lineOf = (s: string) => SOURCE.findIndex((l) => l.includes(s)) + 1;

describe('where a Go function is declared', () => {
  const names: [string, string][] = [
    ['main.leafSort', 'leafSort'],
    ['github.com/acme/svc/internal/store.(*Store[...]).Get', '(*Store).Get'],
    // Go spells a dot in the package's last element as %2e.
    ['gopkg.in/yaml%2ev3.(*parser).parse', '(*parser).parse'],
    ['main.labeled.func1.1', 'labeled.func1.1'],
  ];
  for (const [name, want] of names) test(`localName(${name}) = ${want}`, () => assert.equal(localName(name), want));

  const cases: [string, string, string, string][] = [
    ['a generic pointer-receiver method', 'example.com/store.(*Store[...]).Get', 'return x', 'func (s *Store[K]) Get'],
    ['a value-receiver method', 'example.com/store.Store[...].Len', 'return 0', 'func (s Store[K]) Len'],
    ['a function', 'example.com/store.Run', 'go func()', 'func Run'],
    ['a goroutine closure', 'example.com/store.Run.func1', 'work(n)', 'go func()'],
    ['a closure passed as an argument', 'example.com/store.Run.func2', 'return x * 2', 'do(func'],
  ];
  for (const [name, fn, first, want] of cases) {
    test(name, () => assert.equal(findDeclaration(fn, lineOf(first.trim()), text), lineOf(want)));
  }

  test('without a matching line above, the first sampled line is kept', () => {
    assert.equal(findDeclaration('example.com/store.Missing', 7, text), 7);
  });
});
