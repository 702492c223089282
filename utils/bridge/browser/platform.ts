import { browser } from 'wxt/browser';
import type { BridgeReason } from '../badge';
import { reconcile } from '../reconcile';
import {
  type ChromeProxyValue,
  clearChromeProxy,
  listenFirefoxRequests,
  onChromeProxyError,
  onFirefoxProxyError,
  readChromeProxy,
  setChromeProxy,
} from './proxy';
import { type AuthChallenge, type BlockingAuthResponse, listenProxyAuth } from './proxy-auth';
import { guardWebRtc, type WebRtcOutcome } from './webrtc-guard';

// Everything the bridge service asks of the browser's proxy, webRequest and privacy APIs, in one object the
// service is handed: the service itself stays browser-free, and a test can hand it another.

export interface BridgePlatform {
  /** Chrome: make proxy.settings hold `value` (null: hold nothing). Says who holds it when Coral cannot. */
  applyChromeProxy(value: ChromeProxyValue | null): Promise<BridgeReason | undefined>;
  clearChromeProxy(): Promise<void>;
  guardWebRtc(on: boolean): Promise<WebRtcOutcome>;
  listenFirefoxRequests(handler: Parameters<typeof listenFirefoxRequests>[0]): void;
  /** Every error code that says the bridge failed a request. */
  onProxyError(firefox: boolean, listener: (code: string) => void): void;
  listenProxyAuth(answer: (challenge: AuthChallenge) => Promise<BlockingAuthResponse>, firefox: boolean): void;
}

async function applyChromeProxy(value: ChromeProxyValue | null): Promise<BridgeReason | undefined> {
  const action = reconcile(value, await readChromeProxy());
  if (action.kind === 'apply' && value) await setChromeProxy(value);
  if (action.kind === 'clear') await clearChromeProxy();
  return action.kind === 'report-controlled-elsewhere' ? action.reason : undefined;
}

function onProxyError(firefox: boolean, listener: (code: string) => void): void {
  if (!firefox) {
    onChromeProxyError(listener);
    return;
  }
  onFirefoxProxyError(listener);
  // Firefox's proxy API reports only its own listener's errors; an unreachable bridge shows here.
  browser.webRequest.onErrorOccurred.addListener(
    (details) => {
      if (/PROXY/.test(details.error)) listener(details.error);
    },
    { urls: ['<all_urls>'] },
  );
}

export const browserPlatform: BridgePlatform = {
  applyChromeProxy,
  clearChromeProxy: () => clearChromeProxy(),
  guardWebRtc: (on) => guardWebRtc(on),
  listenFirefoxRequests: (handler) => listenFirefoxRequests(handler),
  onProxyError,
  listenProxyAuth: (answer, firefox) => listenProxyAuth(answer, firefox),
};
