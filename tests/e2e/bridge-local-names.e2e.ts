// Intranet names never go to the bridge, even with scope "Everything": a printer.lan or nas.home.arpa sent
// to a proxy cannot be reached, and tells the proxy's operator what is on the user's network. In Chromium
// (fixed servers and their bypass list) and Firefox (proxy.onRequest), through real tinyproxy and
// microsocks: each local name must reach the direct copy of the site (127.0.0.1, where the browser resolves
// it) and never the proxied one (127.0.0.2, where the proxies would), while other.test goes through.
import assert from 'node:assert/strict';
import { after, afterEach, describe } from 'node:test';
import {
  configureInChromium,
  configureOnOptionsPage,
  extensionPage,
  flipLocator,
  flipOnPage,
  grantAllSites,
  onPageSwitch,
  openPopup,
  visitTwin,
  type Way,
} from './bridge-helpers.ts';
import { type ChromiumSession, type FirefoxSession, launchChromium, launchFirefox } from './browsers.ts';
import { chromiumMissing, firefoxMissing, needs } from './prerequisites.ts';
import { PROXIED_ADDRESS, proxiesMissing, type RunningProxy, startMicrosocks, startTinyproxy } from './proxies.ts';
import { CDT_HOST, LOCAL_NAME_HOSTS, OTHER_HOST, PATHS, startTwinServers, type TwinServers } from './server.ts';

const HOSTS = [CDT_HOST, OTHER_HOST, ...LOCAL_NAME_HOSTS];
const EXTRA_HOSTS = [OTHER_HOST, ...LOCAL_NAME_HOSTS];

const chromium = needs(chromiumMissing, proxiesMissing);
const firefox = needs(firefoxMissing, proxiesMissing);

describe('"Everything" leaves local names direct', () => {
  let twins: TwinServers | undefined;
  let proxies: Record<RunningProxy['kind'], RunningProxy> | undefined;
  let sessions: Array<ChromiumSession | FirefoxSession> = [];

  const setUp = async () => {
    twins = await startTwinServers(PROXIED_ADDRESS);
    const [http, socks] = await Promise.all([startTinyproxy(HOSTS), startMicrosocks(HOSTS)]);
    proxies = { http, socks5: socks };
  };
  // Either browser's gate may hold the other's prerequisites back; one set of servers serves both.
  (chromium.missing ? firefox : chromium).before(setUp);

  afterEach(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    sessions = [];
  });

  after(async () => {
    await Promise.all([...sessions.map((s) => s.close()), proxies?.http.stop(), proxies?.socks5.stop(), twins?.stop()]);
  });

  const site = () => {
    if (!twins || !proxies) throw new Error('the servers did not start');
    return { twins, proxies };
  };

  /** Where each local name and other.test went, with the bridge on for every site. */
  async function ways(visit: (host: string) => Promise<Way>): Promise<Record<string, Way>> {
    const seen: Record<string, Way> = {};
    for (const host of [...LOCAL_NAME_HOSTS, OTHER_HOST]) seen[host] = await visit(host);
    return seen;
  }

  const expected = Object.fromEntries([
    ...LOCAL_NAME_HOSTS.map((host) => [host, 'direct']),
    [OTHER_HOST, 'proxied'],
  ]) as Record<string, Way>;

  async function inChromium(kind: RunningProxy['kind']): Promise<void> {
    const { twins, proxies } = site();
    const session = await launchChromium({ hosts: EXTRA_HOSTS });
    sessions.push(session);
    await configureInChromium(session, proxies[kind].url, 'all');
    const { toggle } = await openPopup(session);
    await flipLocator(toggle, true);
    const page = await session.context.newPage();
    assert.deepEqual(await ways((host) => visitTwin(page, twins, host)), expected);
  }

  async function inFirefox(kind: RunningProxy['kind']): Promise<void> {
    const { twins, proxies } = site();
    const session = await launchFirefox({
      hosts: EXTRA_HOSTS,
      prefs: { 'extensions.webextOptionalPermissionPrompts': false },
    });
    sessions.push(session);
    const article = await session.browser.newPage();
    assert.equal(await visitTwin(article, twins, CDT_HOST, PATHS.enArticle), 'direct', 'no bridge yet');
    await onPageSwitch(article, 'click');
    const options = await extensionPage(session, 'options.html');
    await configureOnOptionsPage(options, proxies[kind].url, 'all');
    // Firefox proxies only what Coral may see: "Everything" needs every site.
    await grantAllSites(options);
    await options.close();
    await article.bringToFront();
    await flipOnPage(article, true);
    const page = await session.browser.newPage();
    assert.deepEqual(await ways((host) => visitTwin(page, twins, host)), expected);
  }

  chromium.test('Chromium, HTTP (tinyproxy)', () => inChromium('http'));
  chromium.test('Chromium, SOCKS5 (microsocks)', () => inChromium('socks5'));
  firefox.test('Firefox ESR, HTTP (tinyproxy)', () => inFirefox('http'));
  firefox.test('Firefox ESR, SOCKS5 (microsocks)', () => inFirefox('socks5'));
});
