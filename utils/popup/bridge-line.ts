// What the popup's one bridge line and its details say, as plain data from the background's BridgeStatus.
// Every word comes from _locales by code: nothing here carries text from a page or a browser error.
import { reasonText } from '../bridge/badge';
import type { BridgeCheck, BridgeScheme, BridgeStatus } from '../shared/bridge-types';
import { pageMessage } from '../shared/page-messages';

/** How the line is coloured: red is for errors only; a bridge that is down while pages go direct warns. */
export type BridgeTone = 'pending' | 'off' | 'ok' | 'warn' | 'error';

export interface BridgeLine {
  tone: BridgeTone;
  /** No bridge set up: the line says so and offers to set one up instead of a switch that cannot work. */
  setUp: boolean;
  /** The switch is shown: a bridge is set up, or the bridge was turned on without one and must be turnable off. */
  showSwitch: boolean;
  /** Which bridge, as the user named it. */
  label?: string;
  /** Whether it works, in words. */
  result: string;
}

function onResult(check: BridgeCheck | undefined, locale: string): string {
  if (check?.ok) return pageMessage('popupBridgeReached', [Math.round(check.ms).toLocaleString(locale)]);
  return pageMessage('bridgeStateOn');
}

function errorResult(status: BridgeStatus): string {
  return status.reason
    ? pageMessage('bridgeStateErrorReason', [reasonText(status.reason)])
    : pageMessage('bridgeStateErrorNoReason');
}

/** The line for a status that has a bridge set up. */
function configuredLine(status: BridgeStatus, locale: string): Pick<BridgeLine, 'tone' | 'result'> {
  switch (status.state) {
    case 'on':
      return { tone: 'ok', result: onResult(status.lastCheck, locale) };
    case 'direct':
      return { tone: 'warn', result: pageMessage('bridgeStateDirect') };
    case 'error':
      return { tone: 'error', result: errorResult(status) };
    case 'controlled-elsewhere':
      return {
        tone: 'error',
        result: status.reason ? reasonText(status.reason) : pageMessage('bridgeStateControlled'),
      };
    default:
      return { tone: 'off', result: pageMessage('bridgeStateOff') };
  }
}

/**
 * `undefined` before the background's first answer, `null` when it did not answer. Another extension in
 * control is said even with no bridge set up: it is why setting one up would not help.
 */
export function bridgeLine(status: BridgeStatus | null | undefined, locale: string): BridgeLine {
  if (status === undefined) return { tone: 'pending', setUp: false, showSwitch: true, result: '' };
  if (status === null)
    return { tone: 'error', setUp: false, showSwitch: true, result: pageMessage('bridgeStateNoAnswer') };
  const label = status.bridgeLabel || undefined;
  if (!status.configured && status.state !== 'controlled-elsewhere')
    return { tone: 'off', setUp: true, showSwitch: status.enabled, result: pageMessage('popupBridgeNone') };
  return { setUp: false, showSwitch: true, label, ...configuredLine(status, locale) };
}

const SCHEME_NAMES: Record<BridgeScheme, string> = { http: 'HTTP', https: 'HTTPS', socks5: 'SOCKS5' };

/** "Home (SOCKS5)", or null when the background has not said which bridge. */
export function bridgeName(status: BridgeStatus | null | undefined): string | null {
  if (!status?.bridgeLabel) return null;
  return status.scheme ? `${status.bridgeLabel} (${SCHEME_NAMES[status.scheme]})` : status.bridgeLabel;
}

/** A time of day for today's checks, a date and time for older ones. */
export function checkTime(at: number, locale: string, now = Date.now()): string {
  const when = new Date(at);
  const today = new Date(now).toDateString() === when.toDateString();
  const options: Intl.DateTimeFormatOptions = today
    ? { timeStyle: 'short' }
    : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(locale, options).format(when);
}

/** "Last check 14:32: reached CDT in 180 ms", or that there has been none yet. */
export function lastCheckText(check: BridgeCheck | undefined, locale: string, now = Date.now()): string {
  if (!check) return pageMessage('popupBridgeNotChecked');
  const result = check.ok
    ? pageMessage('popupBridgeReached', [Math.round(check.ms).toLocaleString(locale)])
    : reasonText(check.reason);
  return pageMessage('popupBridgeLastCheck', [checkTime(check.at, locale, now), result]);
}
