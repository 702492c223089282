// What each extension page loads before any click: the JavaScript its HTML names (entry script and
// modulepreload links) and every chunk those import statically, their total size, and whether any of
// them carries the search code (the Traditional/Simplified fold table, found by one of its groups).
// Read from the Chrome build, since Chromium's resource timing does not list extension files.
// The options page must load none of the search code.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHROME_EXT_DIR } from '../e2e/browsers.ts';
import { kb, row } from './report.ts';

/** A group of the generated fold table (utils/library/search/fold-table.ts), in any bundle that carries it. */
const SEARCH_MARKER = '么幺麼麽';
const PAGES = ['popup.html', 'options.html', 'reader.html'];

export interface PageWeight {
  page: string;
  scripts: number;
  bytes: number;
  searchCode: boolean;
}

const HTML_SCRIPTS = /(?:src|href)="(\/[^"]+\.js)"/g;
const CHUNK_IMPORTS = /(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g;

async function pageWeight(page: string): Promise<PageWeight> {
  const html = await readFile(path.join(CHROME_EXT_DIR, page), 'utf8');
  const pending = [...html.matchAll(HTML_SCRIPTS)].map((m) => m[1] as string);
  const seen = new Set<string>();
  let bytes = 0;
  let searchCode = false;
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await readFile(path.join(CHROME_EXT_DIR, file), 'utf8');
    bytes += Buffer.byteLength(text);
    searchCode ||= text.includes(SEARCH_MARKER);
    for (const m of text.matchAll(CHUNK_IMPORTS))
      pending.push(path.posix.join(path.posix.dirname(file), m[1] as string));
  }
  return { page, scripts: seen.size, bytes, searchCode };
}

export function measurePageWeights(): Promise<PageWeight[]> {
  return Promise.all(PAGES.map(pageWeight));
}

export function printPageWeights(weights: PageWeight[], widths: number[]): void {
  console.log(row(['extension page: JavaScript it loads', 'files', 'size', 'search code'], widths));
  for (const w of weights)
    console.log(row([w.page, String(w.scripts), kb(w.bytes), w.searchCode ? 'yes' : 'no'], widths));
  const options = weights.find((w) => w.page === 'options.html');
  console.log(`(target: the options page loads no search code: ${options?.searchCode ? 'MISSED' : 'met'})\n`);
}
