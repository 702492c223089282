// End-to-end in the system's Chromium with the built extension: the library popup over two saved
// articles. Search (a Chinese word from the body, a Traditional form of a Simplified word), opening the
// reader, and a backup round trip: export, delete everything, import, and read both again with the
// site down and every image coming from the library.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe } from 'node:test';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { type ChromiumSession, launchChromium, readLibrary, waitFor } from './browsers.ts';
import { boxText, chromiumOnPage, clickControl, saveButton, waitForControl } from './on-page.ts';
import { chromiumMissing, needs } from './prerequisites.ts';
import { FIXTURE_DIR, type FixtureServer, PATHS, startFixtureServer } from './server.ts';

interface Saved {
  path: string;
  title: string;
  save: RegExp;
  saved: RegExp;
  images: Array<{ alt: string; file: string }>;
}

const EN: Saved = {
  path: PATHS.enArticle,
  title: 'China Rebuked by 22 Nations Over Xinjiang',
  save: /Save offline/,
  saved: /Saved/,
  images: [
    { alt: 'Joint statement on Xinjiang delivered to the UN Human Rights Council', file: 'xinjiang-statement.png' },
    { alt: 'The Human Rights Council chamber in Geneva', file: 'geneva-council.png' },
    { alt: 'A checkpoint in Ürümchi', file: 'urumqi-checkpoint.png' },
  ],
};

const ZH: Saved = {
  path: PATHS.zhArticle,
  title: '【404文库】县城记者手记：那篇关于洪水的报道为什么消失了',
  save: /离线保存/,
  saved: /已保存/,
  images: [{ alt: '被删除文章的截图', file: 'censored-post.png' }],
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const named = (title: string) => new RegExp(escapeRegExp(title));

const { test, before } = needs(chromiumMissing);

let session: ChromiumSession;
let server: FixtureServer;
let tmp: string;
let backupFile = '';

const popupUrl = () => `${session.extensionOrigin}/popup.html`;

/** A fresh popup page: opening an article from the popup closes it, as the toolbar popup would be. */
async function openPopup(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(popupUrl());
  await page.getByRole('searchbox', { name: /Search/ }).waitFor({ timeout: 15_000 });
  return page;
}

const articleLink = (page: Page, spec: Saved) => page.getByRole('link', { name: named(spec.title) });

async function saveThroughPrompt(page: Page, spec: Saved): Promise<void> {
  await page.goto(server.url(spec.path));
  const prompt = chromiumOnPage(page);
  await waitForControl(prompt, saveButton(spec.save));
  await clickControl(prompt, saveButton(spec.save));
  await waitFor(async () => spec.saved.test(await boxText(prompt, 'coral-save-offer')), 'the prompt to say saved');
}

async function pngSize(file: string): Promise<{ width: number; height: number }> {
  const bytes = await readFile(path.join(FIXTURE_DIR, 'files', file));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Clicks the article in `list` and returns the reader it opened, once its title is shown. */
async function openInReader(list: Page, spec: Saved): Promise<Page> {
  const opened = session.context.waitForEvent('page', { timeout: 15_000 });
  await articleLink(list, spec).click();
  const reader = await opened;
  await reader.waitForURL(/\/reader\.html\?id=/, { timeout: 15_000 });
  await waitFor(async () => (await reader.locator('h1').first().textContent())?.trim() === spec.title, 'reader h1');
  return reader;
}

/** Every image of the article is shown from an object URL, at the size of the original file. */
async function assertImagesFromLibrary(reader: Page, spec: Saved): Promise<void> {
  const alts = spec.images.map((image) => image.alt);
  const images = await waitFor(async () => {
    const found = await reader.evaluate(
      (wanted) =>
        wanted.map((alt) => {
          const img = [...document.images].find((candidate) => candidate.alt === alt);
          return img && { src: img.src, complete: img.complete, width: img.naturalWidth, height: img.naturalHeight };
        }),
      alts,
    );
    return found.every((img) => img?.complete && img.width > 0) ? found : undefined;
  }, `the images of "${spec.title}" loaded in the reader`);
  const sizes = await Promise.all(spec.images.map((image) => pngSize(image.file)));
  images.forEach((img, i) => {
    const file = spec.images[i]?.file;
    assert.match(img?.src ?? '', /^blob:chrome-extension:\/\//, `${file} comes from the library`);
    assert.deepEqual({ width: img?.width, height: img?.height }, sizes[i], `${file} is the right image`);
  });
}

/** Types `query` into the search field and waits until the list shows exactly `expected`. */
async function searchShows(page: Page, query: string, expected: Saved[], absent: Saved[]): Promise<void> {
  await page.getByRole('searchbox', { name: /Search/ }).fill(query);
  await waitFor(
    async () => {
      for (const spec of expected) if ((await articleLink(page, spec).count()) !== 1) return false;
      for (const spec of absent) if ((await articleLink(page, spec).count()) !== 0) return false;
      return true;
    },
    `search "${query}" lists ${expected.map((s) => s.title).join(', ')} and not ${absent.map((s) => s.title)}`,
  );
}

describe('the library popup in Chromium', () => {
  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'coral-library-e2e-'));
    server = await startFixtureServer();
    // The assertions read the popup's English strings.
    session = await launchChromium({ uiLanguage: 'en-US' });
    const page = await session.context.newPage();
    await saveThroughPrompt(page, EN);
    await saveThroughPrompt(page, ZH);
    await page.close();
  });

  after(async () => {
    await session?.close();
    await server?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  test('lists both saved articles', async () => {
    const page = await openPopup();
    await articleLink(page, EN).waitFor({ timeout: 15_000 });
    await articleLink(page, ZH).waitFor({ timeout: 15_000 });
    await page.getByText('2 articles', { exact: true }).waitFor({ timeout: 15_000 });
    await page.close();
  });

  test('search finds a Chinese body word, a Traditional form and an English word, and opens the reader', async () => {
    const page = await openPopup();
    await articleLink(page, EN).waitFor({ timeout: 15_000 });
    // 安置 ("shelter") is only in the Chinese article's body, not in its title.
    assert.ok(!ZH.title.includes('安置'));
    await searchShows(page, '安置', [ZH], [EN]);
    await page.getByText('1 article', { exact: true }).waitFor({ timeout: 15_000 });
    // The article writes 审查 (Simplified): the Traditional 審查 must find it too.
    await searchShows(page, '審查', [ZH], [EN]);
    await searchShows(page, 'uyghur', [EN], [ZH]);
    await searchShows(page, '安置 uyghur', [], [EN, ZH]);
    await page.getByText('No saved article matches.').waitFor({ timeout: 15_000 });
    await searchShows(page, '', [EN, ZH], []);

    await searchShows(page, '审查', [ZH], [EN]);
    const reader = await openInReader(page, ZH);
    // Saved in this browser: the reader says so, from the address the browser reported.
    await reader.locator('.coral-origin', { hasText: /^Saved here from http/ }).waitFor({ timeout: 15_000 });
    await reader.close();
    if (!page.isClosed()) await page.close();
  });

  test('export, delete everything, import: both come back, images and all, with the site down', async () => {
    const page = await openPopup();
    await articleLink(page, EN).waitFor({ timeout: 15_000 });
    await articleLink(page, ZH).waitFor({ timeout: 15_000 });

    // Export from the popup itself: Chrome lets a popup download.
    const downloading = page.waitForEvent('download', { timeout: 30_000 });
    await page.getByRole('button', { name: /Export/ }).click();
    const download = await downloading;
    assert.match(download.suggestedFilename(), /\.zip$/);
    backupFile = path.join(tmp, download.suggestedFilename());
    await download.saveAs(backupFile);
    const entries = Object.keys(unzipSync(new Uint8Array(await readFile(backupFile))));
    assert.ok(entries.includes('coral-backup.json'), `the zip has its manifest (${entries.join(', ')})`);
    assert.equal(entries.filter((name) => name.startsWith('articles/')).length, 2, 'two articles in the zip');
    assert.equal(entries.filter((name) => name.startsWith('images/')).length, 4, 'four images in the zip');

    // Select one, then all, then delete; the undo offer runs out and the trash is emptied.
    await page.getByRole('checkbox', { name: named(EN.title) }).check();
    await page.getByRole('button', { name: 'Select all', exact: true }).click();
    await page.getByText('2 selected').first().waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('Deleted 2 articles.').waitFor({ timeout: 15_000 });
    await page.getByText('Nothing saved yet.').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByRole('link', { name: named(EN.title) }).count(), 0);
    assert.equal(await page.getByRole('link', { name: named(ZH.title) }).count(), 0);
    // The toast lasts 5 s; then the articles, and images nothing else uses, are deleted for good.
    await page.getByRole('button', { name: 'Undo' }).waitFor({ state: 'detached', timeout: 20_000 });
    await waitFor(
      async () => {
        const library = await readLibrary(page);
        return library.articles === 0 && library.versions === 0 && library.images === 0;
      },
      'the library is empty (articles, versions and images)',
      { timeout: 20_000 },
    );
    await page.reload();
    await page.getByText('Nothing saved yet.').waitFor({ timeout: 15_000 });

    // Import opens the popup's page in a tab, where the file picker works.
    const tabOpened = session.context.waitForEvent('page', { timeout: 15_000 });
    await page.getByRole('button', { name: /Import/ }).click();
    const tab = await tabOpened;
    await tab.waitForURL(/\/popup\.html\?tab=1#backup$/, { timeout: 15_000 });
    if (!page.isClosed()) await page.close();
    const choosing = tab.waitForEvent('filechooser', { timeout: 15_000 });
    await tab.getByRole('button', { name: /Import/ }).click();
    await (await choosing).setFiles(backupFile);
    await tab.getByText(/Imported 2 new articles/).waitFor({ timeout: 30_000 });
    await articleLink(tab, EN).waitFor({ timeout: 15_000 });
    await articleLink(tab, ZH).waitFor({ timeout: 15_000 });
    const restored = await readLibrary(tab);
    assert.deepEqual(
      { articles: restored.articles, versions: restored.versions, images: restored.images },
      { articles: 2, versions: 2, images: 4 },
    );

    // Offline: every byte the reader shows now comes from the imported library.
    await server.stop();
    const served = server.requests.length;
    for (const spec of [EN, ZH]) {
      const reader = await openInReader(tab, spec);
      await assertImagesFromLibrary(reader, spec);
      // Known only through the file now: the reader names it, as the file picker gave it, and says so plainly.
      const origin = (await reader.locator('.coral-origin').textContent()) ?? '';
      assert.ok(origin.startsWith(`Imported from ${path.basename(backupFile)} on `), origin);
      await reader.getByText(/only through an imported file/).waitFor({ timeout: 15_000 });
      await reader.close();
    }
    assert.equal(server.requests.length, served, 'the site got no request after it was stopped');
  });
});
