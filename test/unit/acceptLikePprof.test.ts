// What pprof reads, we read, and we show what it shows. Shapes no fixture has, each written here and
// checked against `go tool pprof -top` run in the test, row for row, for every sample type, by function and
// by line:
// - strings that are not valid UTF-8 (Go strings are bytes): pprof prints the bytes; we hold U+FFFD for each
//   invalid sequence, which is how pprof's output reads as UTF-8;
// - a Line with function_id 0. pprof's parser keeps it (a nil Function) and its graph would show it by the
//   mapping's file alone (nodeInfo), but `go tool pprof` refuses the file in its validity check. We show the
//   frame, so the test checks both: that pprof still refuses it, and that we print what pprof prints for the
//   same profile with those lines given a function whose name, file and start line are empty, and line 0;
// - fields numbered 0, which protobuf forbids but pprof skips as unknown fields;
// - addresses above 2^53, as a kernel's are (eBPF and perf profilers write them), a byte apart: exact at every
//   granularity, through a merge with the kernel loaded elsewhere, a comparison, and written back.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeProfile } from '../../src/model/decode/decodeProfile';
import { encodeProfile } from '../../src/model/profile/encodeProfile';
import { GRANULARITIES } from '../../src/model/profile/queries';
import { buildProfile, type ProfileSpec } from './support/buildProfile';
import { bytes, int } from './support/protoWriter';
import { assertAgreesWithPprof } from './support/agreesWithPprof';
import { pprofTmp, pprofTop } from './support/pprofOracle';

/** Byte sequences that are not valid UTF-8, each padded with "_" to 3 bytes. */
const INVALID = [
  [0xc0, 0xaf, 0x5f], // an overlong "/"
  [0xc3, 0x28, 0x5f], // a lead byte without its continuation
  [0xed, 0xa0, 0x80], // an encoded surrogate
  [0xf0, 0x9f, 0x98], // a 4-byte sequence cut short
  [0x61, 0xe9, 0x5f], // "a" and a Latin-1 "é"
  [0xff, 0x62, 0x5f], // a byte that never occurs in UTF-8
  [0xfe, 0x21, 0x5f],
  [0x5f, 0xc1, 0x5f],
];

/** Where invalid sequence i goes: ESC, a letter, ESC, which nothing else in these small profiles holds. */
const placeholder = (i: number) => `\u001b${String.fromCharCode(0x41 + i)}\u001b`;

/** The profile with each placeholder replaced by its invalid bytes (the same length, so no length changes). */
function withInvalidUtf8(encoded: Uint8Array): Uint8Array {
  const out = Uint8Array.from(encoded);
  INVALID.forEach((replacement, i) => {
    const p = Array.from(placeholder(i), (c) => c.charCodeAt(0));
    const at: number[] = [];
    for (let k = 0; k + p.length <= out.length; k++) if (p.every((b, j) => out[k + j] === b)) at.push(k);
    assert.equal(at.length, 1, `placeholder ${i} occurs once`);
    out.set(replacement, at[0]);
  });
  return out;
}

const [OVERLONG, LONE_LEAD, SURROGATE, CUT, LATIN1, FF, FE, C1] = INVALID.map((_, i) => placeholder(i));

const INVALID_UTF8: ProfileSpec = {
  sampleTypes: [
    ['samples', 'count'],
    [`cpu${C1}`, 'nanoseconds'],
  ],
  functions: [
    { name: `main.caf${LATIN1}`, file: '/src/app/cafe.go', startLine: 3 }, // 1
    { name: `pkg.(*T).${LONE_LEAD}x`, file: '/src/pkg/t.go', startLine: 10 }, // 2
    { name: `main.emoji${CUT}`, file: '/src/app/emoji.go', startLine: 20 }, // 3
    { name: 'main.ok', file: `/src${OVERLONG}app/ok.go`, startLine: 30 }, // 4
    { name: `main.sur${SURROGATE}x`, file: `/src/app/s${FF}.go`, startLine: 40 }, // 5
    { name: 'main.π', file: '/src/app/pi.go', startLine: 50 }, // 6, valid UTF-8
    { name: 'main.main', file: '/src/app/main.go', startLine: 1 }, // 7
  ],
  mappings: [{ file: `/usr/bin/ser${FE}er`, buildId: 'b1' }],
  locations: [
    { mapping: 1, lines: [[1, 4]] }, // 1
    { mapping: 1, lines: [[2, 11]] }, // 2
    { mapping: 1, lines: [[3, 21], [4, 31]] }, // 3: emoji inlined into ok
    { mapping: 1, lines: [[5, 41]] }, // 4
    { mapping: 1, lines: [[6, 51]] }, // 5
    { mapping: 1, lines: [[7, 2]] }, // 6 main.main
    { mapping: 1, lines: [] }, // 7 unsymbolized: [ser…er]
    { mapping: 1, lines: [[2, 12]] }, // 8
  ],
  samples: [
    { locs: [1, 6], values: [50, 500_000] },
    { locs: [2, 4, 6], values: [31, 310_000] },
    { locs: [3, 6], values: [17, 170_000] },
    { locs: [4, 5, 6], values: [9, 90_000] },
    { locs: [7, 2, 6], values: [5, 50_000] },
    { locs: [8, 1, 6], values: [2, 20_000] },
  ],
};

/** A profile with Lines whose function_id is 0 (written as a Line with function 0), inlined and not. */
const FUNCTION_ID_0: ProfileSpec = {
  sampleTypes: [
    ['samples', 'count'],
    ['cpu', 'nanoseconds'],
  ],
  functions: [
    { name: 'main.main', file: '/src/app/main.go', startLine: 1 }, // 1
    { name: 'main.work', file: '/src/app/work.go', startLine: 10 }, // 2
    { name: 'main.leaf', file: '/src/app/leaf.go', startLine: 20 }, // 3
  ],
  mappings: [{ file: '/usr/bin/app' }, { file: '/lib/libc.so.6' }],
  locations: [
    { mapping: 1, lines: [[1, 2]] }, // 1 main.main
    { mapping: 1, lines: [[2, 11]] }, // 2 main.work
    { mapping: 1, lines: [[0, 33]] }, // 3 no function
    { mapping: 1, lines: [[0, 44], [2, 12]] }, // 4 no function, inlined into main.work
    { mapping: 1, lines: [[3, 21], [0, 55]] }, // 5 main.leaf inlined into no function
    { mapping: 2, lines: [[0, 66]] }, // 6 no function, in libc
    { lines: [[0, 77]] }, // 7 no function, no mapping
    { mapping: 1, lines: [] }, // 8 no lines at all, in the same mapping as 3
  ],
  samples: [
    { locs: [3, 2, 1], values: [40, 400_000] },
    { locs: [4, 1], values: [23, 230_000] },
    { locs: [5, 2, 1], values: [15, 150_000] },
    { locs: [6, 3, 1], values: [8, 80_000] },
    { locs: [7, 1], values: [4, 40_000] },
    { locs: [8, 2, 1], values: [2, 20_000] },
    { locs: [2, 1], values: [1, 10_000] },
  ],
};

/** A plain profile: the one above with its function-less lines given to main.leaf. */
const FUNCTION_ID_0_FREE: ProfileSpec = {
  ...FUNCTION_ID_0,
  locations: FUNCTION_ID_0.locations.map((l) => ({ ...l, lines: l.lines.map(([f, line]): [number, number] => [f === 0 ? 3 : f, line]) })),
};

/** The same profile as pprof's graph would see it: the function-less lines given a nameless function, line 0. */
function withNamelessFunction(spec: ProfileSpec): ProfileSpec {
  const nameless = spec.functions.length + 1;
  return {
    ...spec,
    functions: [...spec.functions, { name: '', file: '', startLine: 0 }],
    locations: spec.locations.map((l) => ({ ...l, lines: l.lines.map(([f, line]): [number, number] => (f === 0 ? [nameless, 0] : [f, line])) })),
  };
}

function write(name: string, encoded: Uint8Array): string {
  const file = join(pprofTmp, name);
  writeFileSync(file, encoded);
  return file;
}

function eachSampleTypeAndGranularity(spec: ProfileSpec, check: (o: { sampleIndex: number; lines: boolean; unit: string }) => Promise<void>) {
  spec.sampleTypes.forEach(([, unit], sampleIndex) => {
    for (const lines of [false, true]) {
      test(`sample type ${sampleIndex} (${unit}) by ${lines ? 'line' : 'function'}`, () => check({ sampleIndex, lines, unit }));
    }
  });
}

describe('strings that are not valid UTF-8 read as pprof reads them', { concurrency: 2 }, () => {
  const encoded = withInvalidUtf8(buildProfile(INVALID_UTF8));
  const file = write('invalid-utf8.pb', encoded);

  test('each invalid sequence becomes U+FFFD; valid names are untouched', () => {
    const p = decodeProfile(encoded);
    assert.deepEqual(p.funcName, ['main.cafa\uFFFD_', 'pkg.(*T).\uFFFD(_x', 'main.emoji\uFFFD', 'main.ok', 'main.sur\uFFFD\uFFFD\uFFFDx', 'main.π', 'main.main']);
    assert.equal(p.funcFile[3], '/src\uFFFD\uFFFD_app/ok.go');
    assert.equal(p.funcFile[4], '/src/app/s\uFFFDb_.go');
    assert.equal(p.mappings[0].file, '/usr/bin/ser\uFFFD!_er');
    assert.equal(p.sampleTypes[1].type, 'cpu_\uFFFD_');
  });

  eachSampleTypeAndGranularity(INVALID_UTF8, async (o) => {
    assert.ok((await assertAgreesWithPprof(file, file, o)) >= 7, 'every frame has a row');
  });
});

describe('a Line with function_id 0 is a nameless frame', { concurrency: 2 }, () => {
  const file = write('function-id-0.pb', buildProfile(FUNCTION_ID_0));
  const asGraphSeesIt = write('function-id-0-as-nameless.pb', buildProfile(withNamelessFunction(FUNCTION_ID_0)));

  test('go tool pprof refuses the file (its validity check), so the comparison is with the nameless twin', async () => {
    await assert.rejects(pprofTop(file, { sampleIndex: 0, unit: 'count' }), /location id: 3 has a line with nil function/);
  });

  test('the lines are kept, with one shared nameless function and line 0', () => {
    const p = decodeProfile(buildProfile(FUNCTION_ID_0));
    assert.equal(p.functionCount, 4);
    assert.deepEqual([p.funcName[3], p.funcFile[3], p.funcSystemName[3], p.funcStartLine[3]], ['', '', '', 0]);
    const linesOf = (l: number) =>
      Array.from({ length: p.locLineStart[l + 1] - p.locLineStart[l] }, (_, k) => [p.lineFunction[p.locLineStart[l] + k], p.lineNumber[p.locLineStart[l] + k]]);
    assert.deepEqual(linesOf(2), [[3, 0]]);
    assert.deepEqual(linesOf(3), [[3, 0], [1, 12]]);
    assert.deepEqual(linesOf(4), [[2, 21], [3, 0]]);
    assert.deepEqual(linesOf(7), []);
  });

  eachSampleTypeAndGranularity(FUNCTION_ID_0, async (o) => {
    assert.ok((await assertAgreesWithPprof(asGraphSeesIt, file, o)) >= 5, 'rows shown');
  });
});

describe('fields numbered 0 are skipped, as pprof skips them', { concurrency: 2 }, () => {
  const fieldZero = [...int(0, 5), ...bytes(0, 'skipped')];
  const file = write('field-0.pb', Uint8Array.from([...fieldZero, ...buildProfile(FUNCTION_ID_0_FREE), ...fieldZero]));
  eachSampleTypeAndGranularity(FUNCTION_ID_0_FREE, async (o) => {
    assert.ok((await assertAgreesWithPprof(file, file, o)) >= 3, 'rows shown');
  });
});

const KERNEL = 0xffffffff81000000n;

/** Kernel frames below a Go program's: addresses above 2^53, several a byte apart, some unsymbolized. */
const KERNEL_FRAMES: ProfileSpec = {
  sampleTypes: [
    ['samples', 'count'],
    ['cpu', 'nanoseconds'],
  ],
  functions: [
    { name: 'main.main', file: '/src/app/main.go', startLine: 1 }, // 1
    { name: 'main.work', file: '/src/app/main.go', startLine: 10 }, // 2
    { name: 'do_syscall_64' }, // 3
    { name: 'entry_SYSCALL_64' }, // 4
  ],
  mappings: [
    { file: '/usr/bin/app', buildId: 'b1', start: 0x400000n, limit: 0x800000n },
    { file: '[kernel.kallsyms]', start: KERNEL, limit: KERNEL + 0x1000000n },
  ],
  locations: [
    { mapping: 1, address: 0x401000, lines: [[1, 2]] }, // 1
    { mapping: 1, address: 0x402000, lines: [[2, 11]] }, // 2
    { mapping: 2, address: KERNEL + 0x789n, lines: [[3, 0]] }, // 3
    { mapping: 2, address: KERNEL + 0x78an, lines: [[4, 0]] }, // 4
    { mapping: 2, address: KERNEL + 0x123n, lines: [] }, // 5
    { mapping: 2, address: KERNEL + 0x124n, lines: [] }, // 6
    { mapping: 2, address: KERNEL + 0x125n, lines: [] }, // 7
  ],
  samples: [
    { locs: [5, 3, 4, 2, 1], values: [10, 100_000] },
    { locs: [6, 3, 4, 2, 1], values: [20, 200_000] },
    { locs: [7, 4, 2, 1], values: [7, 70_000] },
    { locs: [4, 2, 1], values: [5, 50_000] },
    { locs: [2, 1], values: [1, 10_000] },
  ],
};

describe('addresses above 2^53 (a kernel\'s) are exact', { concurrency: 2 }, () => {
  const encoded = buildProfile(KERNEL_FRAMES);
  const file = write('kernel-frames.pb', encoded);
  // The kernel loaded elsewhere (KASLR) and some samples weighing more: a merge counts its frames as the same.
  const moved: ProfileSpec = {
    ...KERNEL_FRAMES,
    mappings: [KERNEL_FRAMES.mappings![0], { file: '[kernel.kallsyms]', start: KERNEL + 0x200000n, limit: KERNEL + 0x1200000n }],
    locations: KERNEL_FRAMES.locations.map((l) => (l.mapping === 2 ? { ...l, address: BigInt(l.address!) + 0x200000n } : l)),
    samples: KERNEL_FRAMES.samples.map((s, i) => ({ ...s, values: s.values.map((v) => v * (i + 1)) })),
  };
  const movedFile = write('kernel-frames-moved.pb', buildProfile(moved));

  test('decoded as written, a byte apart', () => {
    const p = decodeProfile(encoded);
    assert.deepEqual(Array.from(p.locAddress), [0x401000n, 0x402000n, KERNEL + 0x789n, KERNEL + 0x78an, KERNEL + 0x123n, KERNEL + 0x124n, KERNEL + 0x125n]);
    assert.deepEqual([p.mappings[1].start, p.mappings[1].limit], [KERNEL, KERNEL + 0x1000000n]);
  });

  test('written back, the same addresses, which go tool pprof reads as it reads the original', async () => {
    const again = encodeProfile(decodeProfile(encoded));
    assert.deepEqual(Array.from(decodeProfile(again).locAddress), Array.from(decodeProfile(encoded).locAddress));
    const written = write('kernel-frames-written.pb', again);
    for (const sampleIndex of [0, 1]) {
      const unit = KERNEL_FRAMES.sampleTypes[sampleIndex][1];
      assert.equal(await pprofTop(written, { sampleIndex, unit, granularity: 'addresses' }), await pprofTop(file, { sampleIndex, unit, granularity: 'addresses' }));
    }
  });

  for (const granularity of GRANULARITIES) {
    KERNEL_FRAMES.sampleTypes.forEach(([, unit], sampleIndex) => {
      test(`${granularity}, sample type ${sampleIndex}: one profile, a merge, a comparison`, async () => {
        const o = { sampleIndex, unit, granularity };
        // By file: the program's file and the kernel's nameless frames.
        const rows = granularity === 'files' ? 2 : 4;
        assert.ok((await assertAgreesWithPprof(file, file, o)) >= rows, 'rows shown');
        const merged = { files: [file, movedFile] };
        assert.ok((await assertAgreesWithPprof(merged, merged, o)) >= rows, 'rows of the merge');
        const compared = { files: [movedFile], diffBase: [file] };
        assert.ok((await assertAgreesWithPprof(compared, compared, o)) >= rows, 'rows of the comparison');
      });
    });
  }
});
