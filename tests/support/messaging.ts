import type { Browser } from 'wxt/browser';
import { type Dispatch, listen, type Response } from '../../utils/shared/messages';

export const EXTENSION_ID = 'coral-test';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

type Sender = Browser.runtime.MessageSender;
// Only the fields the checks read; the rest of a Tab does not matter to them.
const tab = { id: 3, index: 0 } as Browser.tabs.Tab;

/** Senders as real browsers describe them. */
export const senders = {
  background: { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}background.js` },
  extensionPage: (path = 'popup.html'): Sender => ({ id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}${path}` }),
  /** An extension page open in a tab, such as the popup's "open in a tab" view. */
  extensionTab: { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}popup.html?tab=1`, tab, frameId: 0 },
  contentScript: (url: string, frameId = 0): Sender => ({ id: EXTENSION_ID, url, tab, frameId }),
  otherExtension: { id: 'someone-else', url: 'chrome-extension://someone-else/page.html' },
} satisfies Record<string, Sender | ((...args: never[]) => Sender)>;

/** Sends one message through `dispatch` as `sender` would, and returns the answer. */
export function ask(dispatch: Dispatch, type: string, data: unknown, sender: Sender): Promise<Response> | undefined {
  return dispatch({ coral: 1, type, data }, sender);
}

/**
 * Serves `dispatch` on the fake browser's runtime as messages from `sender`: WXT's fake browser passes
 * an empty sender, where a real browser says who sent the message.
 */
export function serveAs(sender: Sender, dispatch: Dispatch): () => void {
  return listen((message) => dispatch(message, sender));
}
