// The options page's bridge form in the system's Chromium: what Save says is what is kept. A bridge typed
// and saved is still there when the tab is closed and the page opened again; a Save that keeps nothing
// never says "Saved.", not even for a moment (every text the status line takes is recorded in the page).
import assert from 'node:assert/strict';
import { afterEach, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { type ChromiumSession, launchChromium, waitFor } from './browsers.ts';
import { chromiumMissing, needs } from './prerequisites.ts';

const { test } = needs(chromiumMissing);

/** Every text the Save status line has shown since the page loaded, in order. */
async function recordStatuses(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { coralStatuses: seen });
    new MutationObserver(() => {
      const text = document.querySelector('.save-row .status')?.textContent ?? '';
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

/** What the status line says on the way to an answer. */
const PASSING = ['', 'You have unsaved changes.', 'Saving…'];

/** Waits for the status line to say "Saved.". */
const saved = (page: Page) => page.locator('.save-row .status', { hasText: /^Saved\.$/ }).waitFor();

const statusesSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { coralStatuses: string[] }).coralStatuses);

describe('Chromium: the options page keeps what Save says it keeps', () => {
  let session: ChromiumSession | undefined;

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  async function openOptions(s: ChromiumSession, hash = ''): Promise<Page> {
    const page = await s.context.newPage();
    await recordStatuses(page);
    await page.goto(`${s.extensionOrigin}/options.html${hash}`);
    await page.getByLabel(/Bridge address/).waitFor();
    return page;
  }

  test('an address typed and saved is kept: closed and opened again, the page lists it as the active bridge', async () => {
    session = await launchChromium();
    const first = await openOptions(session);
    await first.getByLabel(/Bridge address/).fill('socks5://127.0.0.1:1080');
    await first.getByLabel(/Name \(optional\)/).fill('Home');
    await first.getByRole('radio', { name: /^Everything/ }).check();
    await first.getByRole('button', { name: 'Save', exact: true }).click();
    await saved(first);
    await first.close();

    const again = await openOptions(session);
    const listed = again.getByRole('radio', { name: 'Home — SOCKS5 127.0.0.1:1080' });
    await listed.waitFor();
    assert.equal(await listed.isChecked(), true, 'the saved bridge is the active one');
    assert.equal(await again.getByRole('radio', { name: /^Everything/ }).isChecked(), true, 'the scope was kept');

    // Enter in the address field is a Save too; the second bridge becomes the active one.
    await again.getByLabel(/Bridge address/).fill('http://127.0.0.1:8080');
    await again.getByLabel(/Bridge address/).press('Enter');
    await saved(again);
    await again.close();
    const third = await openOptions(session);
    await third.getByRole('radio', { name: 'HTTP 127.0.0.1:8080' }).waitFor();
    assert.equal(await third.getByRole('radio', { name: 'HTTP 127.0.0.1:8080' }).isChecked(), true);
    assert.equal(await third.getByRole('radio', { name: 'Home — SOCKS5 127.0.0.1:1080' }).isChecked(), false);
  });

  test('a Save that keeps nothing never says "Saved."', async () => {
    session = await launchChromium();
    const page = await openOptions(session);
    const save = page.getByRole('button', { name: 'Save', exact: true });
    /** Presses Save and gives the status line's answer, once it has one. */
    const answer = async () => {
      await save.click();
      const text = await waitFor(async () => {
        const shown = (await page.locator('.save-row .status').textContent()) ?? '';
        return PASSING.includes(shown) ? undefined : shown;
      }, 'the Save status to answer');
      return text;
    };
    /** An edit sets the line back to "unsaved", so the next answer cannot be the last one read again. */
    const edited = () => page.locator('.save-row .status', { hasText: 'You have unsaved changes.' }).waitFor();

    assert.equal(await answer(), 'Nothing was saved: enter a bridge address first.');
    await page.getByLabel(/Bridge address/).fill('socks5://127.0.0.1');
    await edited();
    assert.equal(await answer(), 'Nothing was saved: correct the bridge address first.');
    await page.getByLabel(/Bridge address/).fill('socks5://127.0.0.1:1080');
    await page.getByRole('radio', { name: /^These sites/ }).check();
    await page.getByLabel(/Sites, one per line/).fill('example.*');
    await edited();
    assert.equal(await answer(), 'Nothing was saved: correct the list of sites first.');

    const seen = await statusesSeen(page);
    assert.ok(!seen.includes('Saved.'), `the status line said: ${seen.join(' / ')}`);
    await page.reload();
    await page.getByText('No bridge yet.', { exact: false }).waitFor();
    assert.equal(await page.locator('input[name="active-bridge"]').count(), 0, 'no bridge was kept');
  });

  test('options.html#bridge shows the bridge form with its address focused', async () => {
    session = await launchChromium();
    const page = await openOptions(session, '#bridge');
    await waitFor(
      () => page.evaluate(() => document.activeElement?.id === 'bridge-address'),
      'the address field to have the focus',
    );
    const box = await page.getByLabel(/Bridge address/).boundingBox();
    const viewport = page.viewportSize();
    assert.ok(box && viewport && box.y >= 0 && box.y + box.height <= viewport.height, 'the field is in view');
  });
});
