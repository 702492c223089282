// End-to-end in the system's Firefox ESR with the built (MV2) extension. WebDriver BiDi will not open
// moz-extension:// pages, so everything is driven through the article page and its in-page prompt.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, describe } from 'node:test';
import type { Page } from 'puppeteer-core';
import { extensionPage } from './bridge-helpers.ts';
import { type FirefoxSession, launchFirefox, SCREENSHOT_DIR, waitFor } from './browsers.ts';
import { boxText, clickControl, firefoxOnPage, saveButton, waitForControl } from './on-page.ts';
import { firefoxMissing, needs } from './prerequisites.ts';
import { type FixtureServer, PATHS, startFixtureServer } from './server.ts';

const prompt = (page: Page) => firefoxOnPage(page);
const waitForPromptText = (page: Page, wanted: string) =>
  waitFor(
    async () => (await boxText(prompt(page), 'coral-save-offer')).includes(wanted),
    `the prompt to say ${wanted}`,
  );

const { test, before } = needs(firefoxMissing);

describe('Firefox ESR with the built extension', () => {
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

  test('saves the English article from the in-page prompt and shows it as saved after a reload', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(server.url(PATHS.enArticle));
    await waitForControl(prompt(page), saveButton(/Save offline/));
    assert.doesNotMatch(await boxText(prompt(page), 'coral-save-offer'), /Saved/);
    await clickControl(prompt(page), saveButton(/Save offline/));
    await waitForPromptText(page, 'Saved');
    await waitForControl(prompt(page), saveButton(/Read offline/));
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'firefox-article-en-saved.png') });

    await page.reload();
    await waitForPromptText(page, 'Saved');
    await waitForControl(prompt(page), saveButton(/Read offline/));
    assert.doesNotMatch(await boxText(prompt(page), 'coral-save-offer'), /Save offline/);
    await page.close();
  });

  test('shows the prompt in Chinese on the Chinese article', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(server.url(PATHS.zhArticle));
    await waitForControl(prompt(page), saveButton(/离线保存/));
    await page.close();
  });

  test('reads a Uyghur article from an English page right to left, and "not found" leads back to it', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(server.url(PATHS.rtlArticle));
    await clickControl(prompt(page), saveButton(/Save offline/));
    await waitForControl(prompt(page), saveButton(/Read offline/));
    // BiDi cannot open moz-extension:// pages; the prompt's Read offline opens the reader itself.
    await clickControl(prompt(page), saveButton(/Read offline/));
    const reader = await extensionPage(firefox, 'reader.html');
    const directions = () =>
      reader.evaluate(() =>
        ['h1.coral-title', '.coral-byline', '.coral-body p'].map((selector) => {
          const el = document.querySelector(selector);
          return el ? `${getComputedStyle(el).direction} ${el.closest<HTMLElement>('[lang]')?.lang}` : 'missing';
        }),
      );
    await waitFor(async () => (await directions()).every((d) => d === 'rtl ug'), 'title, byline and body rtl');
    const readerUrl = await reader.evaluate(() => location.href);

    // A deleted article's address: the page itself goes there, as a stale bookmark would.
    await reader.evaluate(() => location.assign('?id=deleted-article'));
    await waitFor(
      () => reader.evaluate(() => document.querySelector('h1')?.textContent === 'Article not found').catch(() => false),
      '"Article not found"',
    );
    await reader.evaluate(() => document.querySelector<HTMLAnchorElement>('.coral-recent a')?.click());
    await waitFor(
      async () => (await reader.evaluate(() => location.href).catch(() => '')) === readerUrl,
      'the reader back at the saved article',
    );
    await waitFor(async () => (await directions()).every((d) => d === 'rtl ug'), 'the article shown again');
    await reader.close();
    await page.close();
  });
});
