// The reader page in Chromium with the built extension: a right-to-left article in an English page read
// right to left from the page to the reader, the way back from "Article not found", and a toolbar that
// keeps to one row at every width, its actions in a menu on a phone.
import assert from 'node:assert/strict';
import { after, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { type ChromiumSession, launchChromium, waitFor } from './browsers.ts';
import { chromiumMissing, needs } from './prerequisites.ts';
import { openReader, readerUrlOf, saveThroughPrompt, UG_TITLE, ZH_TITLE } from './reader-pages.ts';
import { type FixtureServer, PATHS, startFixtureServer } from './server.ts';

const { test, before } = needs(chromiumMissing);

/** The toolbar row's visible parts and the page's width, as the browser laid them out. */
function toolbarLayout(page: Page) {
  return page.evaluate(() => {
    const parts = [...document.querySelectorAll('.coral-toolbar-row > *, .coral-actions > *')]
      .filter((el) => el.getClientRects().length > 0 && !el.classList.contains('coral-actions'))
      .filter((el) => !el.classList.contains('coral-toolbar-spacer'))
      .map((el) => {
        const box = el.getBoundingClientRect();
        return {
          name: el.textContent?.trim() ?? '',
          top: box.top,
          bottom: box.bottom,
          left: box.left,
          right: box.right,
        };
      });
    const root = document.documentElement;
    return { parts, overflow: root.scrollWidth - root.clientWidth, width: window.innerWidth };
  });
}

describe('the reader in Chromium', () => {
  let session: ChromiumSession;
  let server: FixtureServer;
  let zhUrl = '';
  let ugUrl = '';

  before(async () => {
    server = await startFixtureServer();
    session = await launchChromium({ uiLanguage: 'en-US' });
    const page = await session.context.newPage();
    await saveThroughPrompt(page, server, PATHS.zhArticle);
    await saveThroughPrompt(page, server, PATHS.rtlArticle);
    await page.close();
    zhUrl = await readerUrlOf(session, ZH_TITLE);
    ugUrl = await readerUrlOf(session, UG_TITLE);
  });

  after(async () => {
    await session?.close();
    await server?.stop();
  });

  test('reads a Uyghur article saved from an English page right to left: title, byline and body', async () => {
    const page = await session.context.newPage();
    await openReader(page, ugUrl, UG_TITLE);
    const seen = await page.evaluate(() => {
      const style = (selector: string) => {
        const el = document.querySelector(selector);
        return el && { dir: getComputedStyle(el).direction, lang: el.closest<HTMLElement>('[lang]')?.lang };
      };
      return {
        title: style('h1.coral-title'),
        byline: style('.coral-byline'),
        body: style('.coral-body p'),
        toolbar: style('.coral-toolbar-row'),
      };
    });
    assert.deepEqual(seen.title, { dir: 'rtl', lang: 'ug' });
    assert.deepEqual(seen.byline, { dir: 'rtl', lang: 'ug' });
    assert.deepEqual(seen.body, { dir: 'rtl', lang: 'ug' });
    assert.deepEqual(seen.toolbar, { dir: 'ltr', lang: 'en' }, 'the reader chrome stays in the UI language');
    await page.close();
  });

  test('"Article not found" leads back to the saved articles', async () => {
    const page = await session.context.newPage();
    await page.goto(`${session.extensionOrigin}/reader.html?id=deleted-article`);
    await page.getByRole('heading', { level: 1, name: 'Article not found' }).waitFor({ timeout: 15_000 });
    await page.locator('.coral-recent a').filter({ hasText: UG_TITLE }).click();
    await page.getByRole('heading', { level: 1, name: UG_TITLE }).waitFor({ timeout: 15_000 });
    assert.equal(page.url(), ugUrl);
    await page.close();
  });

  for (const width of [390, 600, 720, 1280]) {
    test(`keeps the toolbar to one row with nothing cut off at ${width} px`, async () => {
      const page = await session.context.newPage();
      await page.setViewportSize({ width, height: 844 });
      await openReader(page, zhUrl, ZH_TITLE);
      const { parts, overflow } = await toolbarLayout(page);
      assert.equal(overflow, 0, 'no sideways scrolling');
      const top = Math.min(...parts.map((p) => p.top));
      const tallest = Math.max(...parts.map((p) => p.bottom - p.top));
      for (const part of parts) {
        assert.ok(part.bottom - top <= tallest + 1, `${part.name} is on the first row (${JSON.stringify(parts)})`);
        assert.ok(part.left >= 0 && part.right <= width, `${part.name} is inside the window`);
      }
      await page.close();
    });
  }

  test('on a phone, the exports and the original link are in a menu that fits the screen', async () => {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await openReader(page, zhUrl, ZH_TITLE);
    const bar = page.locator('.coral-toolbar');
    const actions = [
      bar.getByRole('button', { name: 'Save as HTML' }),
      bar.getByRole('button', { name: 'Save as Markdown' }),
      bar.getByRole('link', { name: 'Open the original article' }),
    ];
    for (const item of actions) assert.equal(await item.isVisible(), false, `${item} is folded away`);
    const toggle = bar.getByRole('button', { name: 'Save a copy or open the original' });
    await toggle.click();
    for (const item of actions) {
      await item.waitFor({ state: 'visible' });
      const box = await item.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `${item} fits in the window`);
    }
    await page.keyboard.press('Escape');
    await waitFor(async () => (await toggle.getAttribute('aria-expanded')) === 'false', 'Escape to close the menu');
    await page.close();
  });
});
