// `node scripts/reader-screenshots.ts` (after `wxt build`): the reader's pictures in docs/, taken in the
// system's headless Chromium with the built extension. The Chinese fixture article at desktop width
// (1280×900) and at phone width (390×844, with its ⋯ menu closed and open, and scrolled to its CDT 档案卡), the Uyghur right-to-left article at phone width, and
// "Article not found", with the browser's UI in English and in Simplified Chinese (zh_CN). The articles
// are saved through the page's own prompt. docs/screenshots.md says what each shows.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium, ROOT } from '../tests/e2e/browsers.ts';
import { openReader, readerUrlOf, saveThroughPrompt, UG_TITLE, ZH_TITLE } from '../tests/e2e/reader-pages.ts';
import { type FixtureServer, PATHS, startFixtureServer } from '../tests/e2e/server.ts';

const DOCS = path.join(ROOT, 'docs');
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 390, height: 844 };
const shot = (name: string) => path.join(DOCS, `${name}.png`);

async function pictures(server: FixtureServer, uiLanguage: string, suffix: string): Promise<void> {
  const session = await launchChromium({ uiLanguage });
  try {
    const page = await session.context.newPage();
    await saveThroughPrompt(page, server, PATHS.zhArticle);
    await saveThroughPrompt(page, server, PATHS.rtlArticle);
    const zh = await readerUrlOf(session, ZH_TITLE);
    const ug = await readerUrlOf(session, UG_TITLE);

    await page.setViewportSize(WIDE);
    await openReader(page, zh, ZH_TITLE);
    await page.screenshot({ path: shot(`reader${suffix}`) });
    await page.setViewportSize(NARROW);
    await openReader(page, zh, ZH_TITLE);
    await page.screenshot({ path: shot(`reader-narrow${suffix}`) });
    await page.locator('.coral-more-toggle').click();
    await page.locator('.coral-actions-open').waitFor();
    await page.screenshot({ path: shot(`reader-narrow-menu${suffix}`) });
    await page.keyboard.press('Escape');
    await page.locator('.coral-body .coral-archive-card').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot(`reader-card${suffix}`) });
    await openReader(page, ug, UG_TITLE);
    await page.screenshot({ path: shot(`reader-rtl${suffix}`) });
    await page.goto(`${session.extensionOrigin}/reader.html?id=gone`);
    await page.locator('.coral-recent a').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: shot(`reader-not-found${suffix}`) });
  } finally {
    await session.close();
  }
}

await mkdir(DOCS, { recursive: true });
const server = await startFixtureServer();
try {
  await pictures(server, 'en-US', '');
  await pictures(server, 'zh-CN', '-zh');
  console.log('Wrote the reader pictures to docs/.');
} finally {
  await server.stop();
}
