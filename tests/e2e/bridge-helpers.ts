// What the bridge's browser tests share: telling which copy of the twin site answered (127.0.0.1 direct,
// 127.0.0.2 through a proxy; see proxies.ts), and driving the bridge's controls in Chromium (playwright)
// and Firefox (puppeteer over WebDriver BiDi).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Page as ChromiumPage, Locator } from 'playwright-core';
import type { ElementHandle, Page as FirefoxPage } from 'puppeteer-core';
import { type ChromiumSession, type FirefoxSession, waitFor } from './browsers.ts';
import { BRIDGE_SWITCH, clickControl, firefoxOnPage, waitForControl } from './on-page.ts';
import type { FixtureServer, TwinServers } from './server.ts';

export type Way = 'proxied' | 'direct' | 'none';
export type Scope = 'cdt' | 'sites' | 'all';

/** Which copy of the site got the requests whose path carries `id` (and, if given, for `host`). */
export function wayOf(twins: TwinServers, id: string, host?: string): Way {
  const hit = (server: FixtureServer) =>
    server.requests.some((request) => request.path.includes(id) && (host === undefined || request.host === host));
  if (hit(twins.proxied)) return hit(twins.direct) ? 'none' : 'proxied';
  return hit(twins.direct) ? 'direct' : 'none';
}

/** What both harnesses' pages can do: go to a URL and hand back the response. */
interface Navigates {
  goto(url: string): Promise<{ status(): number } | null>;
}

/**
 * Loads `host` + `pathname` with a query of its own (`coral-e2e=<id>`, so no cache can answer) and says
 * which way it went; a page that loaded from either copy must have loaded whole.
 */
export async function visitTwin(page: Navigates, twins: TwinServers, host: string, pathname = '/'): Promise<Way> {
  const id = randomUUID();
  const url = `http://${host}:${twins.direct.port}${pathname}?coral-e2e=${id}`;
  const response = await page.goto(url).catch(() => null);
  const way = wayOf(twins, id);
  if (way !== 'none') assert.equal(response?.status(), 200, `${url} loaded`);
  return way;
}

// Chromium: the options page and the popup are reached by their URLs.

const SCOPE_LABEL: Record<Scope, RegExp> = { cdt: /^CDT only/, sites: /^These sites/, all: /^Everything/ };

/** Sets a bridge up on the options page, as a user would. */
export async function configureInChromium(
  s: ChromiumSession,
  bridgeUrl: string,
  scope: Scope,
  sites: string[] = [],
): Promise<void> {
  const page = await s.context.newPage();
  await page.goto(`${s.extensionOrigin}/options.html`);
  // One Save keeps the address typed, the scope and the sites together.
  await page.getByLabel(/Bridge address/).fill(bridgeUrl);
  await page.getByRole('radio', { name: SCOPE_LABEL[scope] }).check();
  if (scope === 'sites') await page.getByLabel(/Sites, one per line/).fill(sites.join('\n'));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.', { exact: true }).waitFor({ timeout: 10_000 });
  await page.close();
}

export async function openPopup(s: ChromiumSession): Promise<{ page: ChromiumPage; toggle: Locator }> {
  const page = await s.context.newPage();
  await page.goto(`${s.extensionOrigin}/popup.html`);
  const toggle = page.getByRole('switch', { name: /Use a bridge/ });
  await toggle.waitFor({ timeout: 10_000 });
  return { page, toggle };
}

/** Clicks a switch (a trusted click) and waits for the background's answer. */
export async function flipLocator(toggle: Locator, on: boolean): Promise<void> {
  await waitFor(async () => (await toggle.getAttribute('aria-busy')) === null, 'the switch to be ready');
  assert.equal(await toggle.getAttribute('aria-checked'), String(!on), 'the switch starts the other way');
  await toggle.click();
  await waitFor(
    async () =>
      (await toggle.getAttribute('aria-checked')) === String(on) && (await toggle.getAttribute('aria-busy')) === null,
    `the switch to settle ${on ? 'on' : 'off'}`,
  );
}

// Firefox: WebDriver BiDi will not navigate to moz-extension:// pages, but it can drive one the extension
// opens itself (the on-page switch, flipped with no bridge set up, opens the options page).

export interface SwitchState {
  checked: string | null;
  busy: string | null;
  label: string;
}

/**
 * Every touch of the on-page "Use a bridge" switch goes through here: it is in a closed shadow root, so it
 * is read through WebDriver BiDi and clicked with real input (tests/e2e/on-page.ts). Says how it looks after.
 */
export async function onPageSwitch(page: FirefoxPage, action: 'read' | 'click'): Promise<SwitchState> {
  const onPage = firefoxOnPage(page);
  await waitForControl(onPage, BRIDGE_SWITCH);
  if (action === 'click') await clickControl(onPage, BRIDGE_SWITCH);
  const state = await waitForControl(onPage, BRIDGE_SWITCH);
  return { checked: state.checked ?? null, busy: state.busy ? 'true' : null, label: state.name };
}

/** Clicks the on-page switch (real input through BiDi) and waits for the background's answer. */
export async function flipOnPage(page: FirefoxPage, on: boolean): Promise<void> {
  const onPage = firefoxOnPage(page);
  const ready = await waitForControl(onPage, BRIDGE_SWITCH, (state) => !state.busy);
  assert.equal(ready.checked, String(!on), 'the switch starts the other way');
  await clickControl(onPage, BRIDGE_SWITCH);
  await waitForControl(onPage, BRIDGE_SWITCH, (state) => state.checked === String(on) && !state.busy);
}

/** The extension page whose address starts with moz-extension:// (BiDi reports it as about:blank). */
export async function extensionPage(firefox: FirefoxSession, file: string): Promise<FirefoxPage> {
  return waitFor(async () => {
    for (const page of await firefox.browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && new URL(href).pathname === `/${file}`) return page;
    }
    return undefined;
  }, `the extension to open ${file}`);
}

async function buttonNamed(page: FirefoxPage, name: string): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await page.waitForFunction(
    (text: string) => [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text) ?? null,
    { timeout: 10_000 },
    name,
  );
  return handle as ElementHandle<HTMLButtonElement>;
}

/**
 * Sets the bridge up on the options page through its form, as a user would: the address, the scope, one
 * Save (which asks for the scope's permissions during the click).
 */
export async function configureOnOptionsPage(options: FirefoxPage, bridgeUrl: string, scope: Scope): Promise<void> {
  await options.waitForSelector('#bridge-address', { timeout: 10_000 });
  await options.type('#bridge-address', bridgeUrl);
  await options.click(`input[name="bridge-scope"][value="${scope}"]`);
  await (await buttonNamed(options, 'Save')).click();
  await options.waitForFunction(() => document.querySelector('#bridge-save-status')?.textContent === 'Saved.', {
    timeout: 10_000,
  });
}

/** Opens options.html#`hash` in a new tab from an extension page (BiDi cannot navigate to one) and finds it. */
export async function openOptionsFrom(firefox: FirefoxSession, from: FirefoxPage, hash: string): Promise<FirefoxPage> {
  await from.evaluate((url: string) => {
    type Tabs = { create(p: { url: string }): Promise<unknown> };
    const { browser } = globalThis as unknown as { browser: { tabs: Tabs } };
    return void browser.tabs.create({ url });
  }, `/options.html#${hash}`);
  return waitFor(async () => {
    for (const page of await firefox.browser.pages()) {
      if ((await page.evaluate(() => location.hash).catch(() => '')) === `#${hash}`) return page;
    }
    return undefined;
  }, `options.html#${hash} to open`);
}

/** Adds a CDT mirror on the options page; the browser must grant the permission without asking. */
export async function addMirrorOnOptionsPage(options: FirefoxPage, host: string): Promise<void> {
  await options.waitForSelector('#mirror-host', { timeout: 10_000 });
  await options.type('#mirror-host', host);
  await (await buttonNamed(options, 'Add')).click();
  await options.waitForFunction(
    (h: string) => document.getElementById('mirror-status')?.textContent === `Added ${h}.`,
    {
      timeout: 10_000,
    },
    host,
  );
}

/**
 * Grants the optional permission for every site the way an options page does it: `permissions.request`
 * from a trusted click's handler (Firefox refuses it otherwise; the browser must be set to grant without
 * asking). Until the options page's Save asks for the scope's origins itself, a button is added for it.
 */
export async function grantAllSites(options: FirefoxPage): Promise<void> {
  await options.evaluate(() => {
    type Permissions = { request(wanted: { origins: string[] }): Promise<boolean> };
    const api = (globalThis as unknown as { browser: { permissions: Permissions } }).browser;
    const button = document.createElement('button');
    button.id = 'coral-e2e-grant';
    button.textContent = 'grant';
    button.addEventListener('click', () => {
      void api.permissions.request({ origins: ['*://*/*'] }).then((granted) => {
        button.dataset.granted = String(granted);
      });
    });
    document.body.append(button);
  });
  await options.click('#coral-e2e-grant');
  const granted = await options.waitForFunction(
    () => document.getElementById('coral-e2e-grant')?.dataset.granted ?? null,
    { timeout: 10_000 },
  );
  assert.equal(await granted.jsonValue(), 'true', 'Firefox granted every site');
}
