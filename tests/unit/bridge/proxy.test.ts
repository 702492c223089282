import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  type ChromeProxyValue,
  chromeProxyValue,
  firefoxAnswer,
  firefoxRequestHandler,
  firefoxRouting,
} from '../../../utils/bridge/browser/proxy';
import type { AuthChallenge, BlockingAuthResponse } from '../../../utils/bridge/browser/proxy-auth';
import type { LevelOfControl } from '../../../utils/bridge/reconcile';
import { routeFor } from '../../../utils/bridge/routing';
import { getBridgePassword, setBridgePassword } from '../../../utils/bridge/secrets';
import { type BridgeService, startBridge } from '../../../utils/bridge/service';
import { bridgeSettings } from '../../../utils/bridge/settings';
import { openLibrary } from '../../../utils/library/db/open';
import { mirrorHosts } from '../../../utils/library/private-settings';
import type { Bridge, BridgeScope } from '../../../utils/shared/bridge-types';
import { bridgeOn, httpBridge, socksBridge } from '../../support/bridges';

/** A service whose health check reaches CDT at once, unless a test says otherwise. */
const started: BridgeService[] = [];
function start(overrides: Parameters<typeof startBridge>[0] = {}): BridgeService {
  const service = startBridge({
    fetch: async () => new Response(null, { status: 200 }),
    afterFailure: async () => {},
    ...overrides,
  });
  started.push(service);
  return service;
}

// A service keeps working after its test (a check it started, say): let it finish before the next test's fakes.
afterEach(async () => {
  await Promise.all(started.splice(0).map((service) => service.check()));
});

const http = httpBridge;
const socks = socksBridge;
const on = bridgeOn;

describe('chromeProxyValue', () => {
  it('uses fixed servers for every site with no fallback, and a mandatory PAC otherwise', () => {
    const all = chromeProxyValue({ ...on, scope: { kind: 'all' } }, []);
    expect(all?.mode).toBe('fixed_servers');
    expect(all?.rules?.singleProxy).toEqual({ scheme: 'http', host: 'proxy.test', port: 3128 });
    expect(all?.rules?.bypassList).toContain('<local>');

    const allWithFallback = chromeProxyValue({ ...on, scope: { kind: 'all' }, fallbackDirect: true }, []);
    expect(allWithFallback?.mode).toBe('pac_script');
    expect(allWithFallback?.pacScript?.data).toContain('PROXY proxy.test:3128; DIRECT');

    const cdt = chromeProxyValue(on, ['cdt.mirror.test']);
    expect(cdt?.mode).toBe('pac_script');
    expect(cdt?.pacScript?.mandatory).toBe(true);
    expect(cdt?.pacScript?.data).toContain('"cdt.mirror.test"');
  });

  it('is null when off or with no bridge', () => {
    expect(chromeProxyValue({ ...on, enabled: false }, [])).toBeNull();
    expect(chromeProxyValue({ ...on, bridges: [] }, [])).toBeNull();
  });
});

describe('Firefox routing', () => {
  const config = { bridge: socks, scope: { kind: 'cdt' as const }, mirrors: [], fallbackDirect: false };

  it('routes like routeFor, and a down bridge fails instead of going around it', () => {
    const routing = firefoxRouting(config);
    expect(routeFor('https://chinadigitaltimes.net/', config).kind).toBe('proxy');
    expect(firefoxAnswer('https://chinadigitaltimes.net/', routing)).toEqual([
      { type: 'socks', host: 'socks.test', port: 1080, proxyDNS: true },
      null,
    ]);
    expect(firefoxAnswer('https://example.org/', routing)).toEqual({ type: 'direct' });
  });

  it('falls back to direct only when the user allowed it', () => {
    const answer = firefoxAnswer('https://chinadigitaltimes.net/', firefoxRouting({ ...config, fallbackDirect: true }));
    expect(answer).toEqual([
      { type: 'socks', host: 'socks.test', port: 1080, proxyDNS: true, failoverTimeout: 5 },
      { type: 'direct' },
    ]);
  });

  it('sends everything direct while off, except the test URL', () => {
    const routing = firefoxRouting(null);
    expect(firefoxAnswer('https://chinadigitaltimes.net/', routing)).toEqual({ type: 'direct' });
    const test = {
      url: 'https://chinadigitaltimes.net/?t=1',
      route: { kind: 'proxy' as const, scheme: 'http' as const, host: 'h.test', port: 1 },
    };
    expect(firefoxAnswer(test.url, { ...routing, test })).toEqual([{ type: 'http', host: 'h.test', port: 1 }, null]);
  });

  it('makes requests wait until the settings are loaded', async () => {
    let current: ReturnType<typeof firefoxRouting> | undefined;
    let release: (routing: ReturnType<typeof firefoxRouting>) => void = () => {};
    const loaded = new Promise<ReturnType<typeof firefoxRouting>>((resolve) => {
      release = resolve;
    });
    const handler = firefoxRequestHandler(
      () => current,
      () => loaded,
    );
    const early = handler({ url: 'https://chinadigitaltimes.net/' });
    expect(early).toBeInstanceOf(Promise);
    current = firefoxRouting(config);
    release(current);
    await expect(early).resolves.toEqual([{ type: 'socks', host: 'socks.test', port: 1080, proxyDNS: true }, null]);
    expect(handler({ url: 'https://example.org/' })).toEqual({ type: 'direct' });
  });
});

// --- The background service against a fake browser ---

function fakeEvent<T extends (...args: never[]) => unknown>() {
  const listeners: T[] = [];
  return { listeners, addListener: (listener: T) => listeners.push(listener) };
}

function fakeSetting<T>(levelOfControl: LevelOfControl, value?: T) {
  const state = { levelOfControl, value };
  return {
    state,
    get: vi.fn(async () => ({ ...state })),
    set: vi.fn(async ({ value: next }: { value: T }) => {
      state.levelOfControl = 'controlled_by_this_extension';
      state.value = next;
    }),
    clear: vi.fn(async () => {
      state.levelOfControl = 'controllable_by_this_extension';
      state.value = undefined;
    }),
  };
}

let proxySetting: ReturnType<typeof fakeSetting<ChromeProxyValue>>;
let webrtc: ReturnType<typeof fakeSetting<string>>;
let onRequest: ReturnType<typeof fakeEvent>;
let badge: {
  setBadgeText: ReturnType<typeof vi.fn>;
  setBadgeBackgroundColor: ReturnType<typeof vi.fn>;
  setTitle: ReturnType<typeof vi.fn>;
};

function install(level: LevelOfControl, value?: ChromeProxyValue) {
  proxySetting = fakeSetting<ChromeProxyValue>(level, value);
  webrtc = fakeSetting<string>('controllable_by_this_extension');
  onRequest = fakeEvent();
  badge = {
    setBadgeText: vi.fn(async () => {}),
    setBadgeBackgroundColor: vi.fn(async () => {}),
    setTitle: vi.fn(async () => {}),
  };
  const browser = fakeBrowser as unknown as Record<string, unknown>;
  browser.proxy = { settings: proxySetting, onProxyError: fakeEvent(), onRequest, onError: fakeEvent() };
  browser.privacy = { network: { webRTCIPHandlingPolicy: webrtc } };
  browser.webRequest = { onAuthRequired: fakeEvent(), onErrorOccurred: fakeEvent() };
  browser.action = badge;
  browser.permissions = { onAdded: fakeEvent(), onRemoved: fakeEvent(), contains: async () => true };
  fakeBrowser.runtime.openOptionsPage = vi.fn(async () => {});
}

describe('startBridge in Chrome', () => {
  beforeEach(() => install('controllable_by_this_extension', { mode: 'system' }));

  it('applies the PAC on start and clears it when turned off', async () => {
    await bridgeSettings.setValue(on);
    const service = start({ firefox: false });
    expect(await service.reconcileNow()).toMatchObject({ enabled: true, configured: true, state: 'on' });
    const applied = proxySetting.set.mock.calls[0]?.[0].value;
    expect(applied?.pacScript?.data).toContain(
      chromeProxyValue(on, [])?.pacScript?.data?.split('function FindProxyForURL')[0],
    );
    expect(webrtc.state.value).toBe('disable_non_proxied_udp');
    expect(badge.setBadgeText).toHaveBeenLastCalledWith({ text: 'ON' });

    expect(await service.setEnabled(false)).toEqual({ enabled: false, configured: true, state: 'off' });
    expect(proxySetting.clear).toHaveBeenCalledWith({ scope: 'regular' });
    expect(webrtc.clear).toHaveBeenCalled();
    expect(badge.setBadgeText).toHaveBeenLastCalledWith({ text: '' });
    expect((await bridgeSettings.getValue()).enabled).toBe(false);
  });

  it('does not apply again what the browser already holds', async () => {
    await bridgeSettings.setValue(on);
    install('controllable_by_this_extension');
    await start({ firefox: false, checkToken: async () => 'same' }).reconcileNow();
    install('controlled_by_this_extension', proxySetting.state.value);
    await start({ firefox: false, checkToken: async () => 'same' }).reconcileNow();
    expect(proxySetting.set).not.toHaveBeenCalled();
  });

  it('reports another extension’s proxy and leaves it alone', async () => {
    const theirs = { mode: 'fixed_servers' as const, rules: { singleProxy: { host: 'theirs.test' } } };
    install('controlled_by_other_extensions', theirs);
    await bridgeSettings.setValue(on);
    const view = await start({ firefox: false }).reconcileNow();
    expect(view).toMatchObject({ state: 'controlled-elsewhere', reason: 'other-extension' });
    expect(proxySetting.set).not.toHaveBeenCalled();
    expect(proxySetting.clear).not.toHaveBeenCalled();
    expect(proxySetting.state.value).toBe(theirs);
    expect(badge.setBadgeText).toHaveBeenLastCalledWith({ text: '!' });
  });

  it('opens the options page when turned on with no bridge', async () => {
    await bridgeSettings.setValue({ ...on, enabled: false, bridges: [] });
    const service = start({ firefox: false });
    expect(await service.setEnabled(true)).toEqual({ enabled: false, configured: false, state: 'unconfigured' });
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs).toContainEqual(expect.objectContaining({ url: expect.stringMatching(/options\.html#bridge$/) }));
    expect((await bridgeSettings.getValue()).enabled).toBe(false);
  });

  it('tests a bridge through a temporary configuration, then puts the user’s back', async () => {
    await bridgeSettings.setValue({ ...on, enabled: false });
    const fetch = vi.fn(async () => {
      expect(proxySetting.state.value?.pacScript?.data).toContain('SOCKS5 socks.test:1080');
      return new Response('ok', { status: 200 });
    });
    const service = start({ firefox: false, fetch });
    const result = await service.test('b');
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(fetch).toHaveBeenCalledWith(
      expect.stringMatching(/^https:\/\/chinadigitaltimes\.net\/\?/),
      expect.anything(),
    );
    expect(proxySetting.state.levelOfControl).toBe('controllable_by_this_extension');
    expect(await service.test('nope')).toMatchObject({ ok: false });
  });

  it('answers the bridge’s password challenge from the database, after moving an old stored password there', async () => {
    // As versions before the secrets store saved it: the password in storage.local.
    const login: Bridge = { ...http, username: 'me', password: 'old-secret' };
    await bridgeSettings.setValue({ ...on, bridges: [login, socks] });
    const library = openLibrary(`proxy-auth-${crypto.randomUUID()}`);
    const db = () => library;
    start({ firefox: false, db });
    const [listener] = (fakeBrowser.webRequest.onAuthRequired as unknown as ReturnType<typeof fakeEvent>)
      .listeners as ((details: AuthChallenge, callback: (response: BlockingAuthResponse) => void) => unknown)[];
    const challenge = (requestId: string, host = 'proxy.test') =>
      new Promise<BlockingAuthResponse>((resolve) =>
        listener?.({ requestId, isProxy: true, challenger: { host, port: 3128 } }, resolve),
      );

    expect(await challenge('1')).toEqual({ authCredentials: { username: 'me', password: 'old-secret' } });
    expect(await getBridgePassword(await db(), 'a')).toBe('old-secret');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('old-secret');
    expect((await bridgeSettings.getValue()).bridges[0]).toEqual({ ...http, username: 'me' });
    expect(await challenge('2', 'elsewhere.test')).toEqual({});

    // Refused: the password is read again for the next request, which gets the one saved since.
    await setBridgePassword(await db(), 'a', 'new-secret');
    expect(await challenge('1')).toEqual({ cancel: true });
    expect(await challenge('3')).toEqual({ authCredentials: { username: 'me', password: 'new-secret' } });
  });

  it('checks the bridge on its alarm: down with fallback is "direct", notified once; back up, "on" again', async () => {
    await bridgeSettings.setValue({ ...on, fallbackDirect: true });
    let up = true;
    const fetch = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => {
      if (up) return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    });
    const service = start({ firefox: false, fetch, checkToken: async () => 't0ken' });
    expect(await service.check()).toMatchObject({
      state: 'on',
      bridgeLabel: 'proxy.test:3128',
      lastCheck: { ok: true },
    });
    expect(String(fetch.mock.calls[0]?.[0])).toMatch(/^http:\/\/chinadigitaltimes\.net\/\?coral-bridge-check=t0ken&/);
    expect(await fakeBrowser.alarms.get('coral-bridge-check')).toMatchObject({ periodInMinutes: 10 });

    up = false;
    await fakeBrowser.alarms.onAlarm.trigger({
      name: 'coral-bridge-check',
      scheduledTime: 0,
      persistAcrossSessions: false,
    });
    expect(await service.check()).toMatchObject({ state: 'direct', reason: 'unreachable' });
    expect(badge.setBadgeText).toHaveBeenLastCalledWith({ text: '!' });
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual(['coral-bridge-failing']);
    expect(await fakeBrowser.alarms.get('coral-bridge-check')).toMatchObject({ periodInMinutes: 1 });

    up = true;
    await fakeBrowser.alarms.onAlarm.trigger({
      name: 'coral-bridge-check',
      scheduledTime: 0,
      persistAcrossSessions: false,
    });
    expect(await service.check()).toMatchObject({ state: 'on', lastCheck: { ok: true } });
    expect(badge.setBadgeText).toHaveBeenLastCalledWith({ text: 'ON' });
    expect(await fakeBrowser.notifications.getAll()).toEqual({});
  });

  it('maps a timeout to a clear message', async () => {
    await bridgeSettings.setValue(on);
    const fetch = vi.fn(async () => {
      throw new DOMException('timed out', 'TimeoutError');
    });
    expect(await start({ firefox: false, fetch }).test('a')).toEqual({
      ok: false,
      error: expect.stringMatching(/within 15 seconds/),
    });
  });
});

describe('startBridge in Firefox', () => {
  beforeEach(() => install('controllable_by_this_extension'));

  it('reports no-site-access in every scope whose routed hosts Coral may not see', async () => {
    await mirrorHosts.setValue(['cdt.mirror.test']);
    const granted = new Set(['*://*.chinadigitaltimes.net/*', '*://cdt.mirror.test/*']);
    const hasOrigins = vi.fn(async (origins: string[]) => origins.every((origin) => granted.has(origin)));
    const service = startBridge({ firefox: true, hasOrigins });
    const scopes: [BridgeScope, string[]][] = [
      [{ kind: 'cdt' }, ['*://*.chinadigitaltimes.net/*', '*://*.cdt.mirror.test/*']],
      [{ kind: 'sites', patterns: ['*.example.org'] }, ['*://*.example.org/*']],
      [{ kind: 'all' }, ['*://*/*']],
    ];
    for (const [scope, origins] of scopes) {
      hasOrigins.mockClear();
      await bridgeSettings.setValue({ ...on, scope });
      // Each scope is judged afresh: its own origins were asked about (a mirror added before mirrors were
      // routed with their subdomains has only its own host, which is not enough).
      await vi.waitFor(() => expect(hasOrigins).toHaveBeenLastCalledWith(origins));
      expect(await service.reconcileNow()).toMatchObject({ state: 'error', reason: 'no-site-access' });
    }
    granted.add('*://*.cdt.mirror.test/*');
    await bridgeSettings.setValue({ ...on, scope: { kind: 'cdt' }, fallbackDirect: true });
    expect(await service.reconcileNow()).toMatchObject({ state: 'on' });
  });

  it('registers the request listener at once; early requests wait for the settings', async () => {
    await bridgeSettings.setValue({ ...on, activeId: 'b' });
    const service = start({ firefox: true });
    expect(onRequest.listeners).toHaveLength(1);
    const [listener] = onRequest.listeners as ((details: { url: string }) => unknown)[];
    const answer = listener?.({ url: 'https://www.chinadigitaltimes.net/x' });
    await expect(answer).resolves.toEqual([{ type: 'socks', host: 'socks.test', port: 1080, proxyDNS: true }, null]);
    await service.reconcileNow();
    expect(listener?.({ url: 'https://example.org/' })).toEqual({ type: 'direct' });
    expect(proxySetting.set).not.toHaveBeenCalled();

    await service.setEnabled(false);
    expect(listener?.({ url: 'https://chinadigitaltimes.net/' })).toEqual({ type: 'direct' });
  });
});
