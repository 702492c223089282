import { type Browser, browser } from 'wxt/browser';
import type { BridgeSettings } from '../../shared/bridge-types';
import {
  type FirefoxProxyInfo,
  firefoxProxyInfo,
  fixedServersFor,
  pacLiteral,
  pacResultFor,
  pacScript,
} from '../pac-script';
import type { SettingState } from '../reconcile';
import { createRouter, type Route, type RoutingConfig } from '../routing';
import { activeBridge, routingConfig } from '../settings';

// The only file that touches `browser.proxy`. Chrome takes a whole configuration (PAC or fixed servers)
// through proxy.settings; Firefox asks a listener for every request. Everything else stays plain data.

export const IS_FIREFOX = import.meta.env.BROWSER === 'firefox';

export type ChromeProxyValue = Browser.proxy.ProxyConfig;

/**
 * The Chrome configuration for what the user asked for, or null when the bridge is off or has no server.
 * Every site through the bridge with no way around it is the one case fixed servers express exactly; a
 * narrower scope, or falling back to direct, needs a PAC script. The PAC is mandatory, so a broken script
 * stops requests instead of sending them direct.
 */
export function chromeProxyValue(
  settings: BridgeSettings,
  mirrors: readonly string[],
  checkPrefix?: string,
): ChromeProxyValue | null {
  const bridge = activeBridge(settings);
  if (!settings.enabled || !bridge) return null;
  if (settings.scope.kind === 'all' && !settings.fallbackDirect) {
    return { mode: 'fixed_servers', rules: fixedServersFor(bridge) };
  }
  const pac = pacScript(routingConfig(settings, [...mirrors]));
  const route: Route = { kind: 'proxy', scheme: bridge.scheme, host: bridge.host, port: bridge.port };
  const data = checkPrefix ? withHealthCheck(pac, checkPrefix, pacResultFor(route, false)) : pac;
  return { mode: 'pac_script', pacScript: { data, mandatory: true } };
}

const PAC_ENTRY = 'function FindProxyForURL(';

/**
 * The PAC script with one more rule in front: an address starting with `prefix` (the health check's,
 * with its secret) goes through the bridge and nowhere else, whatever the scope and the fallback say,
 * so the check can only succeed through the bridge. Chrome hands PAC scripts whole http:// addresses.
 */
export function withHealthCheck(pac: string, prefix: string, result: string): string {
  if (pac.split(PAC_ENTRY).length !== 2) throw new Error('The PAC script has no single FindProxyForURL');
  return [
    pac.replace(PAC_ENTRY, 'function coralScopeRoute('),
    `var CORAL_CHECK = ${pacLiteral(prefix)};`,
    `var CORAL_CHECK_PROXY = ${pacLiteral(result)};`,
    `${PAC_ENTRY}url, host) {`,
    '  if (String(url).indexOf(CORAL_CHECK) === 0) return CORAL_CHECK_PROXY;',
    '  return coralScopeRoute(url, host);',
    '}',
  ].join('\n');
}

type ProxyApi = typeof browser.proxy;

export async function readChromeProxy(api: ProxyApi = browser.proxy): Promise<SettingState<ChromeProxyValue>> {
  const { levelOfControl, value } = await api.settings.get({});
  return { levelOfControl, value };
}

export async function setChromeProxy(value: ChromeProxyValue, api: ProxyApi = browser.proxy): Promise<void> {
  await api.settings.set({ value, scope: 'regular' });
}

export async function clearChromeProxy(api: ProxyApi = browser.proxy): Promise<void> {
  await api.settings.clear({ scope: 'regular' });
}

/** Chrome: the proxy could not be reached, refused, or the PAC script failed. */
export function onChromeProxyError(listener: (error: string) => void, api: ProxyApi = browser.proxy): void {
  api.onProxyError.addListener((details) => listener(details.error));
}

/** What Firefox hands a proxy.onRequest listener (the part Coral reads). */
export interface FirefoxRequest {
  url: string;
  requestId?: string;
}

type FirefoxAnswer = FirefoxProxyInfo | (FirefoxProxyInfo | null)[];

/** Firefox's proxy API, which the Chrome typings lack. */
export interface FirefoxProxyApi {
  onRequest: {
    addListener(
      listener: (details: FirefoxRequest) => FirefoxAnswer | Promise<FirefoxAnswer>,
      filter: { urls: string[] },
    ): void;
  };
  onError: { addListener(listener: (error: Error) => void): void };
}

const firefoxProxy = () => (browser as unknown as { proxy: FirefoxProxyApi }).proxy;

/** What the Firefox listener routes by. */
export interface FirefoxRouting {
  /** Null while the bridge is off. */
  route: ((url: string) => Route) | null;
  fallbackDirect: boolean;
  /** "Test bridge": this one URL goes through this route, whatever the settings say. */
  test?: { url: string; route: Route };
  /** The health check's URL, through the active bridge only, the same way. */
  check?: { url: string; route: Route };
}

/**
 * Firefox fails a proxied request over to the browser's own proxy unless the list ends in null; with
 * `fallbackDirect` off that null is what makes a down bridge fail instead of going direct.
 */
export function firefoxAnswer(url: string, routing: FirefoxRouting): FirefoxAnswer {
  const test = [routing.test, routing.check].find((probe) => probe?.url === url);
  const route: Route = test?.route ?? routing.route?.(url) ?? { kind: 'direct' };
  if (route.kind === 'direct') return firefoxProxyInfo(route);
  if (routing.fallbackDirect && !test) return [firefoxProxyInfo(route, { failoverTimeout: 5 }), { type: 'direct' }];
  return [firefoxProxyInfo(route), null];
}

/** The Firefox routing for the settings: the scope is prepared once, not on every request. */
export function firefoxRouting(config: RoutingConfig | null): FirefoxRouting {
  return { route: config?.bridge ? createRouter(config) : null, fallbackDirect: config?.fallbackDirect ?? false };
}

/**
 * The proxy.onRequest listener. It exists before the settings are read, so a request made in that moment
 * waits for them (Firefox accepts a Promise) instead of slipping out direct.
 */
export function firefoxRequestHandler(
  current: () => FirefoxRouting | undefined,
  loaded: () => Promise<FirefoxRouting>,
): (details: FirefoxRequest) => FirefoxAnswer | Promise<FirefoxAnswer> {
  return (details) => {
    const routing = current();
    return routing ? firefoxAnswer(details.url, routing) : loaded().then((ready) => firefoxAnswer(details.url, ready));
  };
}

export function listenFirefoxRequests(
  handler: (details: FirefoxRequest) => FirefoxAnswer | Promise<FirefoxAnswer>,
  api: FirefoxProxyApi = firefoxProxy(),
): void {
  api.onRequest.addListener(handler, { urls: ['<all_urls>'] });
}

export function onFirefoxProxyError(listener: (error: string) => void, api: FirefoxProxyApi = firefoxProxy()): void {
  api.onError.addListener((error) => listener(error.message));
}
