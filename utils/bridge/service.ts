import type { IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import { openLibrary } from '../library/db/open';
import type { CoralDB } from '../library/db/schema';
import type { Bridge, BridgeSettings, BridgeTestResult, BridgeView } from '../shared/bridge-types';
import { pageMessage } from '../shared/page-messages';
import { mirrorHosts } from '../shared/settings';
import { CDT_DOMAIN } from '../sites/cdt';
import { type BridgeReason, proxyErrorReason, reasonText, showBridgeView } from './badge';
import {
  chromeProxyValue,
  clearChromeProxy,
  type FirefoxRouting,
  firefoxRequestHandler,
  firefoxRouting,
  IS_FIREFOX,
  listenFirefoxRequests,
  onChromeProxyError,
  onFirefoxProxyError,
  readChromeProxy,
  setChromeProxy,
} from './browser/proxy';
import {
  type AuthChallenge,
  blockingResponse,
  isChallengeFrom,
  listenProxyAuth,
  proxyAuthenticator,
} from './browser/proxy-auth';
import { guardWebRtc } from './browser/webrtc-guard';
import { bridgeTestUrl, timedFetch } from './probe';
import { bridgeViewFor, neededOrigins, reconcile, testSettingsFor } from './reconcile';
import { bridgePasswordCache, movePasswordsToSecrets } from './secrets';
import { activeBridge, bridgeSettings, routingConfig } from './settings';

// The background's bridge. Listeners are registered synchronously at start-up (a request or a proxy's
// challenge right after a wake-up must find them); then the browser is reconciled with the settings on
// every start and every change.

export interface BridgeService {
  view(): Promise<BridgeView>;
  setEnabled(enabled: boolean): Promise<BridgeView>;
  test(bridgeId: string): Promise<BridgeTestResult>;
  /** Makes the browser match the settings; settles once it does. */
  reconcileNow(): Promise<BridgeView>;
}

export interface BridgeDeps {
  firefox: boolean;
  fetch: typeof fetch;
  hasOrigins: (origins: string[]) => Promise<boolean>;
  /** The library database, where the bridges' passwords are kept. */
  db: () => Promise<IDBPDatabase<CoralDB>>;
}

const defaults = (): BridgeDeps => {
  let library: Promise<IDBPDatabase<CoralDB>> | undefined;
  return {
    firefox: IS_FIREFOX,
    fetch: (input, init) => fetch(input, init),
    hasOrigins: (origins) => browser.permissions.contains({ origins }),
    db: () => {
      library ??= openLibrary();
      return library;
    },
  };
};

export function startBridge(overrides: Partial<BridgeDeps> = {}): BridgeService {
  const deps = { ...defaults(), ...overrides };
  let settings: BridgeSettings | undefined;
  let mirrors: string[] = [];
  let lastView: BridgeView | undefined;
  /** A failure seen while the bridge is on; cleared when the user changes something. */
  let error: BridgeReason | undefined;
  /** Set while "Test bridge" runs: failures then are the test's, not the bridge's state. */
  let test: { bridgeId: string; errors: string[] } | undefined;
  let routing: FirefoxRouting | undefined;
  let routingReady: (value: FirefoxRouting) => void = () => {};
  const routingLoaded = new Promise<FirefoxRouting>((resolve) => {
    routingReady = resolve;
  });
  // One change at a time: a test's temporary configuration must not interleave with a reconcile.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };

  async function load(): Promise<BridgeSettings> {
    [settings, mirrors] = await Promise.all([bridgeSettings.getValue(), mirrorHosts.getValue()]);
    return settings;
  }

  function setRouting(next: FirefoxRouting) {
    routing = next;
    routingReady(next);
  }

  /** Why the bridge cannot be on, when another extension or a policy holds the proxy. */
  async function applyToBrowser(wanted: BridgeSettings): Promise<BridgeReason | undefined> {
    if (deps.firefox) {
      setRouting(firefoxRouting(routingConfig(wanted, mirrors)));
      return undefined;
    }
    const value = chromeProxyValue(wanted, mirrors);
    const action = reconcile(value, await readChromeProxy());
    if (action.kind === 'apply' && value) await setChromeProxy(value);
    if (action.kind === 'clear') await clearChromeProxy();
    return action.kind === 'report-controlled-elsewhere' ? action.reason : undefined;
  }

  async function settle(): Promise<BridgeView> {
    const current = await load();
    let controlled: BridgeReason | undefined;
    try {
      controlled = await applyToBrowser(current);
    } catch (cause) {
      // A bridge that cannot be written (tampered settings) must not leave an old one routing.
      console.error('Coral: the bridge could not be applied', cause);
      if (deps.firefox) setRouting(firefoxRouting(null));
      else await clearChromeProxy().catch(() => {});
      error = 'pac-failed';
    }
    const on = current.enabled && activeBridge(current) !== null && !controlled;
    if ((await guardWebRtc(on)) === 'controlled-elsewhere' && on) {
      console.info('Coral: WebRTC is controlled elsewhere; it may reveal the real address');
    }
    const origins = neededOrigins(current, deps.firefox);
    if (on && !error && origins.length > 0 && !(await deps.hasOrigins(origins).catch(() => false))) {
      error = 'no-site-access';
    }
    const problem = controlled
      ? { state: 'controlled-elsewhere' as const, reason: reasonText(controlled) }
      : error && { state: 'error' as const, reason: reasonText(error) };
    lastView = bridgeViewFor(current, problem || undefined);
    await showBridgeView(lastView);
    return lastView;
  }

  const reconcileNow = () => serial(settle);

  function fail(code: string) {
    if (test) {
      test.errors.push(code);
      return;
    }
    const reason = proxyErrorReason(code);
    if (lastView?.state !== 'on' || error === reason) return;
    error = reason;
    void reconcileNow();
  }

  // --- Synchronously, before anything is read ---
  if (deps.firefox) {
    listenFirefoxRequests(
      firefoxRequestHandler(
        () => routing,
        () => routingLoaded,
      ),
    );
    onFirefoxProxyError(fail);
    // Firefox's proxy API reports only its own listener's errors; an unreachable bridge shows here.
    browser.webRequest.onErrorOccurred.addListener(
      (details) => {
        if (/PROXY/.test(details.error)) fail(details.error);
      },
      { urls: ['<all_urls>'] },
    );
  } else {
    onChromeProxyError(fail);
  }
  // Passwords from older versions are still in storage.local until this has run.
  const moved = deps
    .db()
    .then(movePasswordsToSecrets)
    .catch((cause) => console.error('Coral: the bridge passwords could not be moved', cause));
  const passwords = bridgePasswordCache(() => moved.then(deps.db));
  /** The bridge with its password, read only for a challenge that bridge made. */
  async function withPassword(challenge: AuthChallenge, bridge: Bridge | undefined | null) {
    if (!bridge?.username || bridge.scheme === 'socks5' || !isChallengeFrom(challenge, bridge)) return bridge;
    return { ...bridge, password: await passwords.get(bridge.id) };
  }
  const decide = proxyAuthenticator();
  listenProxyAuth(async (challenge) => {
    const current = settings ?? (await load());
    const bridge = test ? current.bridges.find((b) => b.id === test?.bridgeId) : activeBridge(current);
    const answer = decide(challenge, await withPassword(challenge, bridge));
    if (answer.kind === 'cancel') {
      // The password may have been changed without the settings changing: read it afresh next time.
      passwords.clear();
      fail('PROXY_AUTH_FAILED');
    }
    return blockingResponse(answer);
  }, deps.firefox);
  browser.runtime.onStartup.addListener(() => void reconcileNow());
  browser.runtime.onInstalled.addListener(() => void reconcileNow());
  // A change by the user, here or on the options page, starts afresh: old errors no longer apply.
  bridgeSettings.watch(() => {
    error = undefined;
    passwords.clear();
    void reconcileNow();
  });
  mirrorHosts.watch(() => void reconcileNow());
  browser.permissions.onAdded.addListener(() => void reconcileNow());
  browser.permissions.onRemoved.addListener(() => void reconcileNow());
  void reconcileNow();

  /**
   * Chrome routes by whole configurations, so the tested bridge is applied for the test's few seconds:
   * the sites in scope go through it meanwhile. Firefox routes just the test's own URL through it.
   */
  async function runTest(bridgeId: string): Promise<BridgeTestResult> {
    const current = await load();
    const tested = testSettingsFor(current, bridgeId, CDT_DOMAIN);
    if (!tested) return { ok: false, error: pageMessage('bridgeTestUnknownBridge') };
    const url = bridgeTestUrl();
    test = { bridgeId, errors: [] };
    try {
      if (deps.firefox) {
        const route = firefoxRouting(routingConfig(tested, mirrors)).route?.(url);
        if (route?.kind !== 'proxy') return { ok: false, error: pageMessage('bridgeTestUnknownBridge') };
        setRouting({ ...(routing ?? firefoxRouting(null)), test: { url, route } });
      } else {
        const controlled = await applyToBrowser(tested);
        if (controlled) return { ok: false, error: reasonText(controlled) };
      }
      const result = await timedFetch(deps, url, tested, test.errors);
      if (result.ok && bridgeId === current.activeId) error = undefined;
      return result;
    } finally {
      test = undefined;
      await settle();
    }
  }

  return {
    view: () => serial(async () => lastView ?? settle()),
    reconcileNow,
    test: (bridgeId) => serial(() => runTest(bridgeId)),
    async setEnabled(enabled) {
      const current = await load();
      if (enabled && !activeBridge(current)) {
        await browser.runtime.openOptionsPage();
        return { enabled: false, configured: false, state: 'unconfigured' };
      }
      error = undefined;
      await bridgeSettings.setValue({ ...current, enabled });
      return reconcileNow();
    },
  };
}
