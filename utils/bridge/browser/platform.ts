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

export interface RequestFailure {
  url: string;
  /** `net::ERR_…` in Chrome, `NS_ERROR_…` in Firefox. */
  code: string;
  /** A top-level page: what the user sees fail. */
  mainFrame: boolean;
}

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
  /** Every failed request Coral may see (its own, and those on sites it has access to), with its code. */
  onRequestError(listener: (failure: RequestFailure) => void): void;
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
  // Firefox's proxy API reports only its own listener's errors; an unreachable bridge shows in
  // webRequest's (onRequestError), which the service reads.
  onFirefoxProxyError(listener);
}

function onRequestError(listener: (failure: RequestFailure) => void): void {
  browser.webRequest.onErrorOccurred.addListener(
    (details) => listener({ url: details.url, code: details.error, mainFrame: details.type === 'main_frame' }),
    { urls: ['<all_urls>'] },
  );
}

export const browserPlatform: BridgePlatform = {
  applyChromeProxy,
  clearChromeProxy: () => clearChromeProxy(),
  guardWebRtc: (on) => guardWebRtc(on),
  listenFirefoxRequests: (handler) => listenFirefoxRequests(handler),
  onProxyError,
  onRequestError,
  listenProxyAuth: (answer, firefox) => listenProxyAuth(answer, firefox),
};
