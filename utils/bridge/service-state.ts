import type { Bridge, BridgeCheck, BridgeSettings, BridgeStatus } from '../shared/bridge-types';
import { type BridgeReason, proxyErrorReason } from './badge';
import { bridgeIsDown } from './probe';
import { bridgeViewFor } from './reconcile';
import { hostPort } from './routing';
import { activeBridge } from './settings';

// The bridge service's memory, and the pure decisions it makes from it. The service holds one of these
// and changes it only through the named steps below.

export interface BridgeState {
  settings?: BridgeSettings;
  mirrors: string[];
  lastView?: BridgeStatus;
  /** A failure seen while the bridge is on; cleared when the user changes something or a check succeeds. */
  error?: BridgeReason;
  /** Set while "Test bridge" runs: failures then are the test's, not the bridge's state. */
  test?: { bridgeId: string; errors: string[] };
  /** Set while the health check runs: the error codes seen meanwhile are its own. */
  probe?: { codes: string[] };
  /** The last health check of the active bridge; dropped when the settings change. */
  check?: BridgeCheck;
}

export const initialBridgeState = (): BridgeState => ({ mirrors: [] });

/** What a failure reported by the browser means for the state. */
export type FailureOutcome =
  | { kind: 'test-error' }
  | { kind: 'probe-error' }
  | { kind: 'ignore' }
  | { kind: 'new-error'; reason: BridgeReason };

export function failureOutcome(state: BridgeState, code: string): FailureOutcome {
  if (state.test) return { kind: 'test-error' };
  if (state.probe) return { kind: 'probe-error' };
  const reason = proxyErrorReason(code);
  // Only a bridge that is on can fail, and the same failure again changes nothing.
  if (state.lastView?.state !== 'on' || state.error === reason) return { kind: 'ignore' };
  return { kind: 'new-error', reason };
}

/** Whether the bridge routes anything: on, with a server, and the proxy setting Coral's to hold. */
export function bridgeIsOn(settings: BridgeSettings, controlled: BridgeReason | undefined): boolean {
  return settings.enabled && activeBridge(settings) !== null && !controlled;
}

/** Failures after which the browser, told to fall back, sends pages direct rather than failing them. */
const FALLS_BACK: readonly BridgeReason[] = ['unreachable', 'timeout', 'tunnel-failed'];

/** Which bridge, by the name the user gave it, else its address. */
export const bridgeLabel = (bridge: Bridge): string => bridge.name?.trim() || hostPort(bridge.host, bridge.port);

/**
 * What the switches show once the browser has been made to match `settings`. A bridge that is down
 * with "fall back to a direct connection" chosen is `direct`, never `on`: the pages are going direct.
 */
export function settledView(
  settings: BridgeSettings,
  controlled: BridgeReason | undefined,
  error: BridgeReason | undefined,
  check?: BridgeCheck,
): BridgeStatus {
  if (controlled) return bridgeViewFor(settings, { state: 'controlled-elsewhere', reason: controlled });
  const reason = error ?? (check && !check.ok && bridgeIsDown(check) ? check.reason : undefined);
  const state = reason && settings.fallbackDirect && FALLS_BACK.includes(reason) ? 'direct' : 'error';
  const view = reason ? bridgeViewFor(settings, { state, reason }) : bridgeViewFor(settings);
  const bridge = activeBridge(settings);
  if (!view.enabled || !bridge) return view;
  return { ...view, bridgeLabel: bridgeLabel(bridge), scheme: bridge.scheme, ...(check && { lastCheck: check }) };
}

/** The bridge a password challenge may be answered for: the one under test, else the active one. */
export function challengedBridge(settings: BridgeSettings, test: BridgeState['test']): Bridge | null | undefined {
  return test ? settings.bridges.find((bridge) => bridge.id === test.bridgeId) : activeBridge(settings);
}

/** A bridge that is failing: what a notification is for. */
export const isFailing = (view: BridgeStatus | undefined): boolean =>
  view?.enabled === true && (view.state === 'error' || view.state === 'direct');

/** Once per failure episode: shown when the bridge starts failing, cleared when it works again. */
export function notificationStep(before: BridgeStatus | undefined, after: BridgeStatus): 'show' | 'clear' | 'keep' {
  if (isFailing(after)) return isFailing(before) ? 'keep' : 'show';
  return isFailing(before) ? 'clear' : 'keep';
}

/** Minutes between health checks: often while the bridge is failing (to see it recover), else rarely; none while off. */
export function checkPeriod(view: BridgeStatus): number | null {
  if (!view.enabled || !view.configured || view.state === 'controlled-elsewhere') return null;
  return isFailing(view) ? 1 : 10;
}
