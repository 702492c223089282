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
import { type FirefoxSession, launchFirefox, readLibrary } from './browsers.ts';
import {
  assertSamePictures,
  boxPixels,
  type DecoyChecks,
  type DecoyMode,
  decoyClicksChangeNothing,
  decoyPath,
  fakeSwitchChangesNothing,
  type PageScript,
} from './decoy.ts';
import { BRIDGE_SWITCH, clickControl, controlState, firefoxOnPage, waitForControl } from './on-page.ts';
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

  /** Nothing set up: the on-page switch opens the options page instead and stays off; set the bridge up there. */
  async function setUpFromThePage(session: FirefoxSession, article: Page, proxy: RunningProxy): Promise<Page> {
    const onPage = firefoxOnPage(article);
    assert.match((await waitForControl(onPage, BRIDGE_SWITCH)).name, /Use a bridge to reach CDT/);
    await clickControl(onPage, BRIDGE_SWITCH);
    const options = await extensionPage(session, 'options.html');
    assert.equal((await controlState(onPage, BRIDGE_SWITCH))?.checked, 'false');
    await configureOnOptionsPage(options, proxy.url, 'cdt');
    return options;
  }

  async function bridgeThroughOnPageSwitch(proxy: RunningProxy): Promise<void> {
    firefox = await launchFirefox({ hosts: [OTHER_HOST] });
    const article = await firefox.browser.newPage();
    assert.equal(await visit(article, CDT_HOST, PATHS.enArticle), 'direct', 'no bridge yet: CDT goes direct');
    const options = await setUpFromThePage(firefox, article, proxy);
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

  /** Bridge set up (tinyproxy, CDT only) and off; the options page kept open to read the background's truth. */
  async function decoySession(): Promise<{ session: FirefoxSession; options: Page; checks: DecoyChecks }> {
    assert.ok(http);
    const session = await launchFirefox({ hosts: [OTHER_HOST] });
    firefox = session;
    const article = await session.browser.newPage();
    await visit(article, CDT_HOST, PATHS.enArticle);
    const options = await setUpFromThePage(session, article, http);
    await article.close();
    const checks: DecoyChecks = {
      bridgeOn: async () => (await badgeText(options)) === 'ON',
      saved: async () => (await readLibrary(options as never)).articles > 0,
    };
    return { session, options, checks };
  }

  for (const mode of ['transparent', 'cover'] as const) {
    test(`decoy (${mode}): a real click on "Continue reading" over Coral's controls changes nothing`, async () => {
      const { session, checks } = await decoySession();
      const page = await session.browser.newPage();
      await page.goto(`http://${CDT_HOST}:${site().direct.port}${decoyPath(mode)}`);
      await decoyClicksChangeNothing(page as unknown as PageScript, firefoxOnPage(page), checks, mode);
    });
  }

  test("decoy (restyle): the page's CSS cannot change how Coral's boxes look", async () => {
    firefox = await launchFirefox({ hosts: [OTHER_HOST] });
    const page = await firefox.browser.newPage();
    const look = async (mode: DecoyMode) => {
      await page.goto(`http://${CDT_HOST}:${site().direct.port}${decoyPath(mode)}`);
      return boxPixels(page as unknown as PageScript, firefoxOnPage(page), (clip) => page.screenshot({ clip }));
    };
    const placed = await look('placed');
    const restyled = await look('restyle');
    await assertSamePictures(placed, restyled, 'firefox-restyle');
  });

  test('a fake switch saying On, with the real one hidden, leaves the badge Off', async () => {
    const { session, options, checks } = await decoySession();
    const page = await session.browser.newPage();
    await page.goto(`http://${CDT_HOST}:${site().direct.port}${decoyPath('fake')}`);
    await fakeSwitchChangesNothing(page as unknown as PageScript, checks);
    assert.equal(await badgeText(options), '');
  });
});

/** The toolbar badge, read from an extension page (the bridge sets it for the whole browser). */
function badgeText(extensionPage: Page): Promise<string> {
  return extensionPage.evaluate(() => {
    const api = (globalThis as unknown as { browser: { browserAction: { getBadgeText(d: object): Promise<string> } } })
      .browser;
    return api.browserAction.getBadgeText({});
  });
}
