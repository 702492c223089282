import type { Bridge, BridgeSettings, BridgeStatus } from '../shared/bridge-types';
import { type BridgeReason, proxyErrorReason } from './badge';
import { bridgeViewFor } from './reconcile';
import { activeBridge } from './settings';

// The bridge service's memory, and the pure decisions it makes from it. The service holds one of these
// and changes it only through the named steps below.

export interface BridgeState {
  settings?: BridgeSettings;
  mirrors: string[];
  lastView?: BridgeStatus;
  /** A failure seen while the bridge is on; cleared when the user changes something. */
  error?: BridgeReason;
  /** Set while "Test bridge" runs: failures then are the test's, not the bridge's state. */
  test?: { bridgeId: string; errors: string[] };
}

export const initialBridgeState = (): BridgeState => ({ mirrors: [] });

/** What a failure reported by the browser means for the state. */
export type FailureOutcome = { kind: 'test-error' } | { kind: 'ignore' } | { kind: 'new-error'; reason: BridgeReason };

export function failureOutcome(state: BridgeState, code: string): FailureOutcome {
  if (state.test) return { kind: 'test-error' };
  const reason = proxyErrorReason(code);
  // Only a bridge that is on can fail, and the same failure again changes nothing.
  if (state.lastView?.state !== 'on' || state.error === reason) return { kind: 'ignore' };
  return { kind: 'new-error', reason };
}

/** Whether the bridge routes anything: on, with a server, and the proxy setting Coral's to hold. */
export function bridgeIsOn(settings: BridgeSettings, controlled: BridgeReason | undefined): boolean {
  return settings.enabled && activeBridge(settings) !== null && !controlled;
}

/** What the switches show once the browser has been made to match `settings`. */
export function settledView(
  settings: BridgeSettings,
  controlled: BridgeReason | undefined,
  error: BridgeReason | undefined,
): BridgeStatus {
  if (controlled) return bridgeViewFor(settings, { state: 'controlled-elsewhere', reason: controlled });
  if (error) return bridgeViewFor(settings, { state: 'error', reason: error });
  return bridgeViewFor(settings);
}

/** The bridge a password challenge may be answered for: the one under test, else the active one. */
export function challengedBridge(settings: BridgeSettings, test: BridgeState['test']): Bridge | null | undefined {
  return test ? settings.bridges.find((bridge) => bridge.id === test.bridgeId) : activeBridge(settings);
}
