// Bundled by tests/e2e/hostile-dom.e2e.ts into a blank page in real Chromium: the real sanitiser, extraction
// and backup import run on the shared hostile vectors, and each output is put into the live page, where
// anything left that can run or load would do so for the test to see.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { extractArticle } from '../../utils/capture/extract';
import { getArticle, saveToLibrary } from '../../utils/library/articles';
import { exportLibrary } from '../../utils/library/backup/export';
import { importLibrary } from '../../utils/library/backup/import';
import { openLibrary } from '../../utils/library/db/open';
import type { ArticleMeta } from '../../utils/shared/article';
import { sanitizeArticleHtml } from '../../utils/shared/sanitize';
import { ARTICLE_URL, HOSTILE_ARTICLE, inertProblems, SANITIZER_VECTORS, squash } from './hostile-vectors';

export interface Inspected {
  html: string;
  /** What inertProblems finds once the HTML is parsed again, as the reader re-reads it. */
  problems: string[];
  text: string;
}

export interface Extracted extends Inspected {
  title: string;
  plainText: string;
  images: string[];
}

export interface HostilePage {
  sanitizeAll(): Inspected[];
  extract(pageHtml: string): Extracted;
  importBackupWith(html: string): Promise<Inspected>;
}

function inspect(html: string): Inspected {
  const doc = document.implementation.createHTMLDocument('');
  doc.body.innerHTML = html;
  return { html, problems: inertProblems(doc.body), text: squash(doc.body.textContent) };
}

function show(html: string): void {
  const stage = document.createElement('section');
  stage.innerHTML = html;
  document.body.append(stage);
}

function sanitizeAll(): Inspected[] {
  return SANITIZER_VECTORS.map(({ html }) => {
    const out = sanitizeArticleHtml(html, ARTICLE_URL);
    show(out);
    return inspect(out);
  });
}

function extract(pageHtml: string): Extracted {
  const doc = new DOMParser().parseFromString(pageHtml, 'text/html');
  const result = extractArticle(doc, HOSTILE_ARTICLE.url);
  show(result.html);
  return {
    ...inspect(result.html),
    title: result.meta.title,
    plainText: result.text,
    images: result.images.map((image) => image.url),
  };
}

/** Saves a plain article, exports it, puts `html` into the backup's version, and imports it elsewhere. */
async function importBackupWith(html: string): Promise<Inspected> {
  const url = 'https://chinadigitaltimes.net/2024/05/backup-article/';
  const meta: ArticleMeta = { title: 'Backup', dir: 'ltr', categories: [], tags: [], canonicalUrl: url, url };
  const source = await openLibrary(`hostile-source-${crypto.randomUUID()}`);
  const saved = await saveToLibrary(source, {
    article: { meta, html: '<p>plain</p>', text: 'plain', images: [] },
    images: [],
  });
  if (!saved.ok) throw new Error(saved.error);
  const zip = unzipSync(new Uint8Array(await (await exportLibrary(source)).arrayBuffer()));
  const name = `articles/${saved.id}.json`;
  const file = JSON.parse(strFromU8(zip[name] ?? new Uint8Array())) as { versions: Array<{ html: string }> };
  for (const version of file.versions) version.html = html;
  zip[name] = strToU8(JSON.stringify(file));
  const target = await openLibrary(`hostile-target-${crypto.randomUUID()}`);
  await importLibrary(target, new Blob([zipSync(zip)]));
  const stored = (await getArticle(target, saved.id))?.versions[0]?.html ?? '';
  show(stored);
  return inspect(stored);
}

const api: HostilePage = { sanitizeAll, extract, importBackupWith };
(window as unknown as { coralHostile: HostilePage }).coralHostile = api;
