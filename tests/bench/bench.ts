// `npm run bench`: how much the extension costs a page, how long a first save takes, how much a saved
// article weighs, and how the library popup copes with 1,000 and 10,000 articles (first paint, search
// per keystroke, backup export and import), measured in the system's Chromium. Not part of the tests.
// BENCH_PARTS=page,library picks the parts; BENCH_SIZES=1000,10000 the library sizes.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  type ChromiumSession,
  contentScriptMs,
  type LibraryStats,
  launchChromium,
  readLibrary,
} from '../e2e/browsers.ts';
import { FIXTURE_DIR, type FixtureServer, PATHS, startFixtureServer } from '../e2e/server.ts';
import { runLibraryBench } from './library-table.ts';
import { kb, median, ms, row } from './report.ts';

const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const SAVES = Number(process.env.BENCH_SAVES ?? 5);
const EN_IMAGES = ['xinjiang-statement.png', 'geneva-council.png', 'urumqi-checkpoint.png'];

async function contentScriptTimes(session: ChromiumSession, server: FixtureServer, pathname: string) {
  const page = await session.context.newPage();
  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    await page.goto(server.url(pathname));
    times.push(await contentScriptMs(page));
  }
  await page.close();
  return times;
}

async function storageUsage(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

interface SaveRun {
  elapsed: number;
  library?: LibraryStats;
  usage?: number;
}

/** One first save in a fresh profile: ms from the click to the "Saved" state, and what got stored. */
async function firstSave(server: FixtureServer, inspect: boolean): Promise<SaveRun> {
  const session = await launchChromium();
  try {
    const page = await session.context.newPage();
    await page.goto(server.url(PATHS.enArticle));
    const save = page.getByRole('button', { name: /Save offline/ });
    await save.waitFor({ timeout: 15_000 });
    const started = performance.now();
    await save.click();
    await page.getByText(/Saved/).first().waitFor({ timeout: 30_000 });
    const elapsed = performance.now() - started;
    if (!inspect) return { elapsed };
    const extensionPage = await openExtensionPage(session);
    return { elapsed, library: await readLibrary(extensionPage), usage: await storageUsage(extensionPage) };
  } finally {
    await session.close();
  }
}

async function openExtensionPage(session: ChromiumSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`${session.extensionOrigin}/reader.html?id=none`);
  return page;
}

const PARTS = (process.env.BENCH_PARTS ?? 'page,library').split(',');

async function pageBench(): Promise<void> {
  const server = await startFixtureServer();
  try {
    const session = await launchChromium();
    let article: number[];
    let home: number[];
    try {
      article = await contentScriptTimes(session, server, PATHS.enArticle);
      home = await contentScriptTimes(session, server, PATHS.home);
    } finally {
      await session.close();
    }

    const runs: SaveRun[] = [];
    for (let i = 0; i < SAVES; i++) runs.push(await firstSave(server, i === SAVES - 1));
    const saves = runs.map((run) => run.elapsed);
    const last = runs.at(-1);
    // The usage of a fresh profile, as the baseline for the estimate.
    const empty = await launchChromium();
    const usageBefore = await storageUsage(await openExtensionPage(empty)).finally(() => empty.close());

    const imageFiles = await Promise.all(EN_IMAGES.map((file) => stat(path.join(FIXTURE_DIR, 'files', file))));
    const sourceImageBytes = imageFiles.reduce((sum, file) => sum + file.size, 0);
    const stored = last?.library;
    if (!stored) throw new Error('No save was measured: set BENCH_SAVES to 1 or more.');

    const widths = [46, 12, 12, 12];
    console.log(`\nCoral benchmark (Chromium, fixtures; ${LOADS} loads, ${SAVES} first saves in fresh profiles)\n`);
    console.log(row(['content script', 'median', 'min', 'max'], widths));
    for (const [name, times] of [
      ['English article (not saved)', article],
      ['home page (not an article)', home],
    ] as const)
      console.log(row([name, ms(median(times)), ms(Math.min(...times)), ms(Math.max(...times))], widths));
    console.log();
    console.log(row(['first save, click to "Saved"', 'median', 'min', 'max'], widths));
    console.log(
      row(['English article, 3 images', ms(median(saves)), ms(Math.min(...saves)), ms(Math.max(...saves))], widths),
    );
    console.log();
    console.log(row(['bytes (English article)', 'size'], widths));
    const lines: Array<[string, number]> = [
      ['source: text (UTF-8)', stored.textBytes],
      [`source: images (${EN_IMAGES.length} PNG files)`, sourceImageBytes],
      ['source: text + images', stored.textBytes + sourceImageBytes],
      [`stored: image blobs (${stored.images})`, stored.imageBytes],
      ['stored: HTML of the version', stored.htmlBytes],
      ['stored: article + version records as JSON', stored.recordBytes],
      ['stored: records + blobs', stored.recordBytes + stored.imageBytes],
      ['storage.estimate() usage growth', (last?.usage ?? 0) - usageBefore],
    ];
    for (const [name, bytes] of lines) console.log(row([name, kb(bytes)], widths));
    const ratio = (stored.recordBytes + stored.imageBytes) / (stored.textBytes + sourceImageBytes || 1);
    console.log(`\nstored / (text + images) = ${ratio.toFixed(2)}; articles in library: ${stored.articles}`);
  } finally {
    await server.stop();
  }
}

if (PARTS.includes('page')) await pageBench();
if (PARTS.includes('library')) await runLibraryBench();
