import '../shared/bridge-switch.css';
import './popup-bridge.css';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { reasonText } from '../../utils/bridge/badge';
import type { BridgeStatus, VolunteerState } from '../../utils/shared/bridge-types';
import { requestBridgeEnabled } from '../../utils/shared/bridge-view';
import { sendToBackground, sendToTab } from '../../utils/shared/messages';
import { pageMessage } from '../../utils/shared/page-messages';
import { bridgeStatus as storedStatus } from '../../utils/shared/settings';
import { BridgeSwitch } from '../shared/BridgeSwitch';
import { VolunteerSwitch } from './VolunteerSwitch';

/** How often the popup re-reads Lantern's widget, which changes on its own (connects, refuses). */
const VOLUNTEER_POLL_MS = 1000;

export function bridgeStatus(view: BridgeStatus | null | undefined): string {
  if (view === undefined) return '';
  if (view === null) return pageMessage('bridgeStateNoAnswer');
  switch (view.state) {
    case 'on':
      return pageMessage('bridgeStateOn');
    case 'off':
      return pageMessage('bridgeStateOff');
    case 'error':
      return view.reason
        ? pageMessage('bridgeStateErrorReason', [reasonText(view.reason)])
        : pageMessage('bridgeStateErrorNoReason');
    case 'direct':
      return pageMessage('bridgeStateDirect');
    case 'controlled-elsewhere':
      return view.reason ? reasonText(view.reason) : pageMessage('bridgeStateControlled');
    case 'unconfigured':
      return pageMessage('bridgeStateUnconfigured');
  }
}

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

interface Props {
  /** The tab whose Lantern widget to mirror; the active tab of the popup's window when not given. */
  tabId?: number;
}

/**
 * The popup's bridge section: "Use a bridge" (the user's own proxy) and, on a CDT tab with Lantern's
 * widget, "Be a bridge" (volunteering through that widget), kept clearly apart.
 */
export function PopupBridge({ tabId }: Props) {
  const [view, setView] = useState<BridgeStatus | null | undefined>(undefined);
  const [bridgeBusy, setBridgeBusy] = useState(false);
  const [volunteer, setVolunteerState] = useState<VolunteerState | null>(null);
  const [volunteerBusy, setVolunteerBusy] = useState(false);
  const [volunteerError, setVolunteerError] = useState<string | undefined>();
  const [tab, setTab] = useState<number | undefined>(tabId);

  useEffect(() => {
    sendToBackground('getBridgeStatus', {}).then(setView, () => setView(null));
    return storedStatus.watch((status) => setView(status));
  }, []);

  useEffect(() => {
    if (tabId !== undefined) return setTab(tabId);
    activeTabId().then(setTab, () => setTab(undefined));
  }, [tabId]);

  useEffect(() => {
    if (tab === undefined) return;
    let live = true;
    // No content script (not a CDT page) means no answer: the volunteer switch stays hidden.
    const read = () =>
      sendToTab(tab, 'getVolunteerState', {}).then(
        (state) => live && setVolunteerState(state),
        () => live && setVolunteerState(null),
      );
    void read();
    const timer = setInterval(read, VOLUNTEER_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [tab]);

  const toggleBridge = (enabled: boolean) => {
    setBridgeBusy(true);
    requestBridgeEnabled(enabled)
      .then(() => sendToBackground('getBridgeStatus', {}))
      .then(setView, () => setView(null))
      .finally(() => setBridgeBusy(false));
  };

  const toggleVolunteer = (on: boolean) => {
    if (tab === undefined) return;
    setVolunteerBusy(true);
    setVolunteerError(undefined);
    sendToTab(tab, 'setVolunteer', { on })
      .then(setVolunteerState, () => setVolunteerError(pageMessage('volunteerFailed')))
      .finally(() => setVolunteerBusy(false));
  };

  const openSettings = () => {
    void browser.runtime.openOptionsPage();
  };

  return (
    <section class="popup-bridge" aria-labelledby="popup-bridge-heading">
      <h2 id="popup-bridge-heading">{pageMessage('bridgeHeading')}</h2>
      <BridgeSwitch
        view={view}
        label={pageMessage('bridgeUse')}
        status={bridgeStatus(view)}
        busy={bridgeBusy}
        onToggle={toggleBridge}
      />
      <p class="note">{pageMessage('bridgeExplain')}</p>
      <button type="button" class="link" onClick={openSettings}>
        {pageMessage('bridgeSettingsLink')}
      </button>
      {volunteer && volunteer.kind !== 'absent' && (
        <VolunteerSwitch state={volunteer} busy={volunteerBusy} error={volunteerError} onToggle={toggleVolunteer} />
      )}
    </section>
  );
}
