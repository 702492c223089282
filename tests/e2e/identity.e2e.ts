// A page can neither rewrite another saved article nor probe the archive (issue 9, items 1 and 2), in
// real Chromium and Firefox ESR with the built extension. The forging page (PATHS.forgingArticle, script
// tests/fixtures/variants/forge-canonical.js) names the saved English article as its canonical address,
// at load and again as the pointer goes down on Save.
import assert from 'node:assert/strict';
import { after, afterEach, describe } from 'node:test';
import type { Page as ChromiumPage } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import {
  type ChromiumSession,
  type FirefoxSession,
  launchChromium,
  launchFirefox,
  readLibrary,
  waitFor,
} from './browsers.ts';
import {
  boxText,
  chromiumOnPage,
  clickControl,
  firefoxOnPage,
  type OnPage,
  saveButton,
  waitForControl,
} from './on-page.ts';
import { chromiumMissing, firefoxMissing, needs } from './prerequisites.ts';
import { type FixtureServer, PATHS, startFixtureServer } from './server.ts';

const B_SENTENCE = 'More than 20 countries have issued a joint statement this week';
const A_SENTENCE = 'Do not hype the death toll in Zhengzhou';
const SAVE = saveButton(/Save offline/);
const READ = saveButton(/Read offline/);

interface Traces {
  heard: string[];
  globals: string[];
  attributes: string[];
  marks: string[];
  canonical: string;
}

const says = (on: OnPage, wanted: RegExp) =>
  waitFor(async () => wanted.test(await boxText(on, 'coral-save-offer')), `the prompt to say ${wanted}`);

/** Saves the page the prompt is on, as a user would, and waits for "Saved". */
async function save(on: OnPage): Promise<void> {
  await waitForControl(on, SAVE);
  await clickControl(on, SAVE);
  await says(on, /Saved/);
  await waitForControl(on, READ);
}

/** The prompt's text once it has settled on the page's state: offering to save, or saying it is saved. */
async function settledPrompt(on: OnPage): Promise<string> {
  await waitFor(async () => /Save offline|Read offline/.test(await boxText(on, 'coral-save-offer')), 'the prompt');
  return boxText(on, 'coral-save-offer');
}

/** Clicks Save on a page Coral must refuse, and waits for the refusal. */
async function refusedSave(on: OnPage): Promise<void> {
  await waitForControl(on, SAVE);
  await clickControl(on, SAVE);
  await says(on, /This page cannot be saved/);
}

function assertNoTraces(traces: Traces): void {
  assert.deepEqual(traces.heard, [], 'the page heard nothing from Coral');
  assert.deepEqual(traces.globals, [], 'no Coral or WXT global on the page’s window');
  assert.deepEqual(traces.attributes, [], 'no data-coral or coral attribute in the page’s document');
  assert.deepEqual(traces.marks, [], 'no performance mark or measure');
}

describe('a forging page in Chromium', () => {
  const { test } = needs(chromiumMissing);
  let session: ChromiumSession | undefined;
  let server: FixtureServer | undefined;

  afterEach(async () => {
    await session?.close();
    await server?.stop();
    session = undefined;
    server = undefined;
  });

  async function open(path: string, hash = ''): Promise<{ page: ChromiumPage; on: OnPage }> {
    const page = await (session as ChromiumSession).context.newPage();
    await page.goto((server as FixtureServer).url(path) + hash);
    return { page, on: chromiumOnPage(page) };
  }

  test('saving page A that names saved article B as canonical keeps B as it was and adds A apart', async () => {
    server = await startFixtureServer();
    session = await launchChromium();
    const b = await open(PATHS.enArticle);
    await save(b.on);
    await b.page.close();

    const a = await open(PATHS.forgingArticle);
    // The probe: A claims to be B, which is saved, and still the prompt knows only A, not saved.
    assert.match(await settledPrompt(a.on), /Save offline/);
    await save(a.on);
    const traces = (await a.page.evaluate('window.__coralTraces()')) as Traces;
    assert.match(traces.canonical, /china-rebuked-by-22-nations-over-xinjiang/, 'A did claim to be B');

    const library = await (session as ChromiumSession).context.newPage();
    await library.goto(`${(session as ChromiumSession).extensionOrigin}/popup.html`);
    const stats = await readLibrary(library);
    assert.equal(stats.articles, 2, 'A is an article of its own');
    assert.equal(stats.versions, 2, 'B gained no version');

    // B's reader shows B's text, not A's.
    const again = await open(PATHS.enArticle);
    await says(again.on, /Saved/);
    const opened = (session as ChromiumSession).context.waitForEvent('page', { timeout: 15_000 });
    await clickControl(again.on, READ);
    const reader = await opened;
    await reader.waitForURL(/\/reader\.html\?id=/, { timeout: 15_000 });
    await waitFor(
      async () => ((await reader.locator('body').textContent()) ?? '').includes(B_SENTENCE),
      'B’s text in its reader',
    );
    assert.ok(
      !((await reader.locator('body').textContent()) ?? '').includes(A_SENTENCE),
      'A’s text is not in B’s reader',
    );
  });

  test('a page that moves its address to saved article B (history.replaceState) learns nothing, saves nothing', async () => {
    server = await startFixtureServer();
    session = await launchChromium();
    const b = await open(PATHS.enArticle);
    await save(b.on);
    await b.page.close();

    const a = await open(PATHS.forgingArticle, '?via=history');
    assert.match(a.page.url(), /china-rebuked-by-22-nations-over-xinjiang/, 'the browser reports B’s address for A');
    assert.match(await settledPrompt(a.on), /Save offline/);
    await refusedSave(a.on);

    const library = await (session as ChromiumSession).context.newPage();
    await library.goto(`${(session as ChromiumSession).extensionOrigin}/popup.html`);
    const stats = await readLibrary(library);
    assert.deepEqual([stats.articles, stats.versions], [1, 1], 'B is as it was, and nothing else was saved');
  });

  test('the page’s own script sees no trace of Coral once the prompt is shown', async () => {
    server = await startFixtureServer();
    session = await launchChromium();
    const a = await open(PATHS.forgingArticle, `#coral=${(session as ChromiumSession).extensionId}`);
    await settledPrompt(a.on);
    assertNoTraces((await a.page.evaluate('window.__coralTraces()')) as Traces);
  });
});

describe('a forging page in Firefox ESR', () => {
  const { test, before } = needs(firefoxMissing);
  let firefox: FirefoxSession;
  let server: FixtureServer;

  before(async () => {
    server = await startFixtureServer();
    firefox = await launchFirefox();
  });

  after(async () => {
    await firefox?.close();
    await server?.stop();
  });

  async function open(path: string, hash = ''): Promise<{ page: FirefoxPage; on: OnPage }> {
    const page = await firefox.browser.newPage();
    await page.goto(server.url(path) + hash);
    return { page, on: firefoxOnPage(page) };
  }

  // WebDriver BiDi will not open moz-extension:// pages: the prompts on A and B say what the library holds.
  test('saving page A that names article B as canonical saves A, and B stays unsaved', async () => {
    const a = await open(PATHS.forgingArticle, `?forge=${encodeURIComponent(PATHS.zhArticle)}`);
    await save(a.on);
    const traces = (await a.page.evaluate('window.__coralTraces()')) as Traces;
    assert.match(traces.canonical, /702345/, 'A did claim to be B');
    await a.page.close();

    const b = await open(PATHS.zhArticle);
    await waitForControl(b.on, saveButton(/离线保存/));
    assert.doesNotMatch(await boxText(b.on, 'coral-save-offer'), /已保存/, 'B was not saved by A');
    await b.page.close();

    const again = await open(PATHS.forgingArticle, `?forge=${encodeURIComponent(PATHS.zhArticle)}`);
    await says(again.on, /Saved/);
    await again.page.close();
  });

  test('page A that names saved article B as canonical is shown as not saved', async () => {
    const b = await open(PATHS.enArticle);
    await save(b.on);
    await b.page.close();
    const a = await open(PATHS.forgingArticle, `#coral=${firefox.extensionId}`);
    assert.match(await settledPrompt(a.on), /Save offline/);
    assertNoTraces((await a.page.evaluate('window.__coralTraces()')) as Traces);
    await a.page.close();
  });

  test('a page that moves its address to saved article B (history.replaceState) learns nothing, saves nothing', async () => {
    // B (the English article) was saved by the test before.
    const a = await open(PATHS.forgingArticle, '?via=history');
    assert.match(a.page.url(), /china-rebuked-by-22-nations-over-xinjiang/, 'the browser reports B’s address for A');
    assert.match(await settledPrompt(a.on), /Save offline/);
    await refusedSave(a.on);
    await a.page.close();
  });
});
