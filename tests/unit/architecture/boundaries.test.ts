// @vitest-environment node
// The architecture, checked: who may import what, and who may touch the browser's proxy, webRequest and
// privacy APIs. The lint rules in biome.json say the same per import; this test follows whole import
// chains (a content script that reaches IndexedDB through two harmless-looking modules fails here).
import { describe, expect, it } from 'vitest';
import { closure, cycles, type Graph, type ModuleInfo, readModule, sourceFiles } from '../../support/import-graph';

const ROOT = process.cwd();
const modules: ModuleInfo[] = sourceFiles(ROOT, ['utils', 'components', 'hooks', 'entrypoints']).map((file) =>
  readModule(ROOT, file),
);
const graph: Graph = new Map(modules.map((m) => [m.file, m.imports]));

/** What runs beside CDT pages: the loader on every page, the page's UI where it has something to show. */
const LOADER = 'entrypoints/cdt-loader.ts';
const PAGE_UI = 'entrypoints/page-ui/page-ui.tsx';
const CONTENT_SCRIPT = PAGE_UI;
const OPTIONS_PAGE = 'entrypoints/options/main.tsx';
/** Packages the content script must not carry: it runs on every CDT page (extraction is injected on Save). */
const NOT_ON_PAGES = ['idb', 'fflate', 'opencc-js', 'opencc-js/t2cn', '@mozilla/readability', 'dompurify'];
const FEATURE_FOLDERS = ['utils/library/', 'utils/bridge/', 'utils/reader/', 'utils/popup/', 'hooks/'];
/** The only folder that may touch the browser's proxy, webRequest and privacy APIs. */
const PROXY_FOLDER = 'utils/bridge/browser/';
const PROXY_API = /\b(?:browser|chrome)\s*(?:\.\s*|\[\s*['"])(?:proxy|webRequest|privacy)\b/;

/** What the given entry reaches that it must not: files under `folders`, or `packages`. */
function forbiddenIn(g: Graph, entry: string, folders: string[], packages: string[]): string[] {
  return [...closure(g, entry)].filter((f) => folders.some((d) => f.startsWith(d)) || packages.includes(f));
}

describe('the checks themselves', () => {
  // A boundary test that cannot fail proves nothing: each check is run on a graph that breaks it.
  const bad: Graph = new Map([
    ['entrypoints/page-ui/page-ui.tsx', ['utils/capture/detect.ts']],
    ['utils/capture/detect.ts', ['utils/shared/helper.ts']],
    ['utils/shared/helper.ts', ['utils/library/db/open.ts']],
    ['utils/library/db/open.ts', ['idb', 'utils/library/db/schema.ts']],
    ['utils/library/db/schema.ts', ['utils/library/db/open.ts']],
  ]);

  it('finds a library module reached through a chain of imports', () => {
    expect(forbiddenIn(bad, CONTENT_SCRIPT, FEATURE_FOLDERS, NOT_ON_PAGES).sort()).toEqual([
      'idb',
      'utils/library/db/open.ts',
      'utils/library/db/schema.ts',
    ]);
  });

  it('finds a cycle', () => {
    expect(cycles(bad)).toEqual([['utils/library/db/open.ts', 'utils/library/db/schema.ts']]);
  });

  it('sees proxy API use but not a comment about it', () => {
    expect(PROXY_API.test('await browser.proxy.settings.set(x)')).toBe(true);
    expect(PROXY_API.test("browser['webRequest'].onAuthRequired")).toBe(true);
    expect(PROXY_API.test('chrome.privacy.network')).toBe(true);
    expect(PROXY_API.test('const proxy = config.proxy;')).toBe(false);
  });
});

describe('the project', () => {
  it('reads the source tree', () => {
    expect(modules.length).toBeGreaterThan(100);
    expect(graph.get(PAGE_UI)?.length).toBeGreaterThan(0);
    expect(graph.get(LOADER)?.length).toBeGreaterThan(0);
  });

  it('the loader and the page UI reach no library, bridge, reader or popup code and no heavy package', () => {
    expect(forbiddenIn(graph, LOADER, FEATURE_FOLDERS, NOT_ON_PAGES)).toEqual([]);
    expect(forbiddenIn(graph, PAGE_UI, FEATURE_FOLDERS, NOT_ON_PAGES)).toEqual([]);
  });

  it('the loader, which runs on every CDT page, carries no UI library', () => {
    expect([...closure(graph, LOADER)].filter((f) => /^preact|^wxt\/utils\/content-script/.test(f))).toEqual([]);
  });

  it('the options page reaches no search or backup code', () => {
    const reached = forbiddenIn(graph, OPTIONS_PAGE, ['utils/library/search/', 'utils/library/backup/'], ['opencc-js']);
    expect(reached.filter((f) => !f.startsWith('opencc-js/'))).toEqual([]);
    expect([...closure(graph, OPTIONS_PAGE)].filter((f) => f.startsWith('opencc-js'))).toEqual([]);
  });

  it('utils/shared and utils/sites import nothing outside themselves but packages', () => {
    const outside = modules
      .filter((m) => m.file.startsWith('utils/shared/') || m.file.startsWith('utils/sites/'))
      .flatMap((m) =>
        m.imports
          .filter((i) => i.includes('/') && /^(utils|components|hooks|entrypoints|public)\//.test(i))
          .map((i) => `${m.file} → ${i}`),
      )
      .filter((edge) => !/→ utils\/(shared|sites)\/|→ public\/_locales\//.test(edge));
    expect(outside).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it(`only ${PROXY_FOLDER} touches browser.proxy, webRequest and privacy`, () => {
    const touching = modules.filter((m) => !m.file.startsWith(PROXY_FOLDER) && PROXY_API.test(m.source));
    expect(touching.map((m) => m.file)).toEqual([]);
  });

  it('no shipped database migration imports live library code', () => {
    const migrations = modules.find((m) => m.file === 'utils/library/db/migrations.ts');
    expect(migrations?.imports.filter((i) => i !== 'idb' && i !== 'utils/library/db/schema.ts')).toEqual([]);
  });
});
