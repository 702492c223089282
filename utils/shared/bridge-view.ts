import type { BridgeView } from './bridge-types';
import { sendToBackground, type TabHandlers } from './messages';

// What the on-page switch knows about the bridge: on or off, and whether it works, by message only. The
// background answers getBridgeView and pushes bridgeViewChanged to CDT tabs; nothing about the bridge is
// in any storage a content script can read.

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

const watchers = new Set<(view: BridgeView) => void>();

/**
 * The tab's handler of the background's push, for the content script's one tab dispatcher (which
 * admits only the extension itself). It passes the view on to every watchBridgeView.
 */
export function bridgeViewHandlers(): Pick<TabHandlers, 'bridgeViewChanged'> {
  return {
    bridgeViewChanged: (view) => {
      const { enabled, configured, state } = view;
      for (const watcher of watchers) watcher({ enabled, configured, state });
      return true;
    },
  };
}

/**
 * Calls back with the view now and on every change: the background's push when it changes, and a
 * fresh question whenever the page becomes visible again (a tab left in the background may have missed
 * a push, e.g. while the extension was reloaded). Returns the function that stops watching.
 */
export function watchBridgeView(callback: (view: BridgeView | null) => void, doc: Document = document): () => void {
  let stopped = false;
  const ask = () => {
    void readBridgeView().then((view) => {
      if (!stopped) callback(view);
    });
  };
  const pushed = (view: BridgeView) => {
    if (!stopped) callback(view);
  };
  watchers.add(pushed);
  const onVisible = () => {
    if (doc.visibilityState === 'visible') ask();
  };
  doc.addEventListener('visibilitychange', onVisible);
  ask();
  return () => {
    stopped = true;
    watchers.delete(pushed);
    doc.removeEventListener('visibilitychange', onVisible);
  };
}
