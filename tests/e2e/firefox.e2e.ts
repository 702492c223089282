// End-to-end in the system's Firefox ESR with the built (MV2) extension. WebDriver BiDi will not open
// moz-extension:// pages, so everything is driven through the article page and its in-page prompt.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, describe } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { type FirefoxSession, launchFirefox, SCREENSHOT_DIR } from './browsers.ts';
import { firefoxMissing, needs } from './prerequisites.ts';
import { type FixtureServer, PATHS, startFixtureServer } from './server.ts';

/** The prompt's button whose text or label matches, searched through open shadow roots. */
async function promptButton(page: Page, label: string): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await page.waitForFunction(
    (wanted: string) => {
      for (const host of document.querySelectorAll('*')) {
        for (const button of host.shadowRoot?.querySelectorAll('button') ?? []) {
          if (`${button.textContent} ${button.getAttribute('aria-label') ?? ''}`.includes(wanted)) return button;
        }
      }
      return null;
    },
    { timeout: 15_000, polling: 100 },
    label,
  );
  return handle as ElementHandle<HTMLButtonElement>;
}

/** All text the prompt shows (every open shadow root on the page). */
function promptText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('*')]
      .map((host) => host.shadowRoot?.textContent ?? '')
      .filter(Boolean)
      .join(' | '),
  );
}

async function waitForPromptText(page: Page, wanted: string): Promise<void> {
  await page.waitForFunction(
    (text: string) =>
      [...document.querySelectorAll('*')].some((host) => (host.shadowRoot?.textContent ?? '').includes(text)),
    { timeout: 15_000, polling: 100 },
    wanted,
  );
}

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
    const save = await promptButton(page, 'Save offline');
    assert.doesNotMatch(await promptText(page), /Saved/);
    await save.click();
    await waitForPromptText(page, 'Saved');
    await promptButton(page, 'Read offline');
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'firefox-article-en-saved.png') });

    await page.reload();
    await waitForPromptText(page, 'Saved');
    await promptButton(page, 'Read offline');
    assert.doesNotMatch(await promptText(page), /Save offline/);
    await page.close();
  });

  test('shows the prompt in Chinese on the Chinese article', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(server.url(PATHS.zhArticle));
    await promptButton(page, '离线保存');
    await page.close();
  });
});
