// The bridge in the system's Chromium with real proxies: configured on the options page, switched on
// from the popup or the page, and judged by which copy of the site answered. The browser resolves the
// test hosts to 127.0.0.1, the proxies (tinyproxy for HTTP, microsocks for SOCKS5) to 127.0.0.2; both
// copies serve the same pages on the same port, so a request in 127.0.0.2's log went through the bridge.
import assert from 'node:assert/strict';
import { after, afterEach, describe } from 'node:test';
import type { Page } from 'playwright-core';
import {
  configureInChromium as configure,
  flipLocator as flip,
  openPopup,
  visitTwin,
  type Way,
} from './bridge-helpers.ts';
import { type ChromiumSession, launchChromium, readLibrary, waitFor } from './browsers.ts';
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
import {
  BRIDGE_SWITCH,
  chromiumOnPage,
  clickControl,
  controlState,
  type OnPage,
  saveButton,
  waitForControl,
} from './on-page.ts';
import { chromiumMissing, needs } from './prerequisites.ts';
import {
  freePort,
  PROXIED_ADDRESS,
  proxiesMissing,
  type RunningProxy,
  startMicrosocks,
  startTinyproxy,
} from './proxies.ts';
import { CDT_HOST, OTHER_HOST, PATHS, startTwinServers, type TwinServers } from './server.ts';

const HOSTS = [CDT_HOST, OTHER_HOST];

const { test, before } = needs(chromiumMissing, proxiesMissing);

describe('Chromium: the bridge through real proxies', () => {
  let twins: TwinServers | undefined;
  let http: RunningProxy | undefined;
  let socks: RunningProxy | undefined;
  let session: ChromiumSession | undefined;

  before(async () => {
    twins = await startTwinServers(PROXIED_ADDRESS);
    [http, socks] = await Promise.all([startTinyproxy(HOSTS), startMicrosocks(HOSTS)]);
  });

  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  after(async () => {
    await Promise.all([session?.close(), http?.stop(), socks?.stop(), twins?.stop()]);
  });

  async function launch(): Promise<ChromiumSession> {
    session = await launchChromium({ hosts: [OTHER_HOST] });
    return session;
  }

  const site = () => {
    if (!twins) throw new Error('the servers did not start');
    return twins;
  };

  /** Loads `host` + `pathname` with a query of its own (no cache can answer) and says which way it went. */
  const visit = (page: Page, host: string, pathname = '/'): Promise<Way> => visitTwin(page, site(), host, pathname);

  /** Clicks the on-page switch with real input and waits for the background's answer. */
  async function flipOnPage(onPage: OnPage, on: boolean): Promise<void> {
    const ready = await waitForControl(onPage, BRIDGE_SWITCH, (state) => !state.busy);
    assert.equal(ready.checked, String(!on), 'the switch starts the other way');
    await clickControl(onPage, BRIDGE_SWITCH);
    await waitForControl(onPage, BRIDGE_SWITCH, (state) => state.checked === String(on) && !state.busy);
  }

  /** The toolbar badge, read from an extension page (any tab: the bridge sets it for the whole browser). */
  const badgeText = (extensionPage: Page) =>
    extensionPage.evaluate(() => {
      const { chrome } = globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } };
      return chrome.action.getBadgeText({});
    });

  test('SOCKS5, CDT only: CDT goes through microsocks, another site does not', async () => {
    const s = await launch();
    assert.ok(socks);
    await configure(s, socks.url, 'cdt');
    const { page: popup, toggle } = await openPopup(s);
    const page = await s.context.newPage();
    assert.equal(await visit(page, CDT_HOST, PATHS.enArticle), 'direct', 'before the switch, CDT goes direct');
    await flip(toggle, true);
    assert.equal(await badgeText(popup), 'ON');
    assert.equal(await visit(page, CDT_HOST, PATHS.enArticle), 'proxied', 'the CDT article came through the bridge');
    await waitForControl(chromiumOnPage(page), saveButton(/Save offline/));
    assert.equal(await visit(page, OTHER_HOST), 'direct', 'other.test stays direct');
    // microsocks relays bytes and adds no header; tinyproxy would have added Via.
    assert.ok(site().proxied.requests.every((request) => request.via === undefined));
    await flip(toggle, false);
    assert.equal(await visit(page, CDT_HOST, PATHS.enArticle), 'direct', 'switched off, CDT goes direct again');
  });

  test('HTTP, these sites: the listed site goes through tinyproxy, CDT does not', async () => {
    const s = await launch();
    assert.ok(http);
    await configure(s, http.url, 'sites', [OTHER_HOST]);
    const { toggle } = await openPopup(s);
    await flip(toggle, true);
    const page = await s.context.newPage();
    assert.equal(await visit(page, OTHER_HOST), 'proxied');
    assert.equal(await visit(page, CDT_HOST, PATHS.home), 'direct');
    const viaTinyproxy = site().proxied.requests.filter((request) => request.host === OTHER_HOST);
    assert.ok(viaTinyproxy.length > 0 && viaTinyproxy.every((request) => /tinyproxy/.test(request.via ?? '')));
  });

  test('HTTP, everything: both sites go through tinyproxy; switched off, neither does', async () => {
    const s = await launch();
    assert.ok(http);
    await configure(s, http.url, 'all');
    const { page: popup, toggle } = await openPopup(s);
    await flip(toggle, true);
    const page = await s.context.newPage();
    assert.equal(await visit(page, CDT_HOST, PATHS.zhArticle), 'proxied');
    assert.equal(await visit(page, OTHER_HOST), 'proxied');
    await flip(toggle, false);
    assert.equal(await visit(page, CDT_HOST, PATHS.zhArticle), 'direct');
    assert.equal(await visit(page, OTHER_HOST), 'direct');
    assert.equal(await badgeText(popup), '');
  });

  test('the on-page switch and the popup switch follow each other', async () => {
    const s = await launch();
    assert.ok(http);
    await configure(s, http.url, 'cdt');
    const article = await s.context.newPage();
    assert.equal(await visit(article, CDT_HOST, PATHS.enArticle), 'direct');
    const onPage = chromiumOnPage(article);
    assert.match((await waitForControl(onPage, BRIDGE_SWITCH)).name, /Use a bridge to reach CDT/);
    assert.equal(
      await article.evaluate(() => document.querySelector('coral-bridge-switch')?.shadowRoot ?? null),
      null,
      'the on-page switch lives in a closed shadow root',
    );
    const { toggle: inPopup } = await openPopup(s);
    await waitFor(async () => (await inPopup.getAttribute('aria-checked')) === 'false', 'popup shows off');

    await article.bringToFront();
    await flipOnPage(onPage, true);
    await waitFor(async () => (await inPopup.getAttribute('aria-checked')) === 'true', 'the popup follows the page');
    const check = await s.context.newPage();
    assert.equal(await visit(check, CDT_HOST, PATHS.zhArticle), 'proxied', 'the page switch turned the bridge on');

    await flip(inPopup, false);
    await waitFor(
      async () => (await controlState(onPage, BRIDGE_SWITCH))?.checked === 'false',
      'the page follows the popup',
    );
    assert.equal(await visit(check, CDT_HOST, PATHS.zhArticle), 'direct', 'the popup switch turned it off');
  });

  test('the bridge stays applied while the service worker is stopped', async () => {
    const s = await launch();
    assert.ok(http);
    await configure(s, http.url, 'cdt');
    const { page: popup, toggle } = await openPopup(s);
    await flip(toggle, true);
    await popup.close();

    // The DevTools protocol reports the extension's worker (the only one) as it stops and starts.
    const page = await s.context.newPage();
    const cdp = await s.context.newCDPSession(page);
    const states: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const version of versions)
        if (version.scriptURL.startsWith(s.extensionOrigin)) states.push(version.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await waitFor(() => states.at(-1) === 'running', 'the worker to be reported running');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await waitFor(() => states.at(-1) === 'stopped', 'the worker to stop');
    const stoppedAt = states.length;

    assert.equal(await visit(page, OTHER_HOST), 'direct');
    assert.equal(states.at(-1), 'stopped', 'loading a page outside CDT did not need the worker');
    assert.equal(await visit(page, CDT_HOST, PATHS.home), 'proxied', 'with the worker stopped, CDT still goes through');
    // The content script on the CDT page asks the background about the switch, which starts it again.
    await waitFor(() => states.slice(stoppedAt).includes('running'), 'a new worker to start');
    const check = await openPopup(s);
    assert.equal(await check.toggle.getAttribute('aria-checked'), 'true');
    assert.equal(await badgeText(check.page), 'ON');
    assert.equal(await visit(page, CDT_HOST, PATHS.enArticle), 'proxied');
  });

  test('a bridge with nothing listening shows the error state and sends nothing direct', async () => {
    const s = await launch();
    const deadPort = await freePort();
    await configure(s, `http://127.0.0.1:${deadPort}`, 'cdt');
    const { page: popup, toggle } = await openPopup(s);
    await flip(toggle, true);
    const page = await s.context.newPage();
    assert.equal(await visit(page, CDT_HOST, PATHS.enArticle), 'none', 'the page reached no server at all');
    await waitFor(async () => (await badgeText(popup)) === '!', 'the badge to show "!"');
    const status = popup.locator('.popup-bridge .bridge-status');
    await waitFor(async () => /Not working/.test((await status.textContent()) ?? ''), 'the popup to show the error');
    assert.match((await status.textContent()) ?? '', /cannot be reached|refused/);
    assert.equal(await toggle.getAttribute('aria-checked'), 'true', 'the switch stays on: the user chose it');
  });

  /** Bridge set up (tinyproxy, CDT only) and off; an extension page open to read the background's truth. */
  async function decoySession(): Promise<{ s: ChromiumSession; popup: Page; checks: DecoyChecks }> {
    const s = await launch();
    assert.ok(http);
    await configure(s, http.url, 'cdt');
    const { page: popup, toggle } = await openPopup(s);
    const checks: DecoyChecks = {
      bridgeOn: async () => (await badgeText(popup)) === 'ON' && (await toggle.getAttribute('aria-checked')) === 'true',
      saved: async () => (await readLibrary(popup)).articles > 0,
    };
    return { s, popup, checks };
  }

  for (const mode of ['transparent', 'cover'] as const) {
    test(`decoy (${mode}): a real click on "Continue reading" over Coral's controls changes nothing`, async () => {
      const { s, checks } = await decoySession();
      const page = await s.context.newPage();
      await page.goto(`http://${CDT_HOST}:${site().direct.port}${decoyPath(mode)}`);
      await decoyClicksChangeNothing(page as unknown as PageScript, chromiumOnPage(page), checks, mode);
    });
  }

  test("decoy (restyle): the page's CSS cannot change how Coral's boxes look", async () => {
    const s = await launch();
    const page = await s.context.newPage();
    const look = async (mode: DecoyMode) => {
      await page.goto(`http://${CDT_HOST}:${site().direct.port}${decoyPath(mode)}`);
      return boxPixels(page as unknown as PageScript, chromiumOnPage(page), (clip) => page.screenshot({ clip }));
    };
    const placed = await look('placed');
    const restyled = await look('restyle');
    await assertSamePictures(placed, restyled, 'chromium-restyle');
  });

  test('a fake switch saying On, with the real one hidden, leaves the badge and the popup Off', async () => {
    const { s, popup, checks } = await decoySession();
    const page = await s.context.newPage();
    await page.goto(`http://${CDT_HOST}:${site().direct.port}${decoyPath('fake')}`);
    await fakeSwitchChangesNothing(page as unknown as PageScript, checks);
    assert.equal(await badgeText(popup), '');
  });
});
