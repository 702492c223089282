// `npm run screenshots`: the README's pictures, taken in the system's headless Chromium with the built
// extension. The popup at its real size (400×580) in English and Chinese (zh_CN) UI: empty, with 200
// articles (a synthetic library plus the two fixture articles) and the bridge off, on, and broken; the
// options page's bridge section; the in-page prompt; the on-page controls on an English and a Chinese CDT
// page; the reader. Writes docs/*.png (docs/screenshots.md says what each shows). Not part of the tests.
//
// Honesty: "off" and "broken" are the background's own states (broken: a bridge at a port nothing
// listens on, switched on, then a CDT page loaded through it). "On" needs a bridge that reaches CDT,
// which this machine has not got outside the bridge tests' network namespace: for that picture the
// script writes the status the background keeps (the `bridgeStatus` session item), as it would after a
// good check.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { seed } from '../tests/bench/library-bench.ts';
import { syntheticLibrary } from '../tests/bench/load-utils.ts';
import { type ChromiumSession, launchChromium, ROOT, waitFor } from '../tests/e2e/browsers.ts';
import { boxText, chromiumOnPage, clickControl, saveButton } from '../tests/e2e/on-page.ts';
import { type FixtureServer, PATHS, startFixtureServer } from '../tests/e2e/server.ts';

const DOCS = path.join(ROOT, 'docs');
// entrypoints/popup/popup.css gives the toolbar popup this size.
const POPUP = { width: 400, height: 580 };
const ZH_TITLE = '【404文库】县城记者手记：那篇关于洪水的报道为什么消失了';
const EN_TITLE = 'China Rebuked by 22 Nations Over Xinjiang';
const ARTICLES = 200;
/** A bridge nothing answers at: port 9 (discard) is closed on a test machine. */
const BRIDGE_URL = 'socks5://127.0.0.1:9';
/** How the background names a bridge that has no name of its own. */
const BRIDGE_LABEL = '127.0.0.1:9';

interface Labels {
  suffix: string;
  save: RegExp;
  saved: RegExp;
}
const EN: Labels = { suffix: '', save: /Save offline/, saved: /Saved/ };
const ZH: Labels = { suffix: '-zh', save: /离线保存/, saved: /已保存/ };

const shot = (name: string) => path.join(DOCS, `${name}.png`);

type Chrome = {
  runtime: { sendMessage(message: object): Promise<unknown> };
  storage: {
    session: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
};

/** An extension page to read and write the extension's storage from. */
async function extensionPage(session: ChromiumSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`${session.extensionOrigin}/reader.html?id=none`);
  return page;
}

/** Sets the bridge up on the options page with its one Save, in whatever language the UI is in. */
async function setUpBridge(session: ChromiumSession): Promise<void> {
  const page = await session.context.newPage();
  await page.goto(`${session.extensionOrigin}/options.html#bridge`);
  await page.locator('#bridge-address').fill(BRIDGE_URL);
  await page.locator('input[name="bridge-scope"][value="cdt"]').check();
  await page.locator('.save-row button[type="submit"]').click();
  await waitFor(() => bridgeStatus(page).then((s) => s?.configured === true), 'the background to see the bridge');
  await page.close();
}

/** Turns the bridge on or off as the popup's switch does, and waits for the background to show it. */
async function setBridge(page: Page, enabled: boolean): Promise<void> {
  await page.evaluate(async (enabled) => {
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    await chrome.runtime.sendMessage({ coral: 1, type: 'setBridgeEnabled', data: { enabled } });
  }, enabled);
  await waitFor(
    () => bridgeStatus(page).then((s) => s?.configured === true && s.enabled === enabled),
    `the background to show the bridge ${enabled ? 'on' : 'off'}`,
  );
}

function bridgeStatus(page: Page): Promise<{ configured?: boolean; enabled?: boolean; state?: string } | undefined> {
  return page.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    return (await chrome.storage.session.get('bridgeStatus')).bridgeStatus as never;
  });
}

/** A picture of the popup once the switch has finished sliding (its CSS transition). */
async function popupShot(popup: Page, name: string): Promise<void> {
  await popup.waitForFunction(() => document.getAnimations().every((a) => a.playState === 'finished'));
  await popup.screenshot({ path: shot(name) });
}

async function openPopup(session: ChromiumSession): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.setViewportSize(POPUP);
  await popup.goto(`${session.extensionOrigin}/popup.html`);
  await popup.locator('input[type="search"]').waitFor({ timeout: 15_000 });
  await popup.locator('.popup-bridge:not(.tone-pending)').waitFor({ timeout: 15_000 });
  // "Loading…" ends with an ellipsis; the count and "Nothing saved yet" do not.
  await popup.waitForFunction(() => !(document.querySelector('.count')?.textContent ?? '…').endsWith('…'));
  return popup;
}

/** Saves a fixture article through the in-page prompt (which follows the page's language). */
async function save(page: Page, server: FixtureServer, pathname: string, labels: Labels): Promise<void> {
  await page.goto(server.url(pathname));
  // The prompt is in a closed shadow root: reached the way the tests reach it, clicked with real input.
  const onPage = chromiumOnPage(page);
  await clickControl(onPage, saveButton(labels.save));
  await waitFor(async () => labels.saved.test(await boxText(onPage, 'coral-save-offer')), 'the prompt to say saved');
}

/** Lantern's widget and Coral's switch under it, with some of the sidebar around them. */
async function pageControls(page: Page, name: string): Promise<void> {
  const host = page.locator('coral-bridge-switch');
  await host.waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => {
    const root = document.querySelector('coral-bridge-switch')?.shadowRoot;
    // A closed shadow root cannot be read: its host's size says it has been drawn.
    return root ? root.querySelector('[role="switch"]:not([aria-busy])') !== null : true;
  });
  const clip = await page.evaluate(() => {
    const boxes = [
      document.querySelector('coral-bridge-switch'),
      document.querySelector('browsers-unbounded, lantern-network')?.closest('.et_pb_widget'),
    ]
      .filter((element): element is Element => element !== null && element !== undefined)
      .map((element) => element.getBoundingClientRect());
    const top = Math.min(...boxes.map((b) => b.top)) + window.scrollY - 16;
    const left = Math.min(...boxes.map((b) => b.left)) - 16;
    const bottom = Math.max(...boxes.map((b) => b.bottom)) + window.scrollY + 16;
    const right = Math.max(...boxes.map((b) => b.right)) + 16;
    return { x: Math.max(left, 0), y: Math.max(top, 0), width: right - left, height: bottom - top };
  });
  await page.screenshot({ path: shot(name), clip, fullPage: true });
}

/** The bridge switched on at a dead port, and a CDT page loaded through it: the background says it failed. */
async function breakBridge(session: ChromiumSession, server: FixtureServer, storage: Page): Promise<void> {
  await setBridge(storage, true);
  const page = await session.context.newPage();
  await page.goto(server.url(PATHS.home)).catch(() => undefined);
  await waitFor(() => bridgeStatus(storage).then((s) => s?.state === 'error'), 'the background to see the failure');
  await page.close();
}

/** The status the background writes after a good check (see the note at the top). */
function showOn(storage: Page): Promise<void> {
  return storage.evaluate(async (label) => {
    const { chrome } = globalThis as unknown as { chrome: Chrome };
    await chrome.storage.session.set({
      bridgeStatus: {
        enabled: true,
        configured: true,
        state: 'on',
        bridgeLabel: label,
        scheme: 'socks5',
        lastCheck: { ok: true, ms: 182, at: Date.now() },
      },
    });
  }, BRIDGE_LABEL);
}

/** Empty, 200 articles with the bridge off, on, broken (and its details), and the options page. */
async function popupStates(session: ChromiumSession, server: FixtureServer, labels: Labels): Promise<Page> {
  const storage = await extensionPage(session);
  let popup = await openPopup(session);
  await popupShot(popup, `popup-empty${labels.suffix}`);
  await popup.close();

  await setUpBridge(session);
  await setBridge(storage, false);
  await seed(session, syntheticLibrary(ARTICLES, 8));
  const page = await session.context.newPage();
  await save(page, server, PATHS.zhArticle, ZH);
  await save(page, server, PATHS.enArticle, EN);
  if (labels === EN) {
    // The prompt after saving, with the title above it; then Coral's switch under Lantern's widget.
    await page.screenshot({ path: shot('prompt'), clip: { x: 0, y: 0, width: 1280, height: 620 } });
    await pageControls(page, 'page-controls');
    await page.goto(server.url(PATHS.zhArticle));
    await pageControls(page, 'page-controls-zh');
  }
  await page.close();

  popup = await openPopup(session);
  await popupShot(popup, `popup${labels.suffix}`);
  await showOn(storage);
  await popup.locator('.popup-bridge.tone-ok').waitFor({ timeout: 10_000 });
  await popupShot(popup, `popup-bridge-on${labels.suffix}`);
  await popup.close();

  await breakBridge(session, server, storage);
  popup = await openPopup(session);
  await popup.locator('.popup-bridge.tone-error').waitFor({ timeout: 10_000 });
  await popupShot(popup, `popup-bridge-broken${labels.suffix}`);
  await popup.locator('.bridge-more').click();
  await popup.locator('.bridge-details:not([hidden])').waitFor();
  await popupShot(popup, `popup-bridge-details${labels.suffix}`);
  await setBridge(storage, false);

  const options = await session.context.newPage();
  await options.setViewportSize({ width: 900, height: 1200 });
  await options.goto(`${session.extensionOrigin}/options.html#bridge`);
  await options.locator('#bridge').waitFor({ timeout: 15_000 });
  // In page coordinates: the #bridge in the address may have scrolled the page.
  const box = await options.evaluate(() => {
    const rect = document.getElementById('bridge')?.getBoundingClientRect();
    return rect && { x: rect.x + window.scrollX, y: rect.y + window.scrollY, width: rect.width, height: rect.height };
  });
  if (!box) throw new Error('the options page has no bridge section');
  // With a margin: the section's own edge is flush with its text.
  const clip = {
    x: Math.max(box.x - 16, 0),
    y: Math.max(box.y - 8, 0),
    width: box.width + 32,
    height: box.height + 24,
  };
  await options.screenshot({ path: shot(`options-bridge${labels.suffix}`), clip, fullPage: true });
  await options.close();
  return popup;
}

async function english(server: FixtureServer): Promise<void> {
  const session = await launchChromium({ uiLanguage: 'en-US' });
  try {
    const popup = await popupStates(session, server, EN);
    await popup.close();
    const list = await openPopup(session);
    const opened = session.context.waitForEvent('page', { timeout: 15_000 });
    await list.getByRole('link', { name: ZH_TITLE }).click();
    const reader = await opened;
    await reader.setViewportSize({ width: 1280, height: 900 });
    await reader.getByRole('heading', { level: 1, name: ZH_TITLE }).waitFor({ timeout: 15_000 });
    await reader.waitForFunction(() => [...document.images].every((image) => image.complete));
    await reader.screenshot({ path: shot('reader') });
  } finally {
    await session.close();
  }
}

async function chinese(server: FixtureServer): Promise<void> {
  const session = await launchChromium({ uiLanguage: 'zh-CN' });
  try {
    await popupStates(session, server, ZH);
  } finally {
    await session.close();
  }
}

await mkdir(DOCS, { recursive: true });
const server = await startFixtureServer();
try {
  await english(server);
  await chinese(server);
  console.log(`Wrote the pictures to docs/ (${EN_TITLE} and ${ZH_TITLE} among the articles).`);
} finally {
  await server.stop();
}
