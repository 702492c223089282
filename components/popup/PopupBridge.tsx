import '../shared/bridge-switch.css';
import './popup-bridge.css';
import { useEffect, useId, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type BridgeLine, bridgeLine, bridgeName, lastCheckText } from '../../utils/popup/bridge-line';
import { volunteerFailureText, volunteerFrom } from '../../utils/popup/popup-text';
import { openBridgeSettings } from '../../utils/popup/services';
import type { BridgeStatus, VolunteerState } from '../../utils/shared/bridge-types';
import { requestBridgeEnabled } from '../../utils/shared/bridge-view';
import { sendToBackground, sendToTab } from '../../utils/shared/messages';
import { pageMessage } from '../../utils/shared/page-messages';
import { bridgeStatus as storedStatus } from '../../utils/shared/settings';
import { BridgeSwitch } from '../shared/BridgeSwitch';
import { VolunteerSwitch } from './VolunteerSwitch';

/** How often the popup re-reads Lantern's widget, which changes on its own (connects, refuses). */
const VOLUNTEER_POLL_MS = 1000;

async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** The background's BridgeStatus, kept live; undefined before the first answer, null when none came. */
function useBridgeStatus() {
  const [status, setStatus] = useState<BridgeStatus | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    sendToBackground('getBridgeStatus', {}).then(setStatus, () => setStatus(null));
    return storedStatus.watch((next) => setStatus(next));
  }, []);
  const toggle = (enabled: boolean) => {
    setBusy(true);
    requestBridgeEnabled(enabled)
      .then(() => sendToBackground('getBridgeStatus', {}))
      .then(setStatus, () => setStatus(null))
      .finally(() => setBusy(false));
  };
  return { status, busy, toggle };
}

/** Lantern's widget on the tab, read every second; null where there is none (not a CDT page). */
function useVolunteer(tabId: number | undefined) {
  const [tab, setTab] = useState<number | undefined>(tabId);
  const [state, setState] = useState<VolunteerState | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

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
        (answer) => live && setState(volunteerFrom(answer)),
        () => live && setState(null),
      );
    void read();
    const timer = setInterval(read, VOLUNTEER_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [tab]);

  const toggle = (on: boolean) => {
    if (tab === undefined) return;
    setBusy(true);
    setFailed(false);
    sendToTab(tab, 'setVolunteer', { on })
      .then(
        (answer) => setState(volunteerFrom(answer)),
        () => setFailed(true),
      )
      .finally(() => setBusy(false));
  };
  return { state, busy, failed, toggle };
}

const statusText = (line: BridgeLine) => (line.label ? `${line.label} · ${line.result}` : line.result);

/** What opening the details shows: which bridge, its last check, what a bridge is, the settings, Lantern's switch. */
function Details(props: {
  id: string;
  hidden: boolean;
  status: BridgeStatus | null | undefined;
  locale: string;
  onOpenSettings: () => void;
  volunteer: ReturnType<typeof useVolunteer>;
}) {
  const { status, volunteer } = props;
  const name = bridgeName(status);
  return (
    <div id={props.id} class="bridge-details" hidden={props.hidden}>
      {name && <p>{pageMessage('popupBridgeWhich', [name])}</p>}
      {status?.configured && <p>{lastCheckText(status.lastCheck, props.locale)}</p>}
      <p class="note">{pageMessage('bridgeExplain')}</p>
      <button type="button" class="link" onClick={props.onOpenSettings}>
        {pageMessage('bridgeSettingsLink')}
      </button>
      {volunteer.state && volunteer.state.kind !== 'absent' && (
        <VolunteerSwitch
          state={volunteer.state}
          busy={volunteer.busy}
          error={volunteer.failed ? volunteerFailureText() : undefined}
          onToggle={volunteer.toggle}
        />
      )}
    </div>
  );
}

interface Props {
  /** The tab whose Lantern widget to mirror; the active tab of the popup's window when not given. */
  tabId?: number;
  locale?: string;
  /** Opens the options page at the bridge form. */
  onOpenSettings?: () => void;
}

/**
 * The popup's bridge, in one line: "Use a bridge", which bridge and whether it works, or that none is
 * set up. The rest (what a bridge does, the last check, Lantern's "Be a bridge", kept clearly apart
 * from "Use a bridge") is one click away, so the library below keeps the room.
 */
export function PopupBridge({ tabId, locale = 'en', onOpenSettings = openBridgeSettings }: Props) {
  const { status, busy, toggle } = useBridgeStatus();
  const volunteer = useVolunteer(tabId);
  const [open, setOpen] = useState(false);
  const headingId = useId();
  const detailsId = useId();
  const line = bridgeLine(status, locale);

  return (
    <section class={`popup-bridge tone-${line.tone}${open ? ' open' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId} class="visually-hidden">
        {pageMessage('bridgeHeading')}
      </h2>
      <div class="bridge-line">
        {line.showSwitch ? (
          <BridgeSwitch
            view={status}
            label={pageMessage('bridgeUse')}
            status={statusText(line)}
            busy={busy}
            onToggle={toggle}
          />
        ) : (
          <p class="bridge-none">{line.result}</p>
        )}
        {line.setUp && (
          <button type="button" class="link set-up" onClick={onOpenSettings}>
            {pageMessage('popupBridgeSetUp')}
          </button>
        )}
        <button
          type="button"
          class="bridge-more"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls={detailsId}
          title={pageMessage('popupBridgeDetails')}
          onClick={() => setOpen(!open)}
        >
          <span class="visually-hidden">{pageMessage('popupBridgeDetails')}</span>
        </button>
      </div>
      <Details
        id={detailsId}
        hidden={!open}
        status={status}
        locale={locale}
        onOpenSettings={onOpenSettings}
        volunteer={volunteer}
      />
    </section>
  );
}
