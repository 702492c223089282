import { browser } from 'wxt/browser';
import type { BridgeReason, BridgeState, BridgeStatus, BridgeView } from '../shared/bridge-types';
import { sendToTab } from '../shared/messages';
import { type PageMessageKey, pageMessage } from '../shared/page-messages';
import { bridgeStatus } from '../shared/settings';
import { CDT_MATCHES } from '../sites/cdt';
import { mirrorMatches } from '../sites/mirrors';

// How the bridge's state is shown: the toolbar badge and title (every window, not per tab), and the
// `bridgeStatus` item Coral's pages watch. The background is its only writer. (The on-page switches get
// only the public view, pushed by the service.)

export type { BridgeReason };

const REASON_KEYS: Record<BridgeReason, PageMessageKey> = {
  'other-extension': 'bridgeReasonOtherExtension',
  'not-controllable': 'bridgeReasonNotControllable',
  unreachable: 'bridgeReasonUnreachable',
  'wrong-password': 'bridgeReasonWrongPassword',
  'pac-failed': 'bridgeReasonPacFailed',
  'tunnel-failed': 'bridgeReasonTunnelFailed',
  'no-site-access': 'bridgeReasonNoSiteAccess',
  timeout: 'bridgeReasonTimeout',
};

export function reasonText(reason: BridgeReason): string {
  return pageMessage(REASON_KEYS[reason]);
}

/** Chrome's `net::ERR_…` and Firefox's `NS_ERROR_…` codes, as the user can act on them. */
export function proxyErrorReason(code: string): BridgeReason {
  if (/AUTH/i.test(code)) return 'wrong-password';
  if (/PAC/i.test(code)) return 'pac-failed';
  if (/TUNNEL|GATEWAY/i.test(code)) return 'tunnel-failed';
  return 'unreachable';
}

const STATE_KEYS: Record<BridgeState, PageMessageKey> = {
  on: 'badgeTitleOn',
  off: 'badgeTitleOff',
  error: 'badgeTitleError',
  'controlled-elsewhere': 'badgeTitleControlled',
  unconfigured: 'badgeTitleUnconfigured',
  direct: 'badgeTitleDirect',
};

export interface Badge {
  text: string;
  color: string;
  title: string;
}

/** Off (and not set up) shows nothing: the badge is for something the user should notice. */
export function badgeFor(view: BridgeStatus): Badge {
  const reason = view.reason ? reasonText(view.reason) : undefined;
  const title = [`${pageMessage('extName')} · ${pageMessage(STATE_KEYS[view.state])}`, reason]
    .filter(Boolean)
    .join('\n');
  if (view.state === 'on') return { text: 'ON', color: '#1a7f37', title };
  if (view.state === 'error' || view.state === 'controlled-elsewhere') return { text: '!', color: '#d1242f', title };
  if (view.state === 'direct') return { text: '!', color: '#9a6700', title };
  return { text: '', color: '#6e7781', title };
}

type ActionApi = Pick<typeof browser.action, 'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle'>;

/** MV3 has `action`; Firefox's MV2 build only `browserAction`, which WXT does not alias. */
function toolbarAction(): ActionApi | undefined {
  const api = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return api.action ?? api.browserAction;
}

/** Copies the view's fields by name, so nothing else the status carries can reach a page. */
export function publicView(status: BridgeView): BridgeView {
  const { enabled, configured, state } = status;
  return { enabled, configured, state };
}

export async function showBridgeView(view: BridgeStatus, action = toolbarAction()): Promise<void> {
  await bridgeStatus.setValue(view);
  if (!action) return;
  const badge = badgeFor(view);
  // No tabId: the state is the browser's, so every window and tab shows the same.
  await Promise.all([
    action.setBadgeText({ text: badge.text }),
    action.setBadgeBackgroundColor({ color: badge.color }),
    action.setTitle({ title: badge.title }),
  ]);
}

/**
 * Tells the on-page switches on CDT and mirror tabs the new view (on/off and whether it works, nothing
 * else). Tabs without Coral's switch, or gone meanwhile, are skipped.
 */
export async function pushBridgeView(view: BridgeView, mirrors: readonly string[]): Promise<void> {
  const tabs = await browser.tabs.query({ url: [...CDT_MATCHES, ...mirrorMatches(mirrors)] }).catch(() => []);
  const pushed = publicView(view);
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined ? undefined : sendToTab(tab.id, 'bridgeViewChanged', pushed).catch(() => undefined),
    ),
  );
}
