// Saves that always end and say what they kept, in the system's Chromium and Firefox ESR with the built
// extension: an article whose 12 images never answer is saved within Coral's bound (images get 20 s in
// all, utils/capture/fetch-images.ts) and the prompt says how many images it could not keep; an emoji that
// cannot be fetched stays a word in its sentence, and a YouTube player becomes a link to the video.
import assert from 'node:assert/strict';
import { afterEach, describe } from 'node:test';
import type { Page as ChromiumPage } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { extensionPage } from './bridge-helpers.ts';
import { type ChromiumSession, type FirefoxSession, launchChromium, launchFirefox, waitFor } from './browsers.ts';
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
import { type FixtureServer, HANGING_IMAGES, PATHS, startFixtureServer } from './server.ts';

/**
 * The bound the test holds Coral to: the images' 20 s, plus room for a busy machine to extract, store and
 * redraw. Before the deadline existed, this page took 60 s (4 at a time, 20 s each) and said nothing.
 */
const SAVE_BOUND_MS = 45_000;
const EMOJI_SENTENCE = '一位网友写道：“我只能笑着活下去😂，别的什么也做不了。”';
const EMOTICON_SENTENCE = '另一位网友回复说[哈哈]这就是我们的日常。';

let server: FixtureServer | undefined;
let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  await close?.();
  await server?.stop();
  close = undefined;
  server = undefined;
});

/** Clicks Save and waits for the prompt to say the save is over; returns how long that took and what it said. */
async function saveAndTime(on: OnPage, save: RegExp, done: RegExp): Promise<{ ms: number; text: string }> {
  await waitForControl(on, saveButton(save));
  const start = Date.now();
  await clickControl(on, saveButton(save));
  const text = await waitFor(
    async () => {
      const now = await boxText(on, 'coral-save-offer');
      return done.test(now) ? now : null;
    },
    `the prompt to say ${done}`,
    { timeout: SAVE_BOUND_MS + 15_000 },
  );
  return { ms: Date.now() - start, text };
}

function assertEndedWithCount(result: { ms: number; text: string }, requests: number): void {
  // A figure for the record, not a target: the bound below is what the test holds.
  console.log(`  the save ended ${result.ms} ms after the click`);
  assert.ok(result.ms < SAVE_BOUND_MS, `the save ended within ${SAVE_BOUND_MS} ms (took ${result.ms} ms)`);
  assert.match(result.text, /Saved on .*12 images could not be kept/);
  assert.ok(requests > 0, 'the images were asked for, and the server never answered');
}

/** The saved copy's paragraphs, its "not saved" boxes and its links, as the reader shows them. */
function readCopy() {
  const body = document.querySelector('.coral-body');
  return {
    paragraphs: [...(body?.querySelectorAll('p') ?? [])].map((p) => p.textContent ?? ''),
    boxes: body?.querySelectorAll('.coral-missing-image').length ?? -1,
    links: [...(body?.querySelectorAll('a') ?? [])].map((a) => [a.textContent ?? '', a.getAttribute('href') ?? '']),
  };
}

type Copy = ReturnType<typeof readCopy>;

function assertOneSentence(copy: Copy): void {
  assert.ok(copy.paragraphs.includes(EMOJI_SENTENCE), `the emoji sentence is whole: ${copy.paragraphs.join(' | ')}`);
  assert.ok(copy.paragraphs.includes(EMOTICON_SENTENCE), 'the emoticon sentence is whole');
  assert.equal(copy.boxes, 0, 'no "image not saved" box splits a sentence');
  assert.deepEqual(copy.links, [['暴雨之后的街道', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ']]);
}

const hangingRequests = (site: FixtureServer) => site.requests.filter((r) => r.path.startsWith(HANGING_IMAGES)).length;

describe('saves in Chromium', () => {
  const { test } = needs(chromiumMissing);

  async function open(path: string): Promise<{ page: ChromiumPage; session: ChromiumSession; site: FixtureServer }> {
    const site = await startFixtureServer();
    server = site;
    const session = await launchChromium();
    close = () => session.close();
    const page = await session.context.newPage();
    // The page's own images never load either, so its load event never comes.
    await page.goto(site.url(path), { waitUntil: 'domcontentloaded' });
    return { page, session, site };
  }

  test('12 images that never answer: the save ends within the bound and says 12 were not kept', async () => {
    const { page, session, site } = await open(PATHS.hangingImages);
    const result = await saveAndTime(chromiumOnPage(page), /Save offline/, /Saved on/);
    assertEndedWithCount(result, hangingRequests(site));

    const opened = session.context.waitForEvent('page', { timeout: 15_000 });
    await clickControl(chromiumOnPage(page), saveButton(/Read offline/));
    const reader = await opened;
    const summary = reader.locator('.coral-missing-images summary');
    await summary.waitFor({ timeout: 15_000 });
    assert.equal(await summary.textContent(), '12 images were not kept in this copy');
    const listed = await reader.locator('.coral-missing-images li').allTextContents();
    assert.equal(listed.length, 12);
    assert.match(listed[0] ?? '', /^Flood photo 1 · http:\/\/chinadigitaltimes\.net:\d+\/files\/hang\/flood-1\.png$/);
  });

  test('an emoji that cannot be fetched stays a word in its sentence; a video becomes a link', async () => {
    const { page, session } = await open(PATHS.inlineEmoji);
    await saveAndTime(chromiumOnPage(page), /离线保存/, /已保存/);
    const opened = session.context.waitForEvent('page', { timeout: 15_000 });
    await clickControl(chromiumOnPage(page), saveButton(/离线阅读/));
    const reader = await opened;
    await reader.locator('.coral-body p').first().waitFor({ timeout: 15_000 });
    assertOneSentence(await reader.evaluate(readCopy));
  });
});

describe('saves in Firefox ESR', () => {
  const { test } = needs(firefoxMissing);

  async function open(path: string): Promise<{ page: FirefoxPage; firefox: FirefoxSession; site: FixtureServer }> {
    const site = await startFixtureServer();
    server = site;
    const firefox = await launchFirefox();
    close = () => firefox.close();
    const page = await firefox.browser.newPage();
    await page.goto(site.url(path), { waitUntil: 'domcontentloaded' });
    return { page, firefox, site };
  }

  test('12 images that never answer: the save ends within the bound and says 12 were not kept', async () => {
    const { page, site } = await open(PATHS.hangingImages);
    const result = await saveAndTime(firefoxOnPage(page), /Save offline/, /Saved on/);
    assertEndedWithCount(result, hangingRequests(site));
  });

  test('an emoji that cannot be fetched stays a word in its sentence; a video becomes a link', async () => {
    const { page, firefox } = await open(PATHS.inlineEmoji);
    await saveAndTime(firefoxOnPage(page), /离线保存/, /已保存/);
    await clickControl(firefoxOnPage(page), saveButton(/离线阅读/));
    // WebDriver BiDi cannot open moz-extension:// pages, but can read the reader the extension opened.
    const reader = await extensionPage(firefox, 'reader.html');
    const copy = await waitFor(async () => {
      const read = (await reader.evaluate(readCopy)) as Copy;
      return read.paragraphs.length > 0 ? read : null;
    }, 'the saved copy in the reader');
    assertOneSentence(copy);
  });
});
