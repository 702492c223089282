import type { IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import { openLibrary } from '../library/db/open';
import type { CoralDB } from '../library/db/schema';
import { mirrorHosts } from '../library/private-settings';
import type { Bridge, BridgeSettings, BridgeStatus, BridgeTestResult, BridgeView } from '../shared/bridge-types';
import { pageMessage } from '../shared/page-messages';
import { STORAGE_KEYS } from '../shared/storage-keys';
import { CDT_DOMAIN } from '../sites/cdt';
import { notifyBridgeChange } from './alert';
import { type BridgeReason, publicView, pushBridgeView, reasonText, showBridgeView } from './badge';
import { type BridgePlatform, browserPlatform, type RequestFailure } from './browser/platform';
import {
  chromeProxyValue,
  type FirefoxRouting,
  firefoxRequestHandler,
  firefoxRouting,
  IS_FIREFOX,
} from './browser/proxy';
import { type AuthChallenge, blockingResponse, isChallengeFrom, proxyAuthenticator } from './browser/proxy-auth';
import {
  bridgeCheckFrom,
  bridgeIsDown,
  bridgeTestUrl,
  CHECK_BASE,
  type CheckOutcome,
  checkPrefix,
  checkUrl,
  runCheckFetch,
  timedFetch,
} from './probe';
import { neededOrigins, sameValue, testSettingsFor } from './reconcile';
import { createRouter } from './routing';
import { bridgePasswordCache, movePasswordsToSecrets } from './secrets';
import {
  type BridgeState,
  bridgeIsOn,
  challengedBridge,
  checkPeriod,
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
  /** Checks the active bridge now (or joins the check under way); the view after it. */
  check(): Promise<BridgeStatus>;
}

export interface BridgeDeps {
  firefox: boolean;
  fetch: typeof fetch;
  hasOrigins: (origins: string[]) => Promise<boolean>;
  /** The library database, where the bridges' passwords are kept. */
  db: () => Promise<IDBPDatabase<CoralDB>>;
  /** The browser's proxy, webRequest and privacy APIs. */
  platform: BridgePlatform;
  /** Where the health check's period is kept, so a sleeping service worker is woken for it. */
  alarms: AlarmsApi;
  /** The secret in the health check's address, stable while the browser runs (see probe.ts). */
  checkToken: () => Promise<string>;
  /** Tells the on-page switches the new on/off view. */
  pushView: (view: BridgeView, mirrors: readonly string[]) => Promise<void>;
  /** Shows or clears the "bridge not working" notification. */
  notify: (before: BridgeStatus | undefined, after: BridgeStatus) => Promise<void>;
  now: () => number;
  /** Lets the browser's error events for a failed check arrive after fetch gives up. */
  afterFailure: () => Promise<void>;
}

export type AlarmsApi = Pick<typeof browser.alarms, 'get' | 'create' | 'clear' | 'onAlarm'>;

const CHECK_ALARM = 'coral-bridge-check';

/** Reads the token from storage.session (closed to content scripts), or makes one. */
async function sessionCheckToken(): Promise<string> {
  const name = STORAGE_KEYS.bridgeCheckToken.slice('session:'.length);
  const stored = (await browser.storage.session.get(name))[name];
  if (typeof stored === 'string' && stored) return stored;
  const token = crypto.randomUUID();
  await browser.storage.session.set({ [name]: token });
  return token;
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
    alarms: browser.alarms,
    checkToken: sessionCheckToken,
    pushView: pushBridgeView,
    notify: (before, after) => notifyBridgeChange(before, after),
    now: () => Date.now(),
    afterFailure: () => new Promise((resolve) => setTimeout(resolve, 300)),
  };
};

/** Calls `make` once; later calls share its answer. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

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
  token: () => Promise<string>;
  /** Counts changes of the settings: a check started before one says nothing about the new ones. */
  generation: number;
  /** The health check under way, which later requests join. */
  checking?: Promise<void>;
}

async function load(b: RunningBridge): Promise<BridgeSettings> {
  [b.state.settings, b.state.mirrors] = await Promise.all([bridgeSettings.getValue(), mirrorHosts.getValue()]);
  return b.state.settings;
}

/** Why the bridge cannot be on, when another extension or a policy holds the proxy. */
async function applyToBrowser(b: RunningBridge, wanted: BridgeSettings): Promise<BridgeReason | undefined> {
  if (b.deps.firefox) {
    const check = b.routing.current()?.check;
    b.routing.set({ ...firefoxRouting(routingConfig(wanted, b.state.mirrors)), ...(check && { check }) });
    return undefined;
  }
  const prefix = checkPrefix(await b.token());
  return b.deps.platform.applyChromeProxy(chromeProxyValue(wanted, b.state.mirrors, prefix));
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
  return show(b, settledView(current, controlled, b.state.error, b.state.check));
}

/** The badge, the status, the page switches, the notification and the next check, for a new view. */
async function show(b: RunningBridge, view: BridgeStatus): Promise<BridgeStatus> {
  const before = b.state.lastView;
  b.state.lastView = view;
  await showBridgeView(view);
  if (!before || !sameValue(publicView(before), publicView(view))) await b.deps.pushView(view, b.state.mirrors);
  await b.deps.notify(before, view);
  await scheduleChecks(b.deps.alarms, checkPeriod(view));
  return view;
}

/** Keeps one alarm at the wanted period; recreating it would postpone it, so it is left when unchanged. */
async function scheduleChecks(alarms: AlarmsApi, minutes: number | null): Promise<void> {
  const current = await alarms.get(CHECK_ALARM);
  if (minutes === null) {
    if (current) await alarms.clear(CHECK_ALARM);
    return;
  }
  if (current?.periodInMinutes !== minutes) await alarms.create(CHECK_ALARM, { periodInMinutes: minutes });
}

const reconcileNow = (b: RunningBridge) => b.serial(() => settle(b));

function fail(b: RunningBridge, code: string) {
  const outcome = failureOutcome(b.state, code);
  if (outcome.kind === 'test-error') b.state.test?.errors.push(code);
  if (outcome.kind === 'probe-error') b.state.probe?.codes.push(code);
  if (outcome.kind !== 'new-error') return;
  b.state.error = outcome.reason;
  // Said at once; then a check tells whether the bridge itself is down (or clears it if it is not).
  void reconcileNow(b).then(() => checkNow(b));
}

/**
 * Whether the active bridge works, by a request that can only succeed through it. Skipped while one
 * runs, during "Test bridge" (which holds the proxy setting in Chrome) and while the bridge is off.
 */
function checkNow(b: RunningBridge): Promise<void> {
  b.checking ??= runCheck(b).finally(() => {
    b.checking = undefined;
  });
  return b.checking;
}

async function runCheck(b: RunningBridge): Promise<void> {
  const { settings, lastView } = b.state;
  const bridge = settings && activeBridge(settings);
  if (!bridge || !lastView?.enabled || lastView.state === 'controlled-elsewhere' || b.state.test) return;
  const generation = b.generation;
  const probe = { codes: [] as string[] };
  b.state.probe = probe;
  const url = checkUrl(await b.token());
  if (b.deps.firefox) routeCheckUrl(b, url, bridge);
  let outcome: CheckOutcome;
  try {
    outcome = await runCheckFetch(b.deps.fetch, url, probe.codes, b.deps.afterFailure);
  } finally {
    b.state.probe = undefined;
    if (b.deps.firefox) b.routing.set({ ...(b.routing.current() ?? firefoxRouting(null)), check: undefined });
  }
  if (generation !== b.generation) return;
  b.state.check = bridgeCheckFrom(outcome, b.deps.now());
  // The bridge answered: earlier failures of pages are over.
  if (!bridgeIsDown(b.state.check)) b.state.error = undefined;
  await reconcileNow(b);
}

/** Firefox: the check's URL alone goes through the active bridge, with no fallback. */
function routeCheckUrl(b: RunningBridge, url: string, bridge: Bridge) {
  const route = { kind: 'proxy', scheme: bridge.scheme, host: bridge.host, port: bridge.port } as const;
  b.routing.set({ ...(b.routing.current() ?? firefoxRouting(null)), check: { url, route } });
}

/**
 * A failed request: the check's own, a proxy error (Firefox reports an unreachable bridge only here),
 * or a page in the bridge's scope that failed to load, after which the bridge is checked at once.
 */
function requestFailed(b: RunningBridge, failure: RequestFailure) {
  if (b.state.probe && failure.url.startsWith(CHECK_BASE)) {
    b.state.probe.codes.push(failure.code);
    return;
  }
  if (b.deps.firefox && /PROXY/.test(failure.code)) fail(b, failure.code);
  if (!failure.mainFrame || /ABORT/.test(failure.code) || !routedThroughBridge(b, failure.url)) return;
  if (/PROXY|TUNNEL|SOCKS/.test(failure.code)) fail(b, failure.code);
  else void checkNow(b);
}

function routedThroughBridge(b: RunningBridge, url: string): boolean {
  const { settings } = b.state;
  if (!settings?.enabled) return false;
  try {
    return createRouter(routingConfig(settings, b.state.mirrors))(url).kind === 'proxy';
  } catch {
    return false;
  }
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
  platform.onRequestError((failure) => requestFailed(b, failure));
  answerChallenges(b);
  const again = () => void reconcileNow(b);
  browser.runtime.onStartup.addListener(again);
  browser.runtime.onInstalled.addListener(again);
  // A change by the user, here or on the options page, starts afresh: old errors and checks no longer apply.
  bridgeSettings.watch(() => {
    b.state.error = undefined;
    b.state.check = undefined;
    b.generation += 1;
    b.passwords.clear();
    void reconcileNow(b).then(() => checkNow(b));
  });
  mirrorHosts.watch(again);
  b.deps.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === CHECK_ALARM) void checkNow(b);
  });
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
    // At the bridge form, not at the top of the options page.
    await browser.tabs.create({ url: browser.runtime.getURL('/options.html#bridge') });
    return { enabled: false, configured: false, state: 'unconfigured' };
  }
  b.state.error = undefined;
  b.state.check = undefined;
  b.generation += 1;
  await bridgeSettings.setValue({ ...current, enabled });
  const view = await reconcileNow(b);
  if (enabled) void checkNow(b);
  return view;
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
    token: once(deps.checkToken),
    generation: 0,
  };
  listen(b);
  void reconcileNow(b).then(() => checkNow(b));
  return {
    view: () => b.serial(async () => b.state.lastView ?? settle(b)),
    reconcileNow: () => reconcileNow(b),
    test: (bridgeId) => b.serial(() => runTest(b, bridgeId)),
    setEnabled: (enabled) => setEnabled(b, enabled),
    check: async () => {
      // After the settings are applied, so the check has a view to start from.
      await reconcileNow(b);
      await checkNow(b);
      return b.state.lastView ?? reconcileNow(b);
    },
  };
}
