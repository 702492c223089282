import { describe, expect, it } from 'vitest';
import {
  bridgeViewFor,
  type LevelOfControl,
  neededOrigins,
  reconcile,
  sameValue,
  testSettingsFor,
} from '../../../utils/bridge/reconcile';
import type { Bridge, BridgeSettings } from '../../../utils/shared/bridge-types';

const PAC = { mode: 'pac_script', pacScript: { data: 'function FindProxyForURL(){return "DIRECT"}', mandatory: true } };
const OTHER = { mode: 'fixed_servers', rules: { singleProxy: { host: 'elsewhere.test', port: 1 } } };

describe('reconcile', () => {
  const cases: [LevelOfControl, unknown, typeof PAC | null, string][] = [
    ['not_controllable', undefined, PAC, 'report-controlled-elsewhere'],
    ['not_controllable', undefined, null, 'nothing'],
    ['controlled_by_other_extensions', OTHER, PAC, 'report-controlled-elsewhere'],
    ['controlled_by_other_extensions', OTHER, null, 'nothing'],
    ['controllable_by_this_extension', { mode: 'system' }, PAC, 'apply'],
    ['controllable_by_this_extension', { mode: 'system' }, null, 'nothing'],
    ['controlled_by_this_extension', OTHER, PAC, 'apply'],
    ['controlled_by_this_extension', { ...PAC }, PAC, 'nothing'],
    ['controlled_by_this_extension', PAC, null, 'clear'],
  ];
  it.each(cases)('%s holding %j, wanted %j → %s', (levelOfControl, value, wanted, expected) => {
    expect(reconcile(wanted, { levelOfControl, value: value as typeof PAC }).kind).toBe(expected);
  });

  it('says who holds the setting when it cannot be taken', () => {
    expect(reconcile(PAC, { levelOfControl: 'controlled_by_other_extensions' })).toEqual({
      kind: 'report-controlled-elsewhere',
      reason: 'other-extension',
    });
    expect(reconcile(PAC, { levelOfControl: 'not_controllable' })).toEqual({
      kind: 'report-controlled-elsewhere',
      reason: 'not-controllable',
    });
  });

  it('compares values as data, whatever the key order the browser echoes back', () => {
    expect(sameValue({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue([], {})).toBe(false);
  });
});

const http: Bridge = { id: 'a', scheme: 'http', host: 'proxy.test', port: 3128, username: 'u', password: 'p' };
const socks: Bridge = { id: 'b', scheme: 'socks5', host: 'socks.test', port: 1080 };
const base: BridgeSettings = {
  enabled: true,
  activeId: 'a',
  bridges: [http, socks],
  scope: { kind: 'cdt' },
  fallbackDirect: true,
};

describe('bridgeViewFor', () => {
  it('is off, unconfigured, on, or the problem, and carries no address', () => {
    expect(bridgeViewFor({ ...base, enabled: false })).toEqual({ enabled: false, configured: true, state: 'off' });
    expect(bridgeViewFor({ ...base, bridges: [] })).toEqual({
      enabled: true,
      configured: false,
      state: 'unconfigured',
    });
    expect(bridgeViewFor(base)).toEqual({ enabled: true, configured: true, state: 'on' });
    const problem = { state: 'error' as const, reason: 'unreachable' as const };
    expect(bridgeViewFor(base, problem)).toEqual({
      enabled: true,
      configured: true,
      state: 'error',
      reason: 'unreachable',
    });
    expect(JSON.stringify(bridgeViewFor(base))).not.toMatch(/proxy\.test|3128/);
  });

  it('shows no problem while the bridge is off', () => {
    const problem = { state: 'controlled-elsewhere' as const, reason: 'other-extension' as const };
    expect(bridgeViewFor({ ...base, enabled: false }, problem).state).toBe('off');
  });
});

describe('testSettingsFor', () => {
  it('applies the tested bridge with no way around it, with the test page in scope', () => {
    const sites = { ...base, enabled: false, scope: { kind: 'sites' as const, patterns: ['*.example.org'] } };
    expect(testSettingsFor(sites, 'b', 'chinadigitaltimes.net')).toEqual({
      ...sites,
      enabled: true,
      activeId: 'b',
      fallbackDirect: false,
      scope: { kind: 'sites', patterns: ['*.example.org', 'chinadigitaltimes.net'] },
    });
    expect(testSettingsFor(base, 'b', 'chinadigitaltimes.net')?.scope).toEqual({ kind: 'cdt' });
  });

  it('refuses an unknown bridge', () => {
    expect(testSettingsFor(base, 'zzz', 'chinadigitaltimes.net')).toBeNull();
  });
});

describe('neededOrigins', () => {
  const sites = { kind: 'sites' as const, patterns: ['*.example.org', 'news.test', '::1', 'bad host'] };
  const mirrors = ['cdt-mirror.example.org'];
  it('asks Firefox for every host its scope routes, CDT and mirrors with their subdomains', () => {
    expect(neededOrigins(base, true, [])).toEqual(['*://*.chinadigitaltimes.net/*']);
    expect(neededOrigins(base, true, mirrors)).toEqual([
      '*://*.chinadigitaltimes.net/*',
      '*://*.cdt-mirror.example.org/*',
    ]);
    expect(neededOrigins({ ...base, scope: { kind: 'all' } }, true, mirrors)).toEqual(['*://*/*']);
    expect(neededOrigins({ ...base, scope: sites }, true, mirrors)).toEqual([
      '*://*.example.org/*',
      '*://news.test/*',
      '*://[::1]/*',
    ]);
  });

  it('asks Chrome only when the bridge has a password to answer with', () => {
    expect(neededOrigins({ ...base, scope: { kind: 'all' } }, false, [])).toEqual(['*://*/*']);
    expect(neededOrigins(base, false, mirrors)).toEqual([
      '*://*.chinadigitaltimes.net/*',
      '*://*.cdt-mirror.example.org/*',
    ]);
    expect(neededOrigins({ ...base, activeId: 'b', scope: { kind: 'all' } }, false, [])).toEqual([]);
  });

  it('asks nothing while off', () => {
    expect(neededOrigins({ ...base, enabled: false, scope: { kind: 'all' } }, true, [])).toEqual([]);
  });
});
