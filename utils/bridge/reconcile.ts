import type { BridgeReason, BridgeScope, BridgeSettings, BridgeStatus } from '../shared/bridge-types';
import { scopeOrigins } from './routing';
import { activeBridge } from './settings';

// What the background should do with a browser setting (the proxy, WebRTC's policy) so that it matches what
// the user asked for. Pure: the background reads the setting, asks here, and acts.

/** Chrome's and Firefox's `types.ChromeSetting.get()` answer. */
export type LevelOfControl =
  | 'not_controllable'
  | 'controlled_by_other_extensions'
  | 'controllable_by_this_extension'
  | 'controlled_by_this_extension';

export interface SettingState<T> {
  levelOfControl: LevelOfControl;
  value?: T;
}

export type ReconcileAction =
  | { kind: 'apply' }
  | { kind: 'clear' }
  | { kind: 'nothing' }
  | { kind: 'report-controlled-elsewhere'; reason: 'other-extension' | 'not-controllable' };

/** Key order does not matter: browsers echo settings back with their own. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const entries = (value: object) => Object.entries(value).filter(([, v]) => v !== undefined);
  const left = entries(a);
  const right = new Map(entries(b));
  return left.length === right.size && left.every(([key, value]) => right.has(key) && sameValue(value, right.get(key)));
}

/**
 * `wanted` is the value the setting should hold, or null when Coral should hold nothing. Another
 * extension's or a policy's setting is reported, never fought over: two extensions overwriting each other
 * leave the user with neither.
 */
export function reconcile<T>(wanted: T | null, state: SettingState<T>): ReconcileAction {
  const ours = state.levelOfControl === 'controlled_by_this_extension';
  if (wanted === null) return ours ? { kind: 'clear' } : { kind: 'nothing' };
  switch (state.levelOfControl) {
    case 'not_controllable':
      return { kind: 'report-controlled-elsewhere', reason: 'not-controllable' };
    case 'controlled_by_other_extensions':
      return { kind: 'report-controlled-elsewhere', reason: 'other-extension' };
    case 'controllable_by_this_extension':
      return { kind: 'apply' };
    case 'controlled_by_this_extension':
      return sameValue(state.value, wanted) ? { kind: 'nothing' } : { kind: 'apply' };
  }
}

/** What the switches show; a problem only matters while the bridge is on and has a server. */
export function bridgeViewFor(
  settings: BridgeSettings,
  problem?: { state: 'error' | 'direct' | 'controlled-elsewhere'; reason: BridgeReason },
): BridgeStatus {
  const configured = activeBridge(settings) !== null;
  const base = { enabled: settings.enabled, configured };
  if (!settings.enabled) return { ...base, state: 'off' };
  if (!configured) return { ...base, state: 'unconfigured' };
  return problem ? { ...base, ...problem } : { ...base, state: 'on' };
}

/**
 * The settings "Test bridge" applies for a moment: that bridge, never falling back to direct (a test
 * that succeeds by going around the bridge would lie), with the test page in scope. Null for an
 * unknown bridge.
 */
export function testSettingsFor(settings: BridgeSettings, bridgeId: string, testHost: string): BridgeSettings | null {
  if (!settings.bridges.some((bridge) => bridge.id === bridgeId)) return null;
  const scope: BridgeScope =
    settings.scope.kind === 'sites'
      ? { kind: 'sites', patterns: [...settings.scope.patterns, testHost] }
      : settings.scope;
  return { ...settings, enabled: true, activeId: bridgeId, scope, fallbackDirect: false };
}

/**
 * Host permissions the bridge needs: exactly what its scope routes (scopeOrigins), so nothing is routed
 * that Coral may not see. Firefox only proxies requests it lets Coral see; Chrome routes everything but
 * answers a proxy's password challenge only for sites Coral may see. CDT's are granted at install, a
 * mirror's when it is added, the rest when the options page saves the scope, on the user's click.
 */
export function neededOrigins(settings: BridgeSettings, firefox: boolean, mirrors: readonly string[]): string[] {
  const bridge = activeBridge(settings);
  if (!settings.enabled || !bridge) return [];
  const challenges = bridge.scheme !== 'socks5' && Boolean(bridge.username);
  if (!firefox && !challenges) return [];
  return scopeOrigins(settings.scope, mirrors);
}
