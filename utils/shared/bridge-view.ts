import { storage } from 'wxt/utils/storage';
import type { BridgeView } from './bridge-types';
import { sendToBackground } from './messages';

/**
 * Where the background keeps the current BridgeView (no addresses, no credentials) so every switch,
 * in the popup and in each open CDT tab, can follow it live. The background writes it; UIs only read.
 */
export const BRIDGE_VIEW_KEY = 'local:bridgeView';

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
  const unwatch = storage.watch<BridgeView>(BRIDGE_VIEW_KEY, (view) => {
    if (!stopped && isBridgeView(view)) callback(view);
  });
  const onVisible = () => {
    if (doc.visibilityState === 'visible') ask();
  };
  doc.addEventListener('visibilitychange', onVisible);
  ask();
  return () => {
    stopped = true;
    unwatch();
    doc.removeEventListener('visibilitychange', onVisible);
  };
}
