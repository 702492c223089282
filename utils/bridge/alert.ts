import { browser } from 'wxt/browser';
import type { BridgeStatus } from '../shared/bridge-types';
import { pageMessage } from '../shared/page-messages';
import { reasonText } from './badge';
import { notificationStep } from './service-state';

// The browser notification that the bridge stopped working: a page that fails because of the bridge
// should be explained by Coral at once, not by the browser's "No internet". Once per failure episode.

const NOTIFICATION_ID = 'coral-bridge-failing';

type NotificationsApi = Pick<typeof browser.notifications, 'create' | 'clear'>;

/** What the notification says, in the user's language; never the browser's own error text. */
export function failureNotice(view: BridgeStatus): { title: string; message: string } {
  const reason = reasonText(view.reason ?? 'unreachable');
  const key = view.state === 'direct' ? 'bridgeNotifyDirect' : 'bridgeNotifyFailed';
  return { title: pageMessage('bridgeNotifyTitle'), message: pageMessage(key, [reason]) };
}

/** Shows or clears the notification as the view goes from `before` to `after`. Never throws. */
export async function notifyBridgeChange(
  before: BridgeStatus | undefined,
  after: BridgeStatus,
  api: NotificationsApi | undefined = browser.notifications,
): Promise<void> {
  if (!api) return;
  const step = notificationStep(before, after);
  try {
    if (step === 'show') {
      await api.create(NOTIFICATION_ID, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        ...failureNotice(after),
      });
    }
    if (step === 'clear') await api.clear(NOTIFICATION_ID);
  } catch (cause) {
    console.warn('Coral: the bridge notification could not be shown', cause);
  }
}
