// The library popup at 1,000 and 10,000 articles: first paint, search latency per keystroke, and backup
// export and import, in real Chromium with a synthetic library (utils/synthetic-library.ts) written
// straight into the extension's IndexedDB.
import { stat } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { type ChromiumSession, launchChromium, waitFor } from '../e2e/browsers.ts';
import { countText, expectedList, type ListState } from './expected-list.ts';
import { DB_NAME, DB_VERSION, type SyntheticLibrary } from './load-utils.ts';

const POPUP_VIEWPORT = { width: 420, height: 600 };
const SEED_CHUNK = 500;

export const launchEnglish = () => launchChromium({ uiLanguage: 'en-US' });

/** Opens the popup once (so the extension creates its database), then writes `lib` in chunks. */
export async function seed(session: ChromiumSession, lib: SyntheticLibrary): Promise<number> {
  const popup = await session.context.newPage();
  await popup.goto(`${session.extensionOrigin}/popup.html`);
  // The search field shows once the library is open (and so its database created), in any language.
  await popup.locator('input[type="search"]').waitFor({ timeout: 15_000 });
  await popup.close();
  const page = await session.context.newPage();
  await page.goto(`${session.extensionOrigin}/reader.html?id=none`);
  const started = performance.now();
  for (let from = 0; from < lib.articles.length; from += SEED_CHUNK) {
    const chunk = {
      articles: lib.articles.slice(from, from + SEED_CHUNK),
      versions: lib.versions.slice(from, from + SEED_CHUNK),
      search: lib.search.slice(from, from + SEED_CHUNK),
    };
    await page.evaluate(
      async ({ chunk, name, version }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        if (db.version !== version) throw new Error(`database is at version ${db.version}, expected ${version}`);
        const tx = db.transaction(['articles', 'versions', 'search'], 'readwrite');
        for (const store of ['articles', 'versions', 'search'] as const)
          for (const record of chunk[store]) tx.objectStore(store).put(record);
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
        db.close();
      },
      { chunk, name: DB_NAME, version: DB_VERSION },
    );
  }
  const elapsed = performance.now() - started;
  await page.close();
  return elapsed;
}

interface BenchState {
  firstRow: number;
  firstRowFrame: number;
  complete: number;
  /** The list scrolls through every article: its spacer is as tall as all rows. */
  listReady: number;
  expect: { count: string; top: string[] } | null;
  t0: number;
  done: number;
}

/** In the page, before its scripts: timestamps for the first row, the full list, and each search. */
function instrument({ fullText, spacerHeight }: { fullText: string; spacerHeight: string }): void {
  const state: BenchState = {
    firstRow: -1,
    firstRowFrame: -1,
    complete: -1,
    listReady: -1,
    expect: null,
    t0: -1,
    done: -1,
  };
  (window as unknown as { __bench: BenchState }).__bench = state;
  // Everything below runs in the page, so the helpers live inside this function.
  const noteFirstRow = () => {
    if (state.firstRow >= 0 || !document.querySelector('li.row')) return;
    state.firstRow = performance.now();
    requestAnimationFrame(() => {
      state.firstRowFrame = performance.now();
    });
  };
  /** The ids of the first `n` rows on screen, by their position in the list. */
  const topIds = (n: number) => {
    const top: string[] = [];
    for (const row of document.querySelectorAll('li.row')) {
      const at = Number(row.getAttribute('aria-posinset')) - 1;
      if (at < n) top[at] = row.querySelector('a.row-main')?.id.replace(/^article-/, '') ?? '';
    }
    return top;
  };
  const check = () => {
    noteFirstRow();
    const count = document.querySelector('.count')?.textContent ?? '';
    if (state.complete < 0 && count === fullText) state.complete = performance.now();
    const spacer = document.querySelector<HTMLElement>('.list-spacer');
    if (state.listReady < 0 && spacer?.style.height === spacerHeight) state.listReady = performance.now();
    const expect = state.expect;
    if (expect === null || state.t0 < 0 || state.done >= 0 || count !== expect.count) return;
    const top = topIds(expect.top.length);
    if (expect.top.every((id, i) => top[i] === id)) state.done = performance.now();
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['style'],
  });
  document.addEventListener(
    'input',
    (event) => {
      if (event.target instanceof HTMLInputElement && event.target.type === 'search') state.t0 = performance.now();
    },
    true,
  );
}

const benchState = (page: Page) => page.evaluate(() => ({ ...(window as unknown as { __bench: BenchState }).__bench }));

export async function openInstrumentedPopup(session: ChromiumSession, total: number): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize(POPUP_VIEWPORT);
  await page.addInitScript(instrument, { fullText: countText(total, total), spacerHeight: spacerHeight(total) });
  return page;
}

export interface PaintTimes {
  firstRow: number[];
  firstRowFrame: number[];
  complete: number[];
  listReady: number[];
}

/** The popup's rows are all this tall (components/popup/LibraryList.tsx). */
const ROW_HEIGHT = 62;
const spacerHeight = (total: number) => `${total * ROW_HEIGHT}px`;

/** Waits until the list holds every article, not only its first rows. */
export async function listReady(page: Page, total: number): Promise<void> {
  await page.waitForFunction(
    (height) => document.querySelector<HTMLElement>('.list-spacer')?.style.height === height,
    spacerHeight(total),
    { timeout: 120_000 },
  );
}

/** `loads` navigations to the popup; every time is from the navigation's start (performance.now()). */
export async function popupPaint(page: Page, origin: string, loads: number): Promise<PaintTimes> {
  const times: PaintTimes = { firstRow: [], firstRowFrame: [], complete: [], listReady: [] };
  for (let i = 0; i < loads; i++) {
    await page.goto(`${origin}/popup.html`);
    const state = await waitFor(
      async () => {
        const s = await benchState(page);
        return s.firstRowFrame >= 0 && s.complete >= 0 && s.listReady >= 0 ? s : undefined;
      },
      'the popup to show its first row, the whole count and the whole list',
      { timeout: 300_000, interval: 20 },
    );
    times.firstRow.push(state.firstRow);
    times.firstRowFrame.push(state.firstRowFrame);
    times.complete.push(state.complete);
    times.listReady.push(state.listReady);
  }
  return times;
}

export interface SearchQuery {
  label: string;
  text: string;
}

/**
 * Types each query one character at a time into a cleared field. A keystroke is timed from its input
 * event to the list showing what it should: the count line and the first rows, worked out here from
 * the synthetic library. A keystroke that changes neither (a first letter, which is not searched yet)
 * cannot be seen in the page, so it is left out of the figures and given time to finish instead.
 */
export async function searchLatency(
  page: Page,
  lib: SyntheticLibrary,
  queries: SearchQuery[],
  rounds: number,
): Promise<Map<string, number[]>> {
  const total = lib.articles.length;
  const field = page.getByRole('searchbox', { name: /Search/ });
  const samples = new Map<string, number[]>(queries.map((q) => [q.label, []]));
  const key = (state: ListState) => `${state.count}|${state.top.join()}`;
  let last = 100;
  for (let round = 0; round < rounds; round++) {
    // Each round in a freshly opened popup, as a reader would: nothing cached from the round before.
    await page.reload();
    for (const query of queries) {
      await field.fill('');
      await page.locator('.count').getByText(countText(total, total), { exact: true }).waitFor({ timeout: 30_000 });
      // Matches are listed from the loaded list: typing before it is whole would time a partial answer.
      await listReady(page, total);
      await field.click();
      let shown = key(expectedList(lib, ''));
      const chars = [...query.text];
      for (let k = 1; k <= chars.length; k++) {
        const typed = chars.slice(0, k).join('');
        const expected = expectedList(lib, typed);
        await page.evaluate((expect) => {
          const s = (window as unknown as { __bench: BenchState }).__bench;
          Object.assign(s, { expect, t0: -1, done: -1 });
        }, expected);
        await page.keyboard.type(chars[k - 1] ?? '');
        if (key(expected) === shown) {
          await page.waitForTimeout(Math.min(5_000, Math.max(300, 3 * last)));
          continue;
        }
        const state = await waitFor(
          async () => {
            const s = await benchState(page);
            return s.done >= 0 && s.t0 >= 0 ? s : undefined;
          },
          `"${typed}" to show ${expected.count} starting with ${expected.top.join(', ')}`,
          { timeout: 60_000, interval: 10 },
        );
        last = state.done - state.t0;
        samples.get(query.label)?.push(last);
        shown = key(expected);
      }
    }
  }
  return samples;
}

/** Export from the popup of a seeded profile: the time from the click to the download, and the zip. */
export async function exportTime(
  session: ChromiumSession,
  total: number,
): Promise<{ ms: number; file: string; bytes: number }> {
  const page = await session.context.newPage();
  await page.goto(`${session.extensionOrigin}/popup.html`);
  await page.getByText(countText(total, total), { exact: true }).waitFor({ timeout: 120_000 });
  await listReady(page, total);
  const downloading = page.waitForEvent('download', { timeout: 1_800_000 });
  const started = performance.now();
  await page.getByRole('button', { name: /Export/ }).click();
  const download = await downloading;
  const ms = performance.now() - started;
  const file = await download.path();
  return { ms, file, bytes: (await stat(file)).size };
}

/** Imports `file` (a backup of `total` articles) into a fresh profile: the time from choosing it to the report. */
export async function importTime(file: string, total: number): Promise<number> {
  const fresh = await launchEnglish();
  try {
    const tab = await fresh.context.newPage();
    await tab.goto(`${fresh.extensionOrigin}/popup.html?tab=1#backup`);
    await tab.getByText('Nothing saved yet.').waitFor({ timeout: 15_000 });
    const choosing = tab.waitForEvent('filechooser', { timeout: 15_000 });
    await tab.getByRole('button', { name: /Import/ }).click();
    const chooser = await choosing;
    const started = performance.now();
    await chooser.setFiles(file);
    await tab.getByText(`Imported ${total.toLocaleString('en-US')} new articles`).waitFor({ timeout: 3_600_000 });
    return performance.now() - started;
  } finally {
    await fresh.close();
  }
}
