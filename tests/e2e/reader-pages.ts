// Shared by the reader's browser test and scripts/reader-screenshots.ts: save fixture articles through
// the page's own prompt and open them in the reader, in Chromium with the built extension.
import type { Page } from 'playwright-core';
import type { ChromiumSession } from './browsers.ts';
import { waitFor } from './browsers.ts';
import { boxText, chromiumOnPage, clickControl, saveButton } from './on-page.ts';
import type { FixtureServer } from './server.ts';

export const ZH_TITLE = '【404文库】县城记者手记：那篇关于洪水的报道为什么消失了';
export const EN_TITLE = 'China Rebuked by 22 Nations Over Xinjiang';
export const UG_TITLE = 'شىنجاڭدىكى لاگېرلار ھەققىدە بىر گۇۋاھلىق';

/** Saves the page at `pathname` with the in-page prompt (in the page's language; these pages say Save offline or 离线保存). */
export async function saveThroughPrompt(page: Page, server: FixtureServer, pathname: string): Promise<void> {
  await page.goto(server.url(pathname));
  const onPage = chromiumOnPage(page);
  await clickControl(onPage, saveButton(/Save offline|离线保存/));
  await waitFor(async () => /Saved|已保存/.test(await boxText(onPage, 'coral-save-offer')), `${pathname} saved`);
}

/** The reader's address of a saved article, as the library (the popup's list) links it. */
export async function readerUrlOf(session: ChromiumSession, title: string): Promise<string> {
  const page = await session.context.newPage();
  try {
    await page.goto(`${session.extensionOrigin}/popup.html`);
    const link = page.getByRole('link', { name: title });
    await link.first().waitFor({ timeout: 15_000 });
    const href = await link.first().getAttribute('href');
    return new URL(href ?? '', page.url()).href;
  } finally {
    await page.close();
  }
}

/** Opens the reader at `url` and waits until the article and its images are there. */
export async function openReader(page: Page, url: string, title: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => [...document.images].every((image) => image.complete));
}
