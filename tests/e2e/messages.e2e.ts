import assert from 'node:assert/strict';
import { afterEach, describe } from 'node:test';
import { type ChromiumSession, launchChromium } from './browsers.ts';
import { chromiumMissing, needs } from './prerequisites.ts';

// Every message in the user's language: a save the browser refuses is explained in Chinese in a
// Chinese browser, with none of the browser's English and no retry that cannot work.

const { test } = needs(chromiumMissing);

let session: ChromiumSession | undefined;

afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe('messages in the browser’s language', () => {
  test('"Save this page" on a browser page says why in Chinese, and offers no retry', async () => {
    session = await launchChromium({ uiLanguage: 'zh-CN' });
    const browserPage = await session.context.newPage();
    await browserPage.goto('chrome://version/');
    const popup = await session.context.newPage();
    await popup.goto(`${session.extensionOrigin}/popup.html`);
    // The popup saves the active tab: the browser's own page, brought back to the front.
    await browserPage.bringToFront();
    await popup.getByRole('button', { name: '保存此页' }).click();
    const status = popup.locator('.save-status');
    await status.filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });
    const text = (await status.textContent()) ?? '';
    assert.equal(text, '这是浏览器自带的页面，任何扩展程序都不能读取，因此无法保存。');
    assert.doesNotMatch(text, /[A-Za-z]{3,}/, 'no English words from the browser');
    assert.equal(await popup.getByRole('button', { name: '重试' }).count(), 0, 'no retry that cannot work');
  });
});
