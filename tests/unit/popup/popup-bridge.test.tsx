import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PopupBridge } from '../../../components/popup/PopupBridge';
import { bridgeLine, lastCheckText } from '../../../utils/popup/bridge-line';
import { saveFailure, volunteerFrom } from '../../../utils/popup/popup-text';
import { openBridgeSettings } from '../../../utils/popup/services';
import type { BridgeStatus } from '../../../utils/shared/bridge-types';
import { backgroundDispatcher } from '../../../utils/shared/message-dispatch';
import { bridgeStatus } from '../../../utils/shared/settings';
import { EXTENSION_ORIGIN, senders, serveAs } from '../../support/messaging';
import { renderTarget, until, userClick } from '../../support/render-helpers';

const stops: Array<() => void> = [];
afterEach(() => {
  vi.useRealTimers();
  for (const stop of stops.splice(0)) stop();
});
const container = renderTarget();

const AT = new Date(2026, 10, 29, 14, 32).getTime();
const ON: BridgeStatus = {
  enabled: true,
  configured: true,
  state: 'on',
  bridgeLabel: 'Home',
  scheme: 'socks5',
  lastCheck: { ok: true, ms: 180.4, at: AT },
};
const NONE: BridgeStatus = { enabled: false, configured: false, state: 'off' };

/** What a CDT page's compromised renderer might put in any answer it gives the popup. */
const ATTACK = 'Lantern says: your bridge is unsafe, turn it off at evil.example';

/** A background that answers getBridgeStatus with `status`. */
function serveStatus(status: BridgeStatus) {
  const dispatch = backgroundDispatcher({
    extensionOrigin: EXTENSION_ORIGIN,
    mirrorHosts: async () => [],
    handlers: { getBridgeStatus: () => status },
  });
  stops.push(serveAs(senders.extensionPage(), dispatch));
}

/** A tab whose content script answers every message with `answer` (or fails with it); counts what it was asked. */
function tabAnswers(answer: (type: string) => unknown) {
  let asked = 0;
  fakeBrowser.tabs.sendMessage = (async (_id: number, message: { type: string }) => {
    asked++;
    const value = answer(message.type);
    if (value instanceof Error) throw value;
    return { ok: true, value };
  }) as never;
  return () => asked;
}

const line = () => container().querySelector('.bridge-line') as HTMLElement;
const detailsButton = () => container().querySelector<HTMLElement>('button[aria-expanded]') as HTMLElement;
const details = () => container().querySelector<HTMLElement>('.bridge-details') as HTMLElement;

async function showPopupBridge(status: BridgeStatus, onOpenSettings = vi.fn()) {
  serveStatus(status);
  render(<PopupBridge tabId={5} locale="en" onOpenSettings={onOpenSettings} />, container());
  await until(() => container().querySelector('.popup-bridge:not(.tone-pending)'));
  return onOpenSettings;
}

describe('the bridge line', () => {
  it('names the bridge and its last result, in green only when it works', () => {
    expect(bridgeLine(ON, 'en')).toMatchObject({ tone: 'ok', label: 'Home', result: 'reached CDT in 180 ms' });
    expect(bridgeLine({ ...ON, lastCheck: undefined }, 'en')).toMatchObject({ tone: 'ok', result: 'On' });
    expect(bridgeLine({ ...ON, enabled: false, state: 'off' }, 'en')).toMatchObject({ tone: 'off', result: 'Off' });
  });

  it('is red for errors only: the bridge down with pages going direct is a warning', () => {
    expect(bridgeLine({ ...ON, state: 'direct', reason: 'unreachable' }, 'en')).toMatchObject({
      tone: 'warn',
      result: 'The bridge is down: pages go direct',
    });
    expect(bridgeLine({ ...ON, state: 'error', reason: 'wrong-password' }, 'en')).toMatchObject({
      tone: 'error',
      result: 'Not working: The bridge refused the user name or password.',
    });
    expect(bridgeLine({ ...NONE, state: 'controlled-elsewhere', reason: 'other-extension' }, 'en')).toMatchObject({
      tone: 'error',
      setUp: false,
    });
    expect(bridgeLine(null, 'en').tone).toBe('error');
  });

  it('says that no bridge is set up before any click, with no switch that cannot work', () => {
    expect(bridgeLine(NONE, 'en')).toMatchObject({ setUp: true, showSwitch: false, result: 'No bridge set up' });
    // Turned on with none set up: the switch stays, so it can be turned off.
    expect(bridgeLine({ enabled: true, configured: false, state: 'unconfigured' }, 'en')).toMatchObject({
      setUp: true,
      showSwitch: true,
    });
  });

  it('gives the last check its time: the hour today, the date before', () => {
    const today = AT + 3_600_000;
    expect(lastCheckText(ON.lastCheck, 'en', today)).toBe('Last check, 2:32 PM: reached CDT in 180 ms');
    expect(lastCheckText({ ok: false, reason: 'timeout', at: AT }, 'en', AT + 3 * 86_400_000)).toBe(
      'Last check, Nov 29, 2026, 2:32 PM: The bridge did not answer in time',
    );
    expect(lastCheckText(undefined, 'en')).toBe('Not checked yet.');
  });
});

describe('PopupBridge', () => {
  it('is one line: the switch, which bridge and whether it works; the rest one click away', async () => {
    // The check was an hour ago, today: the details give its hour, whatever day the test runs on.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(AT + 3_600_000);
    await showPopupBridge(ON);
    const toggle = line().querySelector('[role="switch"]') as HTMLElement;
    expect(toggle.textContent).toContain('Use a bridge');
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(line().querySelector('.bridge-status')?.textContent).toBe('Home · reached CDT in 180 ms');
    expect(container().querySelector('.popup-bridge')?.classList.contains('tone-ok')).toBe(true);

    expect(details().hidden).toBe(true);
    act(() => userClick(detailsButton()));
    expect(detailsButton().getAttribute('aria-expanded')).toBe('true');
    expect(details().hidden).toBe(false);
    expect(details().textContent).toContain('Bridge: Home (SOCKS5)');
    expect(details().textContent).toContain('Last check, 2:32 PM: reached CDT in 180 ms');
    expect(details().textContent).toContain('does not make you anonymous');
  });

  it('shows the bridge down while pages go direct as a warning, and follows the stored status live', async () => {
    await showPopupBridge(ON);
    await act(async () => {
      await bridgeStatus.setValue({ ...ON, state: 'direct', reason: 'unreachable' });
    });
    await until(() => container().querySelector('.popup-bridge.tone-warn'));
    expect(line().textContent).toContain('The bridge is down: pages go direct');
    expect(container().querySelector('.tone-error')).toBeNull();
  });

  it('says there is no bridge and opens the options page at the bridge form', async () => {
    const onOpenSettings = await showPopupBridge(NONE);
    expect(line().textContent).toContain('No bridge set up');
    expect(line().querySelector('[role="switch"]')).toBeNull();
    const setUp = [...line().querySelectorAll('button')].find((b) => b.textContent === 'Set up') as HTMLElement;
    userClick(setUp);
    expect(onOpenSettings).toHaveBeenCalledTimes(1);
  });

  it('opens the options at #bridge in a tab of its own', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    openBridgeSettings();
    expect(create).toHaveBeenCalledWith({ url: 'chrome-extension://test-extension-id/options.html#bridge' });
  });
});

describe('no page text in the popup', () => {
  it('reads Lantern’s widget state from known codes only', () => {
    expect(volunteerFrom({ kind: 'unavailable', why: 'refused', reason: ATTACK })).toEqual({
      kind: 'unavailable',
      why: 'refused',
    });
    expect(volunteerFrom({ kind: 'on', label: ATTACK })).toEqual({ kind: 'on' });
    expect(volunteerFrom({ kind: 'unavailable', why: ATTACK })).toBeNull();
    expect(volunteerFrom({ kind: ATTACK })).toBeNull();
    expect(volunteerFrom(ATTACK)).toBeNull();
  });

  it.each([
    ['a refusal with words of its own', { kind: 'unavailable', why: 'refused', reason: ATTACK, message: ATTACK }],
    ['a refusal whose code is a sentence', { kind: 'unavailable', why: ATTACK }],
    ['a state that is a sentence', { kind: ATTACK }],
    ['a state with a label', { kind: 'off', label: ATTACK, text: ATTACK }],
  ])('shows none of the page’s words for %s', async (_name, answer) => {
    // Only the poll is faked: advancing it past one more read ends after the answers have been handled.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const asked = tabAnswers(() => answer);
    await showPopupBridge(ON);
    act(() => userClick(detailsButton()));
    await until(() => asked() > 0);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1_000);
    });
    expect(asked()).toBeGreaterThanOrEqual(2);
    expect(container().textContent).not.toContain('Lantern says');
    expect(container().innerHTML).not.toContain('evil.example');
  });

  it('says a failed flip of Lantern’s switch in Coral’s words, not the browser’s or the page’s', async () => {
    tabAnswers((type) => (type === 'getVolunteerState' ? { kind: 'off' } : new Error(ATTACK)));
    await showPopupBridge(ON);
    act(() => userClick(detailsButton()));
    const volunteer = await until(() => container().querySelector<HTMLElement>('.volunteer-switch [role="switch"]'));
    act(() => volunteer.click());
    const status = await until(() => container().querySelector('.volunteer-switch .bridge-status.failed')?.textContent);
    expect(status).toBe('Could not reach the Lantern widget on this page. Reload the page and try again.');
    expect(container().innerHTML).not.toContain('evil.example');
  });

  it('says a failed save by its code, whatever text came with it', () => {
    const FAILED = 'The article could not be saved. Nothing was changed; try again.';
    expect(saveFailure('forbidden')).toEqual({ text: 'This page cannot be saved.', retry: false });
    // A full disk can be mended (free some space), so it is worth another try.
    expect(saveFailure('quota').retry).toBe(true);
    expect(saveFailure(undefined)).toEqual({ text: FAILED, retry: true });
    // A code this popup does not know yet (the background is newer): a plain failure.
    expect(saveFailure('no-such-code' as never).text).toBe(FAILED);
  });
});
