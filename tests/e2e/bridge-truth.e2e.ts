// The bridge tells the truth and keeps its settings to itself, in the system's Chromium with real
// proxies (see bridge.e2e.ts for how the route is told). Issue 8, items 4 and 5:
// - a bridge that is down, with "fall back to a direct connection" chosen: the page loads directly, and
//   the badge and the stored status say so instead of "ON";
// - code in the content-script world of a CDT tab finds no bridge address, port, user name, site list
//   or mirror in any storage it can reach, while the on-page switch still shows the bridge on.
import assert from 'node:assert/strict';
import { after, afterEach, describe } from 'node:test';
import type { Page } from 'playwright-core';
import { visitTwin, type Way } from './bridge-helpers.ts';
import {
  deadFallbackSettings,
  MARKED_MIRROR,
  markedSettings,
  marks,
  readBadgeAndStatus,
  readEveryStorage,
  storePrivateSettings,
} from './bridge-truth-support.ts';
import { type ChromiumSession, launchChromium, waitFor } from './browsers.ts';
import { BRIDGE_SWITCH, chromiumOnPage, waitForControl } from './on-page.ts';
import { chromiumMissing, needs } from './prerequisites.ts';
import { freePort, PROXIED_ADDRESS, proxiesMissing, type RunningProxy, startTinyproxy } from './proxies.ts';
import { CDT_HOST, OTHER_HOST, PATHS, startTwinServers, type TwinServers } from './server.ts';

type Entries = Array<[string, unknown]>;

/**
 * Every interaction with the on-page switch goes through here, so a change of how it is mounted (a
 * closed shadow root, say) changes this one function: whether it shows the bridge on.
 */
async function onPageSwitchChecked(page: Page): Promise<string | null> {
  return (await waitForControl(chromiumOnPage(page), BRIDGE_SWITCH, (state) => !state.busy)).checked;
}

const { test, before } = needs(chromiumMissing, proxiesMissing);

describe('Chromium: the bridge says what is true and keeps its settings from pages', () => {
  let twins: TwinServers | undefined;
  let http: RunningProxy | undefined;
  let session: ChromiumSession | undefined;

  before(async () => {
    twins = await startTwinServers(PROXIED_ADDRESS);
    http = await startTinyproxy([CDT_HOST, OTHER_HOST]);
  });

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  after(async () => {
    await Promise.all([session?.close(), http?.stop(), twins?.stop()]);
  });

  const site = () => {
    if (!twins) throw new Error('the servers did not start');
    return twins;
  };

  const visit = (page: Page, pathname: string): Promise<Way> => visitTwin(page, site(), CDT_HOST, pathname);

  async function extensionPage(s: ChromiumSession): Promise<Page> {
    const page = await s.context.newPage();
    await page.goto(`${s.extensionOrigin}/popup.html`);
    return page;
  }

  test('a down bridge with fallback to direct: the page loads directly, and badge and status say "direct", not ON', async () => {
    session = await launchChromium({ hosts: [OTHER_HOST] });
    const popup = await extensionPage(session);
    const deadPort = await freePort();
    await popup.evaluate(storePrivateSettings, [['bridgeSettings', deadFallbackSettings(deadPort)]] as Entries);

    const page = await session.context.newPage();
    assert.equal(await visit(page, PATHS.enArticle), 'direct', 'the browser fell back to a direct connection');
    const { badge, status } = await waitFor(async () => {
      const read = await popup.evaluate(readBadgeAndStatus);
      return read.status?.state === 'direct' ? read : undefined;
    }, 'the stored status to say the pages go direct');
    assert.equal(badge, '!', 'the badge warns instead of saying ON');
    assert.equal(status?.reason, 'unreachable');
    assert.partialDeepStrictEqual(status?.lastCheck ?? {}, { ok: false, reason: 'unreachable' });
    assert.equal(status?.bridgeLabel, `127.0.0.1:${deadPort}`);
    assert.equal(await onPageSwitchChecked(page), 'true', 'the switch stays on: the user chose it');
  });

  test('a CDT tab’s content script finds no bridge setting in any storage; its switch still shows on', async () => {
    session = await launchChromium({ hosts: [OTHER_HOST] });
    assert.ok(http);
    const popup = await extensionPage(session);
    await popup.evaluate(storePrivateSettings, [
      ['mirrorHosts', [MARKED_MIRROR]],
      ['bridgeSettings', markedSettings(http.port)],
    ] as Entries);
    await waitFor(async () => (await popup.evaluate(readBadgeAndStatus)).status?.enabled, 'the bridge to be on');

    const page = await session.context.newPage();
    assert.equal(await visit(page, PATHS.enArticle), 'proxied', 'the bridge works');
    assert.equal(await onPageSwitchChecked(page), 'true', 'the on-page switch shows the bridge on');

    // The isolated world is the content scripts' own: what a compromised renderer's scripts could run.
    // The function is written into the expression: an extension page may not compile code itself.
    const seen = await popup.evaluate<string>(`(async () => {
      const [tab] = await chrome.tabs.query({ url: '*://chinadigitaltimes.net/*' });
      if (tab?.id === undefined) throw new Error('no CDT tab');
      const [result] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: ${readEveryStorage} });
      return result?.result;
    })()`);
    assert.ok(seen, 'the content script answered');
    for (const mark of marks(http.port))
      assert.ok(!seen.includes(mark), `a content script could read ${mark}: ${seen}`);
    // The checks are not empty: the extension page itself does see them, where they are kept.
    const own = await popup.evaluate(async () => {
      const request = indexedDB.open('coral');
      const db = await new Promise<IDBDatabase>((resolve) => {
        request.onsuccess = () => resolve(request.result);
      });
      const all = await new Promise<unknown[]>((resolve) => {
        const get = db.transaction('settings').objectStore('settings').getAll();
        get.onsuccess = () => resolve(get.result);
      });
      return JSON.stringify(all);
    });
    for (const mark of marks(http.port)) assert.ok(own.includes(mark), `the extension keeps ${mark}`);
  });
});
