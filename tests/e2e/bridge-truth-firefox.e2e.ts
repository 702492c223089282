// bridge-truth.e2e.ts in the system's Firefox ESR. WebDriver BiDi reaches an extension page only when
// the extension opens one itself: the on-page switch, flipped with no bridge set up, opens the options
// page (as in bridge-firefox.e2e.ts), from which the settings are stored and the badge, the status and
// the content script's world are read.
import assert from 'node:assert/strict';
import { after, afterEach, describe } from 'node:test';
import type { Page } from 'puppeteer-core';
import { onPageSwitch as clickOrReadSwitch, extensionPage, visitTwin, type Way } from './bridge-helpers.ts';
import {
  deadFallbackSettings,
  MARKED_MIRROR,
  markedSettings,
  marks,
  readBadgeAndStatus,
  readEveryStorage,
  storePrivateSettings,
} from './bridge-truth-support.ts';
import { type FirefoxSession, launchFirefox, waitFor } from './browsers.ts';
import { firefoxMissing, needs } from './prerequisites.ts';
import { freePort, PROXIED_ADDRESS, proxiesMissing, type RunningProxy, startTinyproxy } from './proxies.ts';
import { CDT_HOST, OTHER_HOST, PATHS, startTwinServers, type TwinServers } from './server.ts';

type Entries = Array<[string, unknown]>;

/** Every interaction with the on-page switch goes through one helper: `read` says whether it shows the bridge on. */
async function onPageSwitch(page: Page, action: 'read' | 'click'): Promise<string | null> {
  return (await clickOrReadSwitch(page, action)).checked;
}

const { test, before } = needs(firefoxMissing, proxiesMissing);

describe('Firefox ESR: the bridge says what is true and keeps its settings from pages', () => {
  let twins: TwinServers | undefined;
  let http: RunningProxy | undefined;
  let firefox: FirefoxSession | undefined;

  before(async () => {
    twins = await startTwinServers(PROXIED_ADDRESS);
    http = await startTinyproxy([CDT_HOST, OTHER_HOST]);
  });

  afterEach(async () => {
    await firefox?.close();
    firefox = undefined;
  });

  after(async () => {
    await Promise.all([firefox?.close(), http?.stop(), twins?.stop()]);
  });

  const site = () => {
    if (!twins) throw new Error('the servers did not start');
    return twins;
  };

  const visit = (page: Page, pathname: string): Promise<Way> => visitTwin(page, site(), CDT_HOST, pathname);

  /** A CDT article, and the options page its switch opens when no bridge is set up. */
  async function articleAndOptions(): Promise<{ article: Page; options: Page }> {
    firefox = await launchFirefox({ hosts: [OTHER_HOST] });
    const article = await firefox.browser.newPage();
    assert.equal(await visit(article, PATHS.enArticle), 'direct');
    assert.equal(await onPageSwitch(article, 'click'), 'false');
    const options = await extensionPage(firefox, 'options.html');
    return { article, options };
  }

  test('a down bridge with fallback to direct: the page loads directly, and badge and status say "direct", not ON', async () => {
    const { article, options } = await articleAndOptions();
    const deadPort = await freePort();
    await options.evaluate(storePrivateSettings, [['bridgeSettings', deadFallbackSettings(deadPort)]] as Entries);

    const { badge, status } = await waitFor(async () => {
      const read = await options.evaluate(readBadgeAndStatus);
      return read.status?.state === 'direct' ? read : undefined;
    }, 'the stored status to say the pages go direct');
    assert.equal(badge, '!', 'the badge warns instead of saying ON');
    assert.equal(status?.reason, 'unreachable');
    assert.partialDeepStrictEqual(status?.lastCheck ?? {}, { ok: false, reason: 'unreachable' });
    assert.equal(status?.bridgeLabel, `127.0.0.1:${deadPort}`);

    await article.bringToFront();
    assert.equal(await visit(article, PATHS.zhArticle), 'direct', 'the browser fell back to a direct connection');
    assert.equal((await options.evaluate(readBadgeAndStatus)).badge, '!', 'and the badge still says so');
    assert.equal(await onPageSwitch(article, 'read'), 'true', 'the switch stays on: the user chose it');
  });

  test('a CDT tab’s content script finds no bridge setting in any storage; its switch still shows on', async () => {
    assert.ok(http);
    const { article, options } = await articleAndOptions();
    await options.evaluate(storePrivateSettings, [
      ['mirrorHosts', [MARKED_MIRROR]],
      ['bridgeSettings', markedSettings(http.port)],
    ] as Entries);
    await waitFor(async () => (await options.evaluate(readBadgeAndStatus)).status?.enabled, 'the bridge to be on');
    await article.bringToFront();
    await waitFor(async () => (await onPageSwitch(article, 'read')) === 'true', 'the on-page switch to show on');

    // Run in the content scripts' own world of the CDT tab: what a compromised renderer's scripts could do.
    const seen = await options.evaluate(`(async () => {
      const [tab] = await browser.tabs.query({ url: '*://chinadigitaltimes.net/*' });
      if (tab?.id === undefined) throw new Error('no CDT tab');
      const [result] = await browser.tabs.executeScript(tab.id, { code: ${JSON.stringify(`(${readEveryStorage})()`)} });
      return result;
    })()`);
    assert.equal(typeof seen, 'string', 'the content script answered');
    for (const mark of marks(http.port)) {
      assert.ok(!String(seen).includes(mark), `a content script could read ${mark}: ${String(seen)}`);
    }
    const own = await options.evaluate(async () => {
      const request = indexedDB.open('coral');
      const db = await new Promise<IDBDatabase>((resolve) => {
        request.onsuccess = () => resolve(request.result);
      });
      const all = await new Promise<unknown[]>((resolve) => {
        const get = db.transaction('settings').objectStore('settings').getAll();
        get.onsuccess = () => resolve(get.result);
      });
      db.close();
      return JSON.stringify(all);
    });
    for (const mark of marks(http.port)) assert.ok(own.includes(mark), `the extension keeps ${mark}`);
  });
});
