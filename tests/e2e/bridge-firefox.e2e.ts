// The bridge in the system's Firefox ESR with real proxies. WebDriver BiDi will not navigate to
// moz-extension:// pages, but it can drive one the extension opens itself: the on-page switch, flipped
// with no bridge set up, opens the options page, where the bridge is set up like a user would. Then the
// on-page switch turns it on, and which copy of the site answered (127.0.0.1 direct, 127.0.0.2 through
// the proxy, as in bridge.e2e.ts) shows the route.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, describe } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { type FirefoxSession, launchFirefox, readLibrary, waitFor } from './browsers.ts';
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
import { CDT_HOST, type FixtureServer, OTHER_HOST, PATHS, startTwinServers, type TwinServers } from './server.ts';

const HOSTS = [CDT_HOST, OTHER_HOST];
type Way = 'proxied' | 'direct' | 'none';

/** Clicks the on-page switch (real input through BiDi) and waits for the background's answer. */
async function flip(page: Page, on: boolean): Promise<void> {
  const onPage = firefoxOnPage(page);
  const ready = await waitForControl(onPage, BRIDGE_SWITCH, (state) => !state.busy);
  assert.equal(ready.checked, String(!on), 'the switch starts the other way');
  await clickControl(onPage, BRIDGE_SWITCH);
  await waitForControl(onPage, BRIDGE_SWITCH, (state) => state.checked === String(on) && !state.busy);
}

/** The extension page whose address starts with moz-extension:// (BiDi reports it as about:blank). */
async function extensionPage(firefox: FirefoxSession, file: string): Promise<Page> {
  return waitFor(async () => {
    for (const page of await firefox.browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && new URL(href).pathname === `/${file}`) return page;
    }
    return undefined;
  }, `the extension to open ${file}`);
}

/** Sets the bridge up on the options page through its form, as a user would. */
async function configureOnOptionsPage(options: Page, bridgeUrl: string): Promise<void> {
  await options.waitForSelector('#bridge-address', { timeout: 10_000 });
  await options.type('#bridge-address', bridgeUrl);
  const addButton = await options.waitForFunction(
    () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Add bridge') ?? null,
  );
  await (addButton as ElementHandle<HTMLButtonElement>).click();
  await options.waitForFunction(() => document.body.textContent?.includes('Added'), { timeout: 10_000 });
  await options.click('input[name="bridge-scope"][value="cdt"]');
  const save = await options.waitForFunction(
    () => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Save') ?? null,
  );
  await (save as ElementHandle<HTMLButtonElement>).click();
  await options.waitForFunction(
    () => [...document.querySelectorAll('.bridge-save .status')].some((p) => p.textContent === 'Saved.'),
    { timeout: 10_000 },
  );
}

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

  function wayOf(id: string): Way {
    const { direct, proxied } = site();
    const hit = (server: FixtureServer) => server.requests.some((request) => request.path.includes(id));
    if (hit(proxied)) return hit(direct) ? 'none' : 'proxied';
    return hit(direct) ? 'direct' : 'none';
  }

  /** Loads the page with a query of its own, so no cache can answer, and says which way it went. */
  async function visit(page: Page, host: string, pathname = '/'): Promise<Way> {
    const id = randomUUID();
    const response = await page.goto(`http://${host}:${site().direct.port}${pathname}?coral-e2e=${id}`);
    const way = wayOf(id);
    if (way !== 'none') assert.equal(response?.status(), 200);
    return way;
  }

  /** Nothing set up: the on-page switch opens the options page instead and stays off; set the bridge up there. */
  async function setUpFromThePage(session: FirefoxSession, article: Page, proxy: RunningProxy): Promise<Page> {
    const onPage = firefoxOnPage(article);
    assert.match((await waitForControl(onPage, BRIDGE_SWITCH)).name, /Use a bridge to reach CDT/);
    await clickControl(onPage, BRIDGE_SWITCH);
    const options = await extensionPage(session, 'options.html');
    assert.equal((await controlState(onPage, BRIDGE_SWITCH))?.checked, 'false');
    await configureOnOptionsPage(options, proxy.url);
    return options;
  }

  async function bridgeThroughOnPageSwitch(proxy: RunningProxy): Promise<void> {
    firefox = await launchFirefox({ hosts: [OTHER_HOST] });
    const article = await firefox.browser.newPage();
    assert.equal(await visit(article, CDT_HOST, PATHS.enArticle), 'direct', 'no bridge yet: CDT goes direct');
    const options = await setUpFromThePage(firefox, article, proxy);
    await options.close();

    await article.bringToFront();
    await flip(article, true);
    const other = await firefox.browser.newPage();
    assert.equal(await visit(other, CDT_HOST, PATHS.zhArticle), 'proxied', 'the CDT page came through the bridge');
    assert.equal(await visit(other, OTHER_HOST), 'direct', 'another site stays direct');
    assert.equal(await visit(other, CDT_HOST, PATHS.home), 'proxied');

    await article.bringToFront();
    await flip(article, false);
    assert.equal(await visit(other, CDT_HOST, PATHS.zhArticle), 'direct', 'switched off, CDT goes direct again');
  }

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
