// The popup is the library: at its real size (400×580), with 200 saved articles and a bridge set up, at
// least six article rows are fully in view, and the bridge, Save, the filters and the footer still fit.
// System Chromium with the built extension; the library is written straight into its IndexedDB.
import assert from 'node:assert/strict';
import { after, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { seed } from '../bench/library-bench.ts';
import { syntheticLibrary } from '../bench/load-utils.ts';
import { configureInChromium } from './bridge-helpers.ts';
import { type ChromiumSession, launchChromium, waitFor } from './browsers.ts';
import { chromiumMissing, needs } from './prerequisites.ts';

const POPUP = { width: 400, height: 580 };
const ARTICLES = 200;

const { test, before } = needs(chromiumMissing);

/**
 * A bridge at a port nothing listens on, switched on: set up on the options page, as a user would. No
 * test here loads a page through it; it is there for the popup to show.
 */
async function setUpBridge(session: ChromiumSession): Promise<void> {
  await configureInChromium(session, 'socks5://127.0.0.1:9', 'cdt');
  const page = await session.context.newPage();
  await page.goto(`${session.extensionOrigin}/reader.html?id=none`);
  // Switched on as the popup's switch does it.
  await page.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { runtime: { sendMessage(message: object): Promise<unknown> } };
    };
    await chrome.runtime.sendMessage({ coral: 1, type: 'setBridgeEnabled', data: { enabled: true } });
  });
  await page.close();
}

/** Article rows whose whole box is inside both the list's scroller and the window. */
function fullyVisibleRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const list = document.querySelector('.list')?.getBoundingClientRect();
    if (!list) return 0;
    const bottom = Math.min(list.bottom, window.innerHeight);
    return [...document.querySelectorAll('li.row')].filter((row) => {
      const box = row.getBoundingClientRect();
      return box.height > 0 && box.top >= list.top - 0.5 && box.bottom <= bottom + 0.5;
    }).length;
  });
}

/** The control's box lies inside the window. */
async function inView(page: Page, name: RegExp, role: 'button' | 'switch' | 'searchbox'): Promise<boolean> {
  const box = await page.getByRole(role, { name }).boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= POPUP.height && box.x + box.width <= POPUP.width;
}

describe('the popup at its real size in Chromium', () => {
  let session: ChromiumSession;

  before(async () => {
    session = await launchChromium({ uiLanguage: 'en-US' });
    await seed(session, syntheticLibrary(ARTICLES, 8));
    await setUpBridge(session);
  });

  after(async () => {
    await session?.close();
  });

  async function openPopup(): Promise<Page> {
    const page = await session.context.newPage();
    await page.setViewportSize(POPUP);
    await page.goto(`${session.extensionOrigin}/popup.html`);
    await page.getByText(`${ARTICLES} articles`, { exact: true }).waitFor({ timeout: 15_000 });
    const toggle = page.getByRole('switch', { name: /Use a bridge/ });
    await waitFor(async () => (await toggle.getAttribute('aria-busy')) === null, 'the bridge switch to be ready');
    assert.equal(await page.getByText('No bridge set up').count(), 0, 'the popup sees the bridge that was set up');
    return page;
  }

  test('shows at least six whole article rows under the bridge line, Save and the filters', async () => {
    const page = await openPopup();
    const rows = await fullyVisibleRows(page);
    assert.ok(rows >= 6, `${rows} article rows fully visible at 400×580; at least 6 wanted`);
    for (const [name, role] of [
      [/Use a bridge/, 'switch'],
      [/^Details/, 'button'],
      [/Save this page/, 'button'],
      [/Search saved articles/, 'searchbox'],
      [/^Settings$/, 'button'],
      [/Export library/, 'button'],
    ] as const)
      assert.ok(await inView(page, name, role), `${name} is inside the popup`);
    await page.close();
  });

  test('still shows six whole rows when the bridge line carries a long error', async () => {
    const page = await openPopup();
    // The longest line the popup can show: a named bridge that failed, with its reason. Written where
    // the background keeps it; the popup follows the item live.
    await page.evaluate(async () => {
      const { chrome } = globalThis as unknown as {
        chrome: { storage: { session: { set(items: object): Promise<void> } } };
      };
      await chrome.storage.session.set({
        bridgeStatus: {
          enabled: true,
          configured: true,
          state: 'error',
          reason: 'no-site-access',
          bridgeLabel: 'A bridge with a rather long name of its own',
          scheme: 'socks5',
          lastCheck: { ok: false, reason: 'no-site-access', at: Date.now() },
        },
      });
    });
    await page
      .locator('.bridge-line')
      .getByText(/Coral needs permission/)
      .waitFor({ timeout: 10_000 });
    const rows = await fullyVisibleRows(page);
    assert.ok(rows >= 6, `${rows} article rows fully visible with an error on the bridge line; at least 6 wanted`);
    await page.close();
  });
});
