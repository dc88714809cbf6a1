import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createResolver,
  escapeModulePath,
  modulePathOf,
  ResolvedBy,
  ResolverEnv,
} from '../../src/source/pathResolution';
import { normalizePath } from '../../src/source/pathSpelling';
import { ProfileFiles } from '../../src/source/profileFiles';
import { SuffixIndex } from '../../src/source/suffixIndex';

// A developer machine: a workspace with a service module, a nested tools module, a vendor folder and a
// second main.go; Go's GOROOT and module cache outside the workspace.
const WS = '/home/dev/src/svc';
const GOROOT = '/usr/local/go';
const MODCACHE = '/home/dev/go/pkg/mod';
const workspaceFiles = [
  `${WS}/main.go`,
  `${WS}/internal/store/store.go`,
  `${WS}/internal/api/handler.go`,
  `${WS}/cmd/worker/main.go`,
  `${WS}/tools/gen/gen.go`,
  `${WS}/vendor/github.com/gorilla/mux/mux.go`,
];
const outside = [
  `${GOROOT}/src/runtime/proc.go`,
  `${GOROOT}/src/net/http/server.go`,
  `${GOROOT}/src/vendor/golang.org/x/net/http2/hpack/hpack.go`,
  `${MODCACHE}/github.com/pkg/errors@v0.9.1/errors.go`,
  `${MODCACHE}/github.com/!burnt!sushi/toml@v1.2.1/decode.go`,
  `${MODCACHE}/github.com/!azure/azure-sdk-for-go@v68.0.0+incompatible/storage/blob.go`,
  `${MODCACHE}/golang.org/x/sync@v0.0.0-20220722155255-886fb9371eb4/errgroup/errgroup.go`,
];

function env(over: Partial<ResolverEnv> = {}): ResolverEnv {
  const index = new SuffixIndex();
  for (const f of workspaceFiles) index.add(f, WS);
  const disk = new Set([...workspaceFiles, ...outside]);
  return {
    mappings: [],
    modules: [
      { path: 'github.com/acme/svc', dir: WS },
      { path: 'github.com/acme/svc/tools', dir: `${WS}/tools` },
    ],
    goRoot: GOROOT,
    goModCache: MODCACHE,
    workspaceFiles: index,
    exists: (p) => disk.has(p),
    ...over,
  };
}

describe('source path resolution over real-world path shapes', () => {
  const cases: [string, string, string | undefined, ResolvedBy | undefined][] = [
    ['a path that exists here', `${WS}/internal/store/store.go`, `${WS}/internal/store/store.go`, 'exact'],
    ['a build machine absolute path', '/builds/ci/7/acme/svc/internal/store/store.go', `${WS}/internal/store/store.go`, 'suffix'],
    ['a build machine path to a nested main.go', '/go/src/github.com/acme/svc/cmd/worker/main.go', `${WS}/cmd/worker/main.go`, 'suffix'],
    ['a -trimpath path of the main module', 'github.com/acme/svc/internal/api/handler.go', `${WS}/internal/api/handler.go`, 'module'],
    ['a -trimpath path of a nested module', 'github.com/acme/svc/tools/gen/gen.go', `${WS}/tools/gen/gen.go`, 'module'],
    ['a -trimpath versioned module path', 'github.com/pkg/errors@v0.9.1/errors.go', `${MODCACHE}/github.com/pkg/errors@v0.9.1/errors.go`, 'modcache'],
    ['a pseudo-version module path', 'golang.org/x/sync@v0.0.0-20220722155255-886fb9371eb4/errgroup/errgroup.go', `${MODCACHE}/golang.org/x/sync@v0.0.0-20220722155255-886fb9371eb4/errgroup/errgroup.go`, 'modcache'],
    ['an upper-case module path (the cache escapes capitals as !x)', 'github.com/BurntSushi/toml@v1.2.1/decode.go', `${MODCACHE}/github.com/!burnt!sushi/toml@v1.2.1/decode.go`, 'modcache'],
    ['an +incompatible upper-case module', 'github.com/Azure/azure-sdk-for-go@v68.0.0+incompatible/storage/blob.go', `${MODCACHE}/github.com/!azure/azure-sdk-for-go@v68.0.0+incompatible/storage/blob.go`, 'modcache'],
    ["another machine's module cache", '/root/go/pkg/mod/github.com/!burnt!sushi/toml@v1.2.1/decode.go', `${MODCACHE}/github.com/!burnt!sushi/toml@v1.2.1/decode.go`, 'modcache'],
    ['a vendored module, -trimpath', 'github.com/gorilla/mux@v1.8.0/mux.go', `${WS}/vendor/github.com/gorilla/mux/mux.go`, 'vendor'],
    ['a vendored module, build machine path', '/build/svc/vendor/github.com/gorilla/mux/mux.go', `${WS}/vendor/github.com/gorilla/mux/mux.go`, 'suffix'],
    ['GOROOT runtime, -trimpath', 'runtime/proc.go', `${GOROOT}/src/runtime/proc.go`, 'goroot'],
    ['GOROOT net/http, -trimpath', 'net/http/server.go', `${GOROOT}/src/net/http/server.go`, 'goroot'],
    ['GOROOT spelled $GOROOT', '$GOROOT/src/runtime/proc.go', `${GOROOT}/src/runtime/proc.go`, 'goroot'],
    ["another machine's GOROOT", '/usr/lib/go-1.19/src/net/http/server.go', `${GOROOT}/src/net/http/server.go`, 'goroot'],
    ["the standard library's vendor folder", 'vendor/golang.org/x/net/http2/hpack/hpack.go', `${GOROOT}/src/vendor/golang.org/x/net/http2/hpack/hpack.go`, 'goroot'],
    ['a Windows build path', 'C:\\Users\\dev\\go\\src\\acme\\svc\\internal\\store\\store.go', `${WS}/internal/store/store.go`, 'suffix'],
    ['a Windows GOROOT', 'C:\\Program Files\\Go\\src\\runtime\\proc.go', `${GOROOT}/src/runtime/proc.go`, 'goroot'],
    ['a Windows module cache', 'C:\\Users\\dev\\go\\pkg\\mod\\github.com\\pkg\\errors@v0.9.1\\errors.go', `${MODCACHE}/github.com/pkg/errors@v0.9.1/errors.go`, 'modcache'],
    ['a main.go shared by two folders', '/elsewhere/main.go', undefined, undefined],
    ['a module nobody has', 'github.com/nobody/nothing@v1.0.0/x.go', undefined, undefined],
    ['a file that is nowhere', '/builds/ci/unknown.go', undefined, undefined],
    ["a dependency's file never falls back to a same-named workspace file", 'github.com/other/lib@v1.0.0/store.go', undefined, undefined],
    ["a standard library file never falls back to a same-named workspace file", 'strings/main.go', undefined, undefined],
    ['an empty name', '', undefined, undefined],
  ];
  for (const [name, profilePath, want, by] of cases) {
    test(name, () => {
      const r = createResolver(env())(profilePath);
      assert.equal(r?.path, want);
      assert.equal(r?.by, by);
    });
  }

  test('user mappings come before module, GOROOT and suffix rules; the longest prefix wins', () => {
    const resolve = createResolver(
      env({
        mappings: [
          { from: normalizePath('/build'), to: '/nowhere' },
          { from: normalizePath('/build/acme/svc'), to: WS },
        ],
      }),
    );
    assert.deepEqual(resolve('/build/acme/svc/main.go'), { path: `${WS}/main.go`, by: 'mapping' });
  });

  test('a mapping matches whole path segments only', () => {
    const resolve = createResolver(env({ mappings: [{ from: '/build/sv', to: WS }] }));
    assert.equal(resolve('/build/svc/internal/api/handler.go')?.by, 'suffix');
  });

  test('a Windows mapping matches whatever the slashes and the drive letter case', () => {
    const resolve = createResolver(env({ mappings: [{ from: normalizePath('c:/Users/dev/svc'), to: WS }] }));
    assert.deepEqual(resolve('C:\\Users\\dev\\svc\\main.go'), { path: `${WS}/main.go`, by: 'mapping' });
  });

  test('a Windows workspace: an exact path matches despite backslashes and the drive letter', () => {
    const index = new SuffixIndex();
    index.add('c:\\work\\svc\\main.go', 'c:\\work\\svc');
    const resolve = createResolver(env({ workspaceFiles: index, exists: (p) => index.has(p) }));
    assert.deepEqual(resolve('C:\\work\\svc\\main.go'), { path: 'c:/work/svc/main.go', by: 'exact' });
  });

  test('the exact path wins over the workspace when it exists here', () => {
    const resolve = createResolver(env({ exists: (p) => p === '/tmp/build/main.go' || workspaceFiles.includes(p) }));
    assert.equal(resolve('/tmp/build/main.go')?.path, '/tmp/build/main.go');
  });

  test('a -trimpath path whose go.mod is not in the workspace still matches by suffix', () => {
    const resolve = createResolver(env({ modules: [] }));
    assert.deepEqual(resolve('github.com/acme/svc/internal/store/store.go'), { path: `${WS}/internal/store/store.go`, by: 'suffix' });
  });

  test('without a go toolchain, GOROOT and module cache paths stay unresolved', () => {
    const resolve = createResolver(env({ goRoot: undefined, goModCache: undefined }));
    assert.equal(resolve('runtime/proc.go'), undefined);
    assert.equal(resolve('github.com/pkg/errors@v0.9.1/errors.go'), undefined);
  });
});

describe('path spelling', () => {
  const cases: [string, string][] = [
    ['C:\\Users\\dev\\x.go', 'c:/Users/dev/x.go'],
    ['/a//b/', '/a/b'],
    ['\\\\server\\share\\x.go', '//server/share/x.go'],
    ['runtime/proc.go', 'runtime/proc.go'],
  ];
  for (const [input, want] of cases) test(`normalizePath(${JSON.stringify(input)}) = ${want}`, () => assert.equal(normalizePath(input), want));

  test('escapeModulePath writes capitals as !x, as the module cache does', () => {
    assert.equal(escapeModulePath('github.com/BurntSushi/toml'), 'github.com/!burnt!sushi/toml');
  });

  const mods: [string, string | undefined][] = [
    ['module example.com/goapp\n\ngo 1.19\n', 'example.com/goapp'],
    ['// comment\nmodule "github.com/acme/svc" // quoted\n', 'github.com/acme/svc'],
    ['go 1.19\n', undefined],
  ];
  for (const [text, want] of mods) test(`modulePathOf reads ${want ?? 'nothing'}`, () => assert.equal(modulePathOf(text), want));
});

describe('the workspace file index', () => {
  test('finds the longest unique suffix, and refuses an ambiguous one', () => {
    const index = new SuffixIndex();
    index.add('/ws/a/util/x.go', '/ws');
    index.add('/ws/b/util/x.go', '/ws');
    assert.equal(index.lookup('/build/a/util/x.go'), '/ws/a/util/x.go');
    assert.equal(index.lookup('/build/c/util/x.go'), undefined);
    assert.equal(index.lookup('y.go'), undefined);
  });

  test('stays current as files come and go', () => {
    const index = new SuffixIndex();
    index.add('/ws/a/x.go', '/ws');
    index.add('/ws/b/x.go', '/ws');
    assert.equal(index.lookup('/build/x.go'), undefined);
    index.remove('/ws/b/x.go', '/ws');
    assert.equal(index.lookup('/build/x.go'), '/ws/a/x.go');
    assert.equal(index.has('/ws/b/x.go'), false);
    assert.equal(index.size, 1);
  });

  test('a deleted folder takes its files with it', () => {
    const index = new SuffixIndex();
    for (const f of ['/ws/main.go', '/ws/cmd/a/main.go', '/ws/cmd/b/main.go', '/ws/cmdline/main.go']) index.add(f, '/ws');
    assert.equal(index.removeUnder('/ws/cmd', '/ws'), 2);
    assert.equal(index.size, 2);
    assert.equal(index.lookup('/build/cmdline/main.go'), '/ws/cmdline/main.go');
  });

  test('only segments below the workspace folder are keys, so the folder name cannot match', () => {
    const index = new SuffixIndex();
    index.add('/home/dev/svc/main.go', '/home/dev/svc');
    index.add('/home/dev/svc/cmd/svc/main.go', '/home/dev/svc');
    assert.equal(index.lookup('/build/svc/main.go'), '/home/dev/svc/cmd/svc/main.go');
  });
});

describe("matching a local file to the profile's files", () => {
  test('resolves only the profile files that share its base name, each once', () => {
    const profileFiles = ['github.com/acme/svc/main.go', 'runtime/proc.go', 'github.com/acme/svc/internal/store/store.go', '/other/store.go'];
    const asked: string[] = [];
    const resolve = createResolver(env());
    const files = new ProfileFiles(profileFiles, (p) => (asked.push(p), resolve(p)));
    // '/other/store.go' is a build path whose longest suffix, store.go, is unique in the workspace.
    assert.deepEqual(files.match(`${WS}/internal/store/store.go`), [2, 3]);
    assert.deepEqual(files.match(`${WS}/internal/store/store.go`), [2, 3]);
    assert.deepEqual(asked.sort(), ['/other/store.go', 'github.com/acme/svc/internal/store/store.go']);
    assert.deepEqual(files.match(`${WS}/main.go`), [0]);
    assert.deepEqual(files.match(`${WS}/internal/api/handler.go`), []);
  });
});
