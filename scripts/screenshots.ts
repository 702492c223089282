// `npm run screenshots`: the README's pictures, taken in the system's headless Chromium with the built
// extension: the in-page prompt after saving, the library popup at its real size (English and Chinese
// UI) over the two fixture articles saved through the prompt, and the reader on the Chinese one.
// Writes docs/*.png. Not part of the tests.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { type ChromiumSession, launchChromium, ROOT } from '../tests/e2e/browsers.ts';
import { type FixtureServer, PATHS, startFixtureServer } from '../tests/e2e/server.ts';

const DOCS = path.join(ROOT, 'docs');
// entrypoints/popup/popup.css gives the toolbar popup this size.
const POPUP = { width: 400, height: 580 };
const ZH_TITLE = '【404文库】县城记者手记：那篇关于洪水的报道为什么消失了';
const EN_TITLE = 'China Rebuked by 22 Nations Over Xinjiang';

interface Labels {
  save: RegExp;
  saved: RegExp;
  search: RegExp;
}
const EN: Labels = { save: /Save offline/, saved: /Saved/, search: /Search/ };
const ZH: Labels = { save: /离线保存/, saved: /已保存/, search: /搜索/ };

async function save(page: Page, server: FixtureServer, pathname: string, labels: Labels): Promise<void> {
  await page.goto(server.url(pathname));
  await page.getByRole('button', { name: labels.save }).click({ timeout: 15_000 });
  await page.getByText(labels.saved).first().waitFor({ timeout: 15_000 });
}

async function openPopup(session: ChromiumSession, search: RegExp): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.setViewportSize(POPUP);
  await popup.goto(`${session.extensionOrigin}/popup.html`);
  await popup.getByRole('searchbox', { name: search }).waitFor({ timeout: 15_000 });
  for (const title of [EN_TITLE, ZH_TITLE]) await popup.getByRole('link', { name: title }).waitFor();
  return popup;
}

/** Saves both fixture articles through the in-page prompt (which follows the page's language). */
async function fillLibrary(session: ChromiumSession, server: FixtureServer): Promise<Page> {
  const page = await session.context.newPage();
  await save(page, server, PATHS.zhArticle, ZH);
  await save(page, server, PATHS.enArticle, EN);
  return page;
}

async function english(server: FixtureServer): Promise<void> {
  const session = await launchChromium({ uiLanguage: 'en-US' });
  try {
    const page = await fillLibrary(session, server);
    // The prompt after saving, with the title above it.
    await page.screenshot({ path: path.join(DOCS, 'prompt.png'), clip: { x: 0, y: 0, width: 1280, height: 620 } });

    const popup = await openPopup(session, EN.search);
    await popup.screenshot({ path: path.join(DOCS, 'popup.png') });

    const opened = session.context.waitForEvent('page', { timeout: 15_000 });
    await popup.getByRole('link', { name: ZH_TITLE }).click();
    const reader = await opened;
    await reader.setViewportSize({ width: 1280, height: 900 });
    await reader.getByRole('heading', { level: 1, name: ZH_TITLE }).waitFor({ timeout: 15_000 });
    await reader.waitForFunction(() => [...document.images].every((image) => image.complete));
    await reader.screenshot({ path: path.join(DOCS, 'reader.png') });
  } finally {
    await session.close();
  }
}

async function chinese(server: FixtureServer): Promise<void> {
  const session = await launchChromium({ uiLanguage: 'zh-CN' });
  try {
    await fillLibrary(session, server);
    const popup = await openPopup(session, ZH.search);
    await popup.screenshot({ path: path.join(DOCS, 'popup-zh.png') });
  } finally {
    await session.close();
  }
}

await mkdir(DOCS, { recursive: true });
const server = await startFixtureServer();
try {
  await english(server);
  await chinese(server);
  console.log('Wrote docs/prompt.png, docs/popup.png, docs/popup-zh.png and docs/reader.png.');
} finally {
  await server.stop();
}
