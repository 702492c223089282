// `npm run bench`: how much the extension costs a page, how long a first save takes, how much a saved
// article weighs, and how the library popup copes with 1,000 and 10,000 articles (first paint, search
// per keystroke, backup export and import), measured in the system's Chromium. Not part of the tests.
// BENCH_PARTS=page,library,hostile picks the parts (hostile: the worst popup stall while a zip bomb is
// refused); BENCH_SIZES=1000,10000 the library sizes.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CDT_MATCHES } from '../../utils/sites/cdt.ts';
import {
  CHROME_EXT_DIR,
  type ChromiumSession,
  type LibraryStats,
  launchChromium,
  readLibrary,
  waitFor,
} from '../e2e/browsers.ts';
import { BRIDGE_SWITCH, boxText, chromiumOnPage, saveButton, waitForControl, waitUntilStill } from '../e2e/on-page.ts';
import { FIXTURE_DIR, type FixtureServer, PATHS, startFixtureServer } from '../e2e/server.ts';
import { runHostileImportBench } from './hostile-import-bench.ts';
import { runLibraryBench } from './library-table.ts';
import { measurePageWeights, printPageWeights } from './page-weight.ts';
import { kb, median, ms, row } from './report.ts';
import {
  CAPTURE_SCRIPT,
  CONTENT_SCRIPT,
  fileSizes,
  PAGE_UI_SCRIPT,
  referenceReady,
  traceLoads,
  writeReferenceExtension,
} from './script-cost.ts';

const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const SAVES = Number(process.env.BENCH_SAVES ?? 5);
const EN_IMAGES = ['xinjiang-statement.png', 'geneva-council.png', 'urumqi-checkpoint.png'];

/** Coral's content script has finished once the on-page bridge switch (on both pages) has its state. */
async function coralReady(page: Page): Promise<void> {
  await waitForControl(chromiumOnPage(page), BRIDGE_SWITCH, (state) => !state.busy);
}

interface ScriptCosts {
  article: number[];
  home: number[];
  listing: number[];
  referenceHome: number[];
}

/** A page with nothing for Coral to show: done once the page is loaded and idle (content scripts run by then). */
async function pageIdle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(() => resolve(null))));
}

async function contentScriptCosts(server: FixtureServer): Promise<ScriptCosts> {
  const session = await launchChromium();
  let article: number[];
  let home: number[];
  let listing: number[];
  try {
    article = await traceLoads(session.context, server.url(PATHS.enArticle), LOADS, async (page) => {
      await waitForControl(chromiumOnPage(page), saveButton(/Save offline/));
      await coralReady(page);
    });
    home = await traceLoads(session.context, server.url(PATHS.home), LOADS, coralReady);
    listing = await traceLoads(session.context, server.url(PATHS.tagListing), LOADS, pageIdle);
  } finally {
    await session.close();
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'coral-bench-reference-'));
  try {
    const reference = await launchChromium({ extensionDir: await writeReferenceExtension(dir, CDT_MATCHES) });
    try {
      return {
        article,
        home,
        listing,
        referenceHome: await traceLoads(reference.context, server.url(PATHS.home), LOADS, referenceReady),
      };
    } finally {
      await reference.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function printScriptCosts(costs: ScriptCosts, widths: number[]): Promise<void> {
  const script = await fileSizes(path.join(CHROME_EXT_DIR, CONTENT_SCRIPT));
  const pageUi = await fileSizes(path.join(CHROME_EXT_DIR, PAGE_UI_SCRIPT));
  const capture = await fileSizes(path.join(CHROME_EXT_DIR, CAPTURE_SCRIPT));
  console.log(row(['script size (Chrome build)', 'raw', 'gzip'], widths));
  console.log(row([`${CONTENT_SCRIPT} (every CDT page)`, kb(script.raw), kb(script.gzip)], widths));
  console.log(row([`${PAGE_UI_SCRIPT} (prompt, switch: where shown)`, kb(pageUi.raw), kb(pageUi.gzip)], widths));
  console.log(row([`${CAPTURE_SCRIPT} (injected on Save)`, kb(capture.raw), kb(capture.gzip)], widths));
  console.log(
    `(loader ${script.gzip} bytes gzipped, with the page UI ${script.gzip + pageUi.gzip}; target under 20 kB)\n`,
  );

  console.log(row(['loader + page UI, main-thread CPU per load', 'median', 'min', 'max'], widths));
  for (const [name, times] of [
    ['English article (not saved)', costs.article],
    ['home page (Lantern widget: the switch)', costs.home],
    ['tag listing (nothing to show)', costs.listing],
    ['reference: empty script, home page', costs.referenceHome],
  ] as const)
    console.log(row([name, ms(median(times)), ms(Math.min(...times)), ms(Math.max(...times))], widths));
  const reference = median(costs.referenceHome) || Number.NaN;
  for (const [name, times] of [
    ['tag listing', costs.listing],
    ['home page', costs.home],
  ] as const) {
    const share = ms(median(times) - reference);
    console.log(`${name}: ${(median(times) / reference).toFixed(1)}× the empty script; Coral's own share ${share}`);
  }
  console.log('(target: under 1 ms on a page that is not an article)\n');
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
    const prompt = chromiumOnPage(page);
    // Coral takes a click only on a box that stood still for half a second: wait for that, then time.
    const { x, y } = await waitUntilStill(prompt, saveButton(/Save offline/), 700);
    const started = performance.now();
    await prompt.mouseClick(x, y);
    await waitFor(async () => /Saved/.test(await boxText(prompt, 'coral-save-offer')), 'Saved', {
      timeout: 30_000,
      interval: 10,
    });
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

const PARTS = (process.env.BENCH_PARTS ?? 'page,library,hostile').split(',');

async function pageBench(): Promise<void> {
  const server = await startFixtureServer();
  try {
    const costs = await contentScriptCosts(server);
    const pageWeights = await measurePageWeights();

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
    await printScriptCosts(costs, widths);
    printPageWeights(pageWeights, widths);
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
if (PARTS.includes('hostile')) await runHostileImportBench();
