// The fixtures the merge and comparison oracle tests use: sets that pprof merges (same sample and period
// types) and pairs that it compares (base, target), from go-generated, google-pprof and parca.

export const MERGES: Record<string, string[]> = {
  'two heap profiles of one run': ['go-generated/heap.pb.gz', 'go-generated/heap-gc.pb.gz'],
  'three heap profiles of one run': ['go-generated/heap.pb.gz', 'go-generated/heap-gc.pb.gz', 'go-generated/allocs.pb.gz'],
  'five heap profiles of three programs, one a delta': [
    'go-generated/heap.pb.gz',
    'parca/query_testdata_alloc_objects.pb.gz',
    'go-generated/heap-gc.pb.gz',
    'parca/query_testdata_alloc_space_delta.pb.gz',
    'parca/query_testdata_many_1644509299337903000.pb.gz',
  ],
  'four CPU profiles of four programs, one with labels': [
    'go-generated/cpu.pb.gz',
    'parca/query_testdata_fib.pb.gz',
    'parca/parca_testdata_labels.pb.gz',
    'google-pprof/report-sample.cpu.pb.gz',
  ],
  'a stripped and a symbolized binary': ['parca/symbolizer_testdata_normal-cpu.stripped.pprof', 'parca/symbolizer_testdata_stripped-cpu.stripped.pprof'],
  'block and mutex': ['go-generated/block.pb.gz', 'go-generated/mutex.pb.gz'],
  'three perf-style sample profiles': ['parca/normalizer_node-profile.pb.gz', 'parca/query_testdata_profile-with-labels.pb.gz', 'parca/query_testdata_no-python.pb.gz'],
};

export const PAIRS: [base: string, target: string][] = [
  ['go-generated/heap.pb.gz', 'go-generated/heap-gc.pb.gz'],
  ['go-generated/heap-gc.pb.gz', 'go-generated/allocs.pb.gz'],
  ['go-generated/block.pb.gz', 'go-generated/mutex.pb.gz'],
  ['google-pprof/report-sample.cpu.pb.gz', 'google-pprof/proftest-large.cpu.pb.gz'],
  ['parca/query_testdata_alloc_objects.pb.gz', 'parca/query_testdata_many_1644509299337903000.pb.gz'],
  ['parca/symbolizer_testdata_normal-cpu.stripped.pprof', 'parca/symbolizer_testdata_stripped-cpu.stripped.pprof'],
  ['parca/query_testdata_fib.pb.gz', 'go-generated/cpu.pb.gz'],
  ['parca/query_testdata_two-stacks.pb.gz', 'parca/query_testdata_single-stack.pb.gz'],
];

/** Each merge set as it is and twice over (every file given twice): the sets the two-thread merges are checked on. */
export const MERGE_SETS_TWICE: [string, string[]][] = Object.entries(MERGES).flatMap(([name, files]): [string, string[]][] => [
  [name, files],
  [`${name}, twice over`, [...files, ...files]],
]);
