import type { IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import { openLibrary } from '../library/db/open';
import type { CoralDB } from '../library/db/schema';
import type { Bridge, BridgeSettings, BridgeStatus, BridgeTestResult } from '../shared/bridge-types';
import { pageMessage } from '../shared/page-messages';
import { mirrorHosts } from '../shared/settings';
import { CDT_DOMAIN } from '../sites/cdt';
import { type BridgeReason, reasonText, showBridgeView } from './badge';
import { type BridgePlatform, browserPlatform } from './browser/platform';
import {
  chromeProxyValue,
  type FirefoxRouting,
  firefoxRequestHandler,
  firefoxRouting,
  IS_FIREFOX,
} from './browser/proxy';
import { type AuthChallenge, blockingResponse, isChallengeFrom, proxyAuthenticator } from './browser/proxy-auth';
import { bridgeTestUrl, timedFetch } from './probe';
import { neededOrigins, testSettingsFor } from './reconcile';
import { bridgePasswordCache, movePasswordsToSecrets } from './secrets';
import {
  type BridgeState,
  bridgeIsOn,
  challengedBridge,
  failureOutcome,
  initialBridgeState,
  settledView,
} from './service-state';
import { activeBridge, bridgeSettings, routingConfig } from './settings';

// The background's bridge. Listeners are registered synchronously at start-up (a request or a proxy's
// challenge right after a wake-up must find them); then the browser is reconciled with the settings on
// every start and every change.

export interface BridgeService {
  view(): Promise<BridgeStatus>;
  setEnabled(enabled: boolean): Promise<BridgeStatus>;
  test(bridgeId: string): Promise<BridgeTestResult>;
  /** Makes the browser match the settings; settles once it does. */
  reconcileNow(): Promise<BridgeStatus>;
}

export interface BridgeDeps {
  firefox: boolean;
  fetch: typeof fetch;
  hasOrigins: (origins: string[]) => Promise<boolean>;
  /** The library database, where the bridges' passwords are kept. */
  db: () => Promise<IDBPDatabase<CoralDB>>;
  /** The browser's proxy, webRequest and privacy APIs. */
  platform: BridgePlatform;
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
    platform: browserPlatform,
  };
};

/** One change at a time: a test's temporary configuration must not interleave with a reconcile. */
function serialQueue() {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };
}

/** Firefox's routing: requests made before the settings are read wait for the first one. */
function routingHolder() {
  let current: FirefoxRouting | undefined;
  let ready: (value: FirefoxRouting) => void = () => {};
  const loaded = new Promise<FirefoxRouting>((resolve) => {
    ready = resolve;
  });
  return {
    current: () => current,
    loaded: () => loaded,
    set(next: FirefoxRouting) {
      current = next;
      ready(next);
    },
  };
}

/** What one started service keeps: its dependencies, its state and its start-up helpers. */
interface RunningBridge {
  deps: BridgeDeps;
  state: BridgeState;
  routing: ReturnType<typeof routingHolder>;
  serial: ReturnType<typeof serialQueue>;
  passwords: ReturnType<typeof bridgePasswordCache>;
}

async function load(b: RunningBridge): Promise<BridgeSettings> {
  [b.state.settings, b.state.mirrors] = await Promise.all([bridgeSettings.getValue(), mirrorHosts.getValue()]);
  return b.state.settings;
}

/** Why the bridge cannot be on, when another extension or a policy holds the proxy. */
async function applyToBrowser(b: RunningBridge, wanted: BridgeSettings): Promise<BridgeReason | undefined> {
  if (b.deps.firefox) {
    b.routing.set(firefoxRouting(routingConfig(wanted, b.state.mirrors)));
    return undefined;
  }
  return b.deps.platform.applyChromeProxy(chromeProxyValue(wanted, b.state.mirrors));
}

/** A bridge that cannot be written (tampered settings) must not leave an old one routing. */
async function applyOrStop(b: RunningBridge, wanted: BridgeSettings): Promise<BridgeReason | undefined> {
  try {
    return await applyToBrowser(b, wanted);
  } catch (cause) {
    console.error('Coral: the bridge could not be applied', cause);
    if (b.deps.firefox) b.routing.set(firefoxRouting(null));
    else await b.deps.platform.clearChromeProxy().catch(() => {});
    b.state.error = 'pac-failed';
    return undefined;
  }
}

async function lacksSiteAccess(b: RunningBridge, settings: BridgeSettings): Promise<boolean> {
  const origins = neededOrigins(settings, b.deps.firefox, b.state.mirrors);
  return origins.length > 0 && !(await b.deps.hasOrigins(origins).catch(() => false));
}

async function settle(b: RunningBridge): Promise<BridgeStatus> {
  const current = await load(b);
  const controlled = await applyOrStop(b, current);
  const on = bridgeIsOn(current, controlled);
  if ((await b.deps.platform.guardWebRtc(on)) === 'controlled-elsewhere' && on) {
    console.info('Coral: WebRTC is controlled elsewhere; it may reveal the real address');
  }
  if (on && !b.state.error && (await lacksSiteAccess(b, current))) b.state.error = 'no-site-access';
  b.state.lastView = settledView(current, controlled, b.state.error);
  await showBridgeView(b.state.lastView);
  return b.state.lastView;
}

const reconcileNow = (b: RunningBridge) => b.serial(() => settle(b));

function fail(b: RunningBridge, code: string) {
  const outcome = failureOutcome(b.state, code);
  if (outcome.kind === 'test-error') b.state.test?.errors.push(code);
  if (outcome.kind !== 'new-error') return;
  b.state.error = outcome.reason;
  void reconcileNow(b);
}

/** The bridge with its password, read only for a challenge that bridge made. */
async function withPassword(b: RunningBridge, challenge: AuthChallenge, bridge: Bridge | undefined | null) {
  if (!bridge?.username || bridge.scheme === 'socks5' || !isChallengeFrom(challenge, bridge)) return bridge;
  return { ...bridge, password: await b.passwords.get(bridge.id) };
}

function answerChallenges(b: RunningBridge) {
  const decide = proxyAuthenticator();
  b.deps.platform.listenProxyAuth(async (challenge) => {
    const current = b.state.settings ?? (await load(b));
    const answer = decide(challenge, await withPassword(b, challenge, challengedBridge(current, b.state.test)));
    if (answer.kind === 'cancel') {
      // The password may have been changed without the settings changing: read it afresh next time.
      b.passwords.clear();
      fail(b, 'PROXY_AUTH_FAILED');
    }
    return blockingResponse(answer);
  }, b.deps.firefox);
}

/** Synchronously, before anything is read. */
function listen(b: RunningBridge) {
  const { platform, firefox } = b.deps;
  if (firefox) platform.listenFirefoxRequests(firefoxRequestHandler(b.routing.current, b.routing.loaded));
  platform.onProxyError(firefox, (code) => fail(b, code));
  answerChallenges(b);
  const again = () => void reconcileNow(b);
  browser.runtime.onStartup.addListener(again);
  browser.runtime.onInstalled.addListener(again);
  // A change by the user, here or on the options page, starts afresh: old errors no longer apply.
  bridgeSettings.watch(() => {
    b.state.error = undefined;
    b.passwords.clear();
    again();
  });
  mirrorHosts.watch(again);
  browser.permissions.onAdded.addListener(again);
  browser.permissions.onRemoved.addListener(again);
}

/** Firefox routes just the test's own URL through the tested bridge. */
function routeTestUrl(b: RunningBridge, tested: BridgeSettings, url: string): boolean {
  const route = firefoxRouting(routingConfig(tested, b.state.mirrors)).route?.(url);
  if (route?.kind !== 'proxy') return false;
  b.routing.set({ ...(b.routing.current() ?? firefoxRouting(null)), test: { url, route } });
  return true;
}

/**
 * Chrome routes by whole configurations, so the tested bridge is applied for the test's few seconds:
 * the sites in scope go through it meanwhile.
 */
async function runTest(b: RunningBridge, bridgeId: string): Promise<BridgeTestResult> {
  const current = await load(b);
  const tested = testSettingsFor(current, bridgeId, CDT_DOMAIN);
  const unknown = { ok: false, error: pageMessage('bridgeTestUnknownBridge') } as const;
  if (!tested) return unknown;
  const url = bridgeTestUrl();
  const test = { bridgeId, errors: [] };
  b.state.test = test;
  try {
    if (b.deps.firefox && !routeTestUrl(b, tested, url)) return unknown;
    const controlled = b.deps.firefox ? undefined : await applyToBrowser(b, tested);
    if (controlled) return { ok: false, error: reasonText(controlled) };
    const result = await timedFetch(b.deps, url, tested, test.errors);
    if (result.ok && bridgeId === current.activeId) b.state.error = undefined;
    return result;
  } finally {
    b.state.test = undefined;
    await settle(b);
  }
}

async function setEnabled(b: RunningBridge, enabled: boolean): Promise<BridgeStatus> {
  const current = await load(b);
  if (enabled && !activeBridge(current)) {
    await browser.runtime.openOptionsPage();
    return { enabled: false, configured: false, state: 'unconfigured' };
  }
  b.state.error = undefined;
  await bridgeSettings.setValue({ ...current, enabled });
  return reconcileNow(b);
}

export function startBridge(overrides: Partial<BridgeDeps> = {}): BridgeService {
  const deps = { ...defaults(), ...overrides };
  // Passwords from older versions are still in storage.local until this has run.
  const moved = deps
    .db()
    .then(movePasswordsToSecrets)
    .catch((cause) => console.error('Coral: the bridge passwords could not be moved', cause));
  const b: RunningBridge = {
    deps,
    state: initialBridgeState(),
    routing: routingHolder(),
    serial: serialQueue(),
    passwords: bridgePasswordCache(() => moved.then(deps.db)),
  };
  listen(b);
  void reconcileNow(b);
  return {
    view: () => b.serial(async () => b.state.lastView ?? settle(b)),
    reconcileNow: () => reconcileNow(b),
    test: (bridgeId) => b.serial(() => runTest(b, bridgeId)),
    setEnabled: (enabled) => setEnabled(b, enabled),
  };
}
