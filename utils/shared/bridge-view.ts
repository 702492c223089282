import { type Browser, browser } from 'wxt/browser';
import type { BridgeView } from './bridge-types';
import { sendToBackground } from './messages';
import { STORAGE_KEYS } from './storage-keys';

// Watched through the browser's own event rather than WXT's storage wrapper, which would be most of the
// content script's weight; the item is unversioned, so the stored value is the view itself.
const [VIEW_AREA, VIEW_NAME] = STORAGE_KEYS.bridgeView.split(':') as [string, string];

/** The background's answer, or null when it did not answer (extension reloaded, context gone). */
export async function readBridgeView(): Promise<BridgeView | null> {
  try {
    return await sendToBackground('getBridgeView', {});
  } catch {
    return null;
  }
}

/** Asks the background to turn the bridge on or off; the answer is the resulting view. */
export function requestBridgeEnabled(enabled: boolean): Promise<BridgeView> {
  return sendToBackground('setBridgeEnabled', { enabled });
}

function isBridgeView(value: unknown): value is BridgeView {
  if (typeof value !== 'object' || value === null) return false;
  const view = value as BridgeView;
  return typeof view.enabled === 'boolean' && typeof view.configured === 'boolean' && typeof view.state === 'string';
}

/**
 * Calls back with the view now and on every change: the stored copy when the background updates it,
 * and a fresh question whenever the page becomes visible again (a tab left in the background may have
 * missed changes, e.g. while the extension was reloaded). Returns the function that stops watching.
 */
export function watchBridgeView(callback: (view: BridgeView | null) => void, doc: Document = document): () => void {
  let stopped = false;
  const ask = () => {
    void readBridgeView().then((view) => {
      if (!stopped) callback(view);
    });
  };
  const onChanged = (changes: Record<string, Browser.storage.StorageChange>, area: string) => {
    const view = area === VIEW_AREA ? changes[VIEW_NAME]?.newValue : undefined;
    if (!stopped && isBridgeView(view)) callback(view);
  };
  browser.storage.onChanged.addListener(onChanged);
  const onVisible = () => {
    if (doc.visibilityState === 'visible') ask();
  };
  doc.addEventListener('visibilitychange', onVisible);
  ask();
  return () => {
    stopped = true;
    browser.storage.onChanged.removeListener(onChanged);
    doc.removeEventListener('visibilitychange', onVisible);
  };
}
