import type { BridgeSettings, BridgeTestResult } from '../shared/bridge-types';
import { countMessage, pageMessage } from '../shared/page-messages';
import { CDT_HOME } from '../sites/cdt';
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
