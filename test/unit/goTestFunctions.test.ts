import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { blankCommentsAndStrings, findTestFunctions, testKindOfName } from '../../src/gotest/testFunctions';

const found = (text: string) => findTestFunctions(text).map((f) => `${f.line}:${f.kind}:${f.name}`);

describe('the tests and benchmarks of a _test.go file', () => {
  const cases: { name: string; text: string; want: string[] }[] = [
    {
      name: 'a test and a benchmark, with their lines',
      text: 'package p\n\nimport "testing"\n\nfunc TestA(t *testing.T) {}\n\nfunc BenchmarkB(b *testing.B) {\n}\n',
      want: ['4:test:TestA', '6:benchmark:BenchmarkB'],
    },
    {
      name: 'another parameter name, no name, odd spacing and a trailing comma',
      text: 'import "testing"\nfunc TestA(tt *testing.T) {}\nfunc TestB(*testing.T) {}\nfunc BenchmarkC( bb  * testing.B , ) {}\n',
      want: ['1:test:TestA', '2:test:TestB', '3:benchmark:BenchmarkC'],
    },
    {
      name: 'a parameter list over several lines: the line of func',
      text: 'import "testing"\n\nfunc TestLong(\n\tt *testing.T,\n) {\n}\n',
      want: ['2:test:TestLong'],
    },
    {
      name: 'declarations inside comments and strings are not tests',
      text: 'import "testing"\n// func TestLine(t *testing.T) {}\n/*\nfunc TestBlock(t *testing.T) {}\n*/\nvar s = `\nfunc TestRaw(t *testing.T) {}\n`\nfunc TestReal(t *testing.T) {}\n',
      want: ['8:test:TestReal'],
    },
    {
      name: 'go test\'s naming rule: a lower-case letter after the prefix is not a test; Test alone and Test_x are',
      text: 'import "testing"\nfunc Testable(t *testing.T) {}\nfunc Test(t *testing.T) {}\nfunc Test_x(t *testing.T) {}\nfunc Benchmarking(b *testing.B) {}\nfunc Benchmark2(b *testing.B) {}\n',
      want: ['2:test:Test', '3:test:Test_x', '5:benchmark:Benchmark2'],
    },
    {
      name: 'the wrong parameter type, TestMain, helpers, methods, generics and indented funcs are left out',
      text: 'import "testing"\nfunc TestMain(m *testing.M) {}\nfunc TestX(b *testing.B) {}\nfunc BenchmarkY(t *testing.T) {}\nfunc helper(t *testing.T) {}\nfunc (s *S) TestM(t *testing.T) {}\nfunc TestG[T any](t *testing.T) {}\n  func TestIndented(t *testing.T) {}\nfunc TestTwo(t *testing.T, n int) {}\n',
      want: [],
    },
    {
      name: 'testing imported under another name or with a dot',
      text: 'import (\n\ttt "testing"\n)\nfunc TestA(t *tt.T) {}\nfunc TestB(t *testing.T) {}\n',
      want: ['3:test:TestA'],
    },
    {
      name: 'a dot import',
      text: 'import . "testing"\nfunc TestA(t *T) {}\nfunc BenchmarkB(b *B) {}\n',
      want: ['1:test:TestA', '2:benchmark:BenchmarkB'],
    },
    {
      name: 'a quote and a rune before a declaration do not hide it',
      text: 'import "testing"\nvar r = \'"\'\nvar s = "a\\"b // not a comment"\nfunc TestA(t *testing.T) {}\n',
      want: ['3:test:TestA'],
    },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(found(c.text), c.want));

  test('the fixture package of the integration tests', () => {
    const text = readFileSync(join(__dirname, '..', 'workspace', 'gotest', 'work_test.go'), 'utf8');
    const lines = text.split('\n');
    const want = ['TestChecksum', 'BenchmarkChecksum', 'TestChecksumSmall'].map((n) => `${lines.findIndex((l) => l.startsWith(`func ${n}(`))}:${n.startsWith('Test') ? 'test' : 'benchmark'}:${n}`);
    assert.deepEqual(found(text), want);
  });

  test('blanking keeps the length and the newlines', () => {
    const text = 'a // b\n/* c\nd */ "e\\"f" `g\nh` \'i\'';
    const blanked = blankCommentsAndStrings(text);
    assert.equal(blanked.length, text.length);
    assert.deepEqual([...blanked].map((c, i) => (c === '\n') === (text[i] === '\n')).every(Boolean), true);
    assert.equal(blanked.replace(/\s/g, ''), 'a');
  });

  test('the kind a name says', () => {
    assert.equal(testKindOfName('TestX'), 'test');
    assert.equal(testKindOfName('BenchmarkX'), 'benchmark');
    assert.equal(testKindOfName('Testx'), undefined);
    assert.equal(testKindOfName('TestX$'), undefined);
    assert.equal(testKindOfName('FuzzX'), undefined);
  });
});
