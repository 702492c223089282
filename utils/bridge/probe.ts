import type { BridgeCheck, BridgeSettings, BridgeTestResult } from '../shared/bridge-types';
import { countMessage, pageMessage } from '../shared/page-messages';
import { CDT_DOMAIN, CDT_HOME } from '../sites/cdt';
import { proxyErrorReason, reasonText } from './badge';
import { activeBridge } from './settings';

// "Test bridge": one timed fetch through the bridge under test, and what its failure means to the user.
// The bridge service applies the tested configuration around it.

export const TEST_URL = CDT_HOME;
export const TEST_TIMEOUT_S = 15;

/** A fresh URL each time, so no cache answers and the test's own request can be told apart. */
export const bridgeTestUrl = () => `${TEST_URL}?coral-bridge-test=${crypto.randomUUID()}`;

export interface BridgeTestDeps {
  firefox: boolean;
  fetch: typeof fetch;
}

/** `errors` fills with the browser's proxy error codes while the fetch runs. */
export async function timedFetch(
  deps: BridgeTestDeps,
  url: string,
  tested: BridgeSettings,
  errors: readonly string[],
): Promise<BridgeTestResult> {
  const started = performance.now();
  try {
    const init: RequestInit = {
      cache: 'no-store',
      credentials: 'omit',
      signal: AbortSignal.timeout(TEST_TIMEOUT_S * 1000),
    };
    const response = await deps.fetch(url, init);
    const ms = Math.round(performance.now() - started);
    if (response.status !== 407) return { ok: true, ms, status: response.status };
    // Chrome does not ask onAuthRequired about the service worker's own requests.
    const unsent = !deps.firefox && Boolean(activeBridge(tested)?.username);
    return { ok: false, error: unsent ? pageMessage('bridgeTestPasswordNotSent') : reasonText('wrong-password') };
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'TimeoutError') {
      return { ok: false, error: countMessage('bridgeTestTimeout', TEST_TIMEOUT_S) };
    }
    // The browser's proxy error event arrives a moment after fetch gives up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [proxyError] = errors;
    // Chrome reports a refused password on a tunnel as a failed tunnel, and cannot send one from here.
    if (!deps.firefox && activeBridge(tested)?.username && proxyError && !/PROXY_CONNECTION/.test(proxyError)) {
      return { ok: false, error: pageMessage('bridgeTestPasswordNotSent') };
    }
    if (proxyError) return { ok: false, error: reasonText(proxyErrorReason(proxyError)) };
    return {
      ok: false,
      error: pageMessage('bridgeTestFailed'),
    };
  }
}

// The health check: whether the active bridge works, asked when it turns on, at start, after a failure
// and every few minutes. Its address is routed through the bridge with no way around it (Chrome: a rule
// in front of the PAC script, keyed by a secret; Firefox: that one URL, as for "Test bridge"), so a
// bridge that is down cannot look up because the check went direct. Plain http://, because Chrome hands
// PAC scripts only the host of an https:// address; the redirect to https is not followed, and counts
// as having reached CDT.

export const CHECK_BASE = `http://${CDT_DOMAIN}/`;
export const CHECK_TIMEOUT_S = 15;

/** What every check address starts with: the PAC rule's key. */
export const checkPrefix = (token: string) => `${CHECK_BASE}?coral-bridge-check=${token}&`;

/** A fresh address each time, so no cache answers. */
export const checkUrl = (token: string) => `${checkPrefix(token)}n=${crypto.randomUUID()}`;

export type CheckOutcome =
  | { kind: 'answered'; status: number; ms: number }
  | { kind: 'timeout' }
  /** The fetch failed; `codes` are the browser's error codes seen meanwhile. */
  | { kind: 'failed'; codes: readonly string[] };

/** Codes that say the bridge itself could not be used (as opposed to the site behind it). */
const BRIDGE_DOWN = /PROXY|PAC|AUTH/i;

/** The check's result, as the popup shows it. */
export function bridgeCheckFrom(outcome: CheckOutcome, at: number): BridgeCheck {
  if (outcome.kind === 'answered') {
    if (outcome.status === 407) return { ok: false, reason: 'wrong-password', at };
    // An HTTP bridge's own answer when it could not reach the site.
    if (outcome.status >= 502 && outcome.status <= 504) return { ok: false, reason: 'tunnel-failed', at };
    return { ok: true, ms: outcome.ms, at };
  }
  if (outcome.kind === 'timeout') return { ok: false, reason: 'timeout', at };
  const down = outcome.codes.find((code) => BRIDGE_DOWN.test(code));
  if (down) return { ok: false, reason: proxyErrorReason(down), at };
  // Some other failure: the bridge answered but could not reach CDT. No code at all: nothing answered.
  return { ok: false, reason: outcome.codes.length > 0 ? 'tunnel-failed' : 'unreachable', at };
}

/** Whether the check says the bridge itself is down, rather than CDT unreachable through it. */
export const bridgeIsDown = (check: BridgeCheck | undefined): boolean =>
  check !== undefined && !check.ok && check.reason !== 'tunnel-failed';

/** One timed request; never throws. `settle` waits for error events that arrive after fetch gives up. */
export async function runCheckFetch(
  fetcher: typeof fetch,
  url: string,
  codes: readonly string[],
  settle: () => Promise<void>,
): Promise<CheckOutcome> {
  const started = performance.now();
  try {
    const response = await fetcher(url, {
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'manual',
      signal: AbortSignal.timeout(CHECK_TIMEOUT_S * 1000),
    });
    return { kind: 'answered', status: response.status, ms: Math.round(performance.now() - started) };
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'TimeoutError') return { kind: 'timeout' };
    await settle();
    return { kind: 'failed', codes: [...codes] };
  }
}
