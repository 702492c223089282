// What the search index costs on disk, in real Chromium: the same synthetic library written three
// times, each in a fresh profile, with no index, with the index keyed by the article's UUID (as schema
// v3 to v5 stored it), and keyed by the short key of utils/library/search/keys.ts (v6). Run on its own
// after a build: node tests/bench/search-index.ts [articles]
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from '../e2e/browsers.ts';
import { type SyntheticLibrary, syntheticLibrary } from './load-utils.ts';

type Shape = 'data' | 'uuid-keyed' | 'short-keyed';
const CHUNK = 500;

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

function chunkOf(lib: SyntheticLibrary, from: number, shape: Shape) {
  const search = lib.search.slice(from, from + CHUNK);
  return {
    articles: lib.articles.slice(from, from + CHUNK),
    versions: lib.versions.slice(from, from + CHUNK),
    search: shape === 'data' ? [] : shape === 'uuid-keyed' ? search.map(({ key: _, ...old }) => old) : search,
  };
}

export interface DiskUse {
  shape: Shape;
  usage: number;
  indexedDbDir: number;
}

/** Writes `lib` in the given shape into a fresh profile's extension origin; what the origin then uses. */
export async function diskUse(lib: SyntheticLibrary, shape: Shape): Promise<DiskUse> {
  const session = await launchChromium({ uiLanguage: 'en-US' });
  try {
    const page = await session.context.newPage();
    await page.goto(`${session.extensionOrigin}/reader.html?id=none`);
    for (let from = 0; from < lib.articles.length; from += CHUNK) {
      await page.evaluate(
        async ({ chunk, shape }) => {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const request = indexedDB.open(`measure-${shape}`, 1);
            request.onupgradeneeded = () => {
              const d = request.result;
              const articles = d.createObjectStore('articles', { keyPath: 'id' });
              articles.createIndex('by-canonical', 'canonicalUrl', { unique: true });
              articles.createIndex('by-saved', 'savedAt');
              articles.createIndex('by-trashed', 'trashedAt');
              const versions = d.createObjectStore('versions', { keyPath: ['articleId', 'version'] });
              versions.createIndex('by-article', 'articleId');
              versions.createIndex('by-image', 'imageHashes', { multiEntry: true });
              const keyPath = shape === 'uuid-keyed' ? 'articleId' : 'key';
              d.createObjectStore('search', { keyPath }).createIndex('by-token', 'tokens', { multiEntry: true });
            };
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          const tx = db.transaction(['articles', 'versions', 'search'], 'readwrite');
          for (const store of ['articles', 'versions', 'search'] as const)
            for (const record of chunk[store]) tx.objectStore(store).put(record);
          await new Promise((resolve, reject) => {
            tx.oncomplete = resolve;
            tx.onerror = () => reject(tx.error);
          });
          db.close();
        },
        { chunk: chunkOf(lib, from, shape), shape },
      );
    }
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    await page.close();
    await session.context.close();
    const indexedDbDir = await dirBytes(path.join(session.userDataDir, 'Default', 'IndexedDB'));
    return { shape, usage, indexedDbDir };
  } finally {
    await session.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 10_000);
  const lib = syntheticLibrary(n);
  const data = lib.articles.reduce((sum, a) => sum + a.bytes, 0);
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
  console.log(`${n} synthetic articles, ${mib(data)} of text and html (the records' own byte counts)`);
  for (const shape of ['data', 'uuid-keyed', 'short-keyed'] as const) {
    const use = await diskUse(lib, shape);
    console.log(`${shape.padEnd(12)} storage.estimate ${mib(use.usage)}, IndexedDB directory ${mib(use.indexedDbDir)}`);
  }
}
