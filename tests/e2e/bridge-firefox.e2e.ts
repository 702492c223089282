// The bridge in the system's Firefox ESR with real proxies. WebDriver BiDi will not navigate to
// moz-extension:// pages, but it can drive one the extension opens itself: the on-page switch, flipped
// with no bridge set up, opens the options page, where the bridge is set up like a user would. Then the
// on-page switch turns it on, and which copy of the site answered (127.0.0.1 direct, 127.0.0.2 through
// the proxy, as in bridge.e2e.ts) shows the route.
import assert from 'node:assert/strict';
import { after, afterEach, describe } from 'node:test';
import type { Page } from 'puppeteer-core';
import {
  configureOnOptionsPage,
  extensionPage,
  flipOnPage,
  onPageSwitch,
  openOptionsFrom,
  visitTwin,
  type Way,
} from './bridge-helpers.ts';
import { type FirefoxSession, launchFirefox } from './browsers.ts';
import { firefoxMissing, needs } from './prerequisites.ts';
import { PROXIED_ADDRESS, proxiesMissing, type RunningProxy, startMicrosocks, startTinyproxy } from './proxies.ts';
import { CDT_HOST, OTHER_HOST, PATHS, startTwinServers, type TwinServers } from './server.ts';

const HOSTS = [CDT_HOST, OTHER_HOST];

const { test, before } = needs(firefoxMissing, proxiesMissing);

describe('Firefox ESR: the bridge through real proxies', () => {
  let twins: TwinServers | undefined;
  let http: RunningProxy | undefined;
  let socks: RunningProxy | undefined;
  let firefox: FirefoxSession | undefined;

  before(async () => {
    twins = await startTwinServers(PROXIED_ADDRESS);
    [http, socks] = await Promise.all([startTinyproxy(HOSTS), startMicrosocks(HOSTS)]);
  });

  afterEach(async () => {
    await firefox?.close();
    firefox = undefined;
  });

  after(async () => {
    await Promise.all([firefox?.close(), http?.stop(), socks?.stop(), twins?.stop()]);
  });

  const site = () => {
    if (!twins) throw new Error('the servers did not start');
    return twins;
  };

  /** Loads the page with a query of its own, so no cache can answer, and says which way it went. */
  const visit = (page: Page, host: string, pathname = '/'): Promise<Way> => visitTwin(page, site(), host, pathname);

  async function bridgeThroughOnPageSwitch(proxy: RunningProxy): Promise<void> {
    firefox = await launchFirefox({ hosts: [OTHER_HOST] });
    const article = await firefox.browser.newPage();
    assert.equal(await visit(article, CDT_HOST, PATHS.enArticle), 'direct', 'no bridge yet: CDT goes direct');
    assert.match((await onPageSwitch(article, 'read')).label, /Use a bridge/);

    // Nothing set up: switching on opens the options page instead, and stays off.
    await onPageSwitch(article, 'click');
    const options = await extensionPage(firefox, 'options.html');
    assert.equal((await onPageSwitch(article, 'read')).checked, 'false');
    await configureOnOptionsPage(options, proxy.url, 'cdt');
    await options.close();

    await article.bringToFront();
    await flipOnPage(article, true);
    const other = await firefox.browser.newPage();
    assert.equal(await visit(other, CDT_HOST, PATHS.zhArticle), 'proxied', 'the CDT page came through the bridge');
    assert.equal(await visit(other, OTHER_HOST), 'direct', 'another site stays direct');
    assert.equal(await visit(other, CDT_HOST, PATHS.home), 'proxied');

    await article.bringToFront();
    await flipOnPage(article, false);
    assert.equal(await visit(other, CDT_HOST, PATHS.zhArticle), 'direct', 'switched off, CDT goes direct again');
  }

  test('a bridge saved on the options page outlives its tab; "Everything" asks for every site during the click', async () => {
    // No prompt to answer: the request is granted at once, but still only from a click being handled.
    firefox = await launchFirefox({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    const article = await firefox.browser.newPage();
    await visit(article, CDT_HOST, PATHS.enArticle);
    await onPageSwitch(article, 'click');
    const options = await extensionPage(firefox, 'options.html');
    // A tab that stays open, to open the page again once this one has saved and closed.
    const keeper = await openOptionsFrom(firefox, options, 'keeper');
    await options.waitForSelector('#bridge-address', { timeout: 20_000 });
    await options.type('#bridge-address', 'socks5://127.0.0.1:1080');
    await options.click('input[name="bridge-scope"][value="all"]');
    await options.click('.save-row button[type="submit"]');
    await options.waitForFunction(() => document.querySelector('.save-row .status')?.textContent === 'Saved.', {
      timeout: 20_000,
    });
    const everySite = await options.evaluate(() => {
      type Permissions = { contains(p: { origins: string[] }): Promise<boolean> };
      const { browser } = globalThis as unknown as { browser: { permissions: Permissions } };
      return browser.permissions.contains({ origins: ['*://*/*'] });
    });
    assert.equal(everySite, true, 'Firefox gave Coral every site, which it needs to proxy them');
    await options.close();

    const again = await openOptionsFrom(firefox, keeper, 'again');
    const kept = await again.waitForFunction(
      () => {
        const radio = [...document.querySelectorAll<HTMLInputElement>('input[name="active-bridge"]')].find((input) =>
          input.closest('label')?.textContent?.includes('SOCKS5 127.0.0.1:1080'),
        );
        const everything = document.querySelector<HTMLInputElement>('input[name="bridge-scope"][value="all"]');
        return radio ? { active: radio.checked, everything: everything?.checked } : null;
      },
      { timeout: 20_000, polling: 100 },
    );
    assert.deepEqual(await kept.jsonValue(), { active: true, everything: true });
  });

  test('HTTP (tinyproxy): set up on the options page, on from the page, CDT through, other site direct', async () => {
    assert.ok(http);
    await bridgeThroughOnPageSwitch(http);
    const viaTinyproxy = site().proxied.requests.filter((request) => request.host === CDT_HOST);
    assert.ok(viaTinyproxy.length > 0 && viaTinyproxy.every((request) => /tinyproxy/.test(request.via ?? '')));
  });

  test('SOCKS5 (microsocks, host names resolved by the proxy): CDT through, other site direct', async () => {
    assert.ok(socks);
    const before = site().proxied.requests.length;
    await bridgeThroughOnPageSwitch(socks);
    assert.ok(
      site()
        .proxied.requests.slice(before)
        .every((request) => request.via === undefined),
    );
  });
});
