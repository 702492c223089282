// Firefox proxies only the requests Coral has host permission for, while the bridge counts every subdomain
// of CDT and of each mirror as "CDT only". Here a page on sub.<domain> loads an image from
// static.<domain>: both must come through the bridge and never straight to the site, and their names must
// be resolved by the proxy (the browser resolves them to 127.0.0.1, the direct copy of the site; the
// proxies to 127.0.0.2, the proxied copy: see proxies.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, describe } from 'node:test';
import type { Page } from 'puppeteer-core';
import {
  addMirrorOnOptionsPage,
  configureOnOptionsPage,
  extensionPage,
  flipOnPage,
  onPageSwitch,
  visitTwin,
  wayOf,
} from './bridge-helpers.ts';
import { type FirefoxSession, launchFirefox } from './browsers.ts';
import { firefoxMissing, needs } from './prerequisites.ts';
import { PROXIED_ADDRESS, proxiesMissing, type RunningProxy, startMicrosocks, startTinyproxy } from './proxies.ts';
import {
  CDT_HOST,
  MIRROR_HOST,
  OTHER_HOST,
  PATHS,
  SUBDOMAIN_HOSTS,
  SUBDOMAIN_PAGE,
  startTwinServers,
  type TwinServers,
} from './server.ts';

const HOSTS = [CDT_HOST, OTHER_HOST, MIRROR_HOST, ...SUBDOMAIN_HOSTS];

const { test, before } = needs(firefoxMissing, proxiesMissing);

describe('Firefox ESR: "CDT only" takes CDT and mirror subdomains through the bridge', () => {
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

  /** Sets the bridge and a mirror up on the options page the on-page switch opens, then turns it on there. */
  async function bridgeOn(proxy: RunningProxy): Promise<Page> {
    firefox = await launchFirefox({
      hosts: HOSTS.filter((host) => host !== CDT_HOST),
      // "Add mirror" asks for the mirror's permission; granted without a doorhanger here.
      prefs: { 'extensions.webextOptionalPermissionPrompts': false },
    });
    const article = await firefox.browser.newPage();
    assert.equal(await visitTwin(article, site(), CDT_HOST, PATHS.enArticle), 'direct', 'no bridge yet');
    await onPageSwitch(article, 'click');
    const options = await extensionPage(firefox, 'options.html');
    await addMirrorOnOptionsPage(options, MIRROR_HOST);
    await configureOnOptionsPage(options, proxy.url, 'cdt');
    await options.close();
    await article.bringToFront();
    await flipOnPage(article, true);
    return article;
  }

  /** Loads sub.<domain>'s page (which waits for its image) and says which way the page and the image went. */
  async function pageAndImage(page: Page, domain: string): Promise<{ page: string; image: string }> {
    const id = randomUUID();
    const response = await page.goto(`http://sub.${domain}:${site().direct.port}${SUBDOMAIN_PAGE}?coral-e2e=${id}`);
    assert.equal(response?.status(), 200, `sub.${domain} loaded`);
    const loaded = await page.$eval('img', (img) => img.complete && img.naturalWidth > 0);
    assert.ok(loaded, `the image on static.${domain} loaded`);
    return { page: wayOf(site(), id, `sub.${domain}`), image: wayOf(site(), id, `static.${domain}`) };
  }

  async function everySubdomainThroughTheBridge(proxy: RunningProxy): Promise<void> {
    const article = await bridgeOn(proxy);
    const other = await firefox?.browser.newPage();
    assert.ok(other);
    for (const domain of [CDT_HOST, MIRROR_HOST]) {
      assert.deepEqual(await pageAndImage(other, domain), { page: 'proxied', image: 'proxied' }, domain);
    }
    assert.equal(await visitTwin(other, site(), OTHER_HOST), 'direct', 'a site outside the scope stays direct');
    assert.equal((await onPageSwitch(article, 'read')).checked, 'true', 'the switch says On, and it is true');
  }

  test('SOCKS5 (microsocks): sub. and static. of CDT and of a mirror come through, named by the proxy', async () => {
    assert.ok(socks);
    await everySubdomainThroughTheBridge(socks);
  });

  test('HTTP (tinyproxy): sub. and static. of CDT and of a mirror come through', async () => {
    assert.ok(http);
    const before = site().proxied.requests.length;
    await everySubdomainThroughTheBridge(http);
    const subdomains = site()
      .proxied.requests.slice(before)
      .filter((request) => SUBDOMAIN_HOSTS.includes(request.host));
    assert.ok(subdomains.length >= 4 && subdomains.every((request) => /tinyproxy/.test(request.via ?? '')));
  });
});
