import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { failureNotice } from '../../../utils/bridge/alert';
import { chromeProxyValue, firefoxAnswer, firefoxRouting, withHealthCheck } from '../../../utils/bridge/browser/proxy';
import { bridgeCheckFrom, bridgeIsDown, checkPrefix, checkUrl } from '../../../utils/bridge/probe';
import { checkPeriod, notificationStep, settledView } from '../../../utils/bridge/service-state';
import type { BridgeStatus } from '../../../utils/shared/bridge-types';
import { bridgeViewHandlers, watchBridgeView } from '../../../utils/shared/bridge-view';
import { bridgeOn } from '../../support/bridges';

/** Runs a PAC script's FindProxyForURL as a browser would. */
function pacRoute(pac: string, url: string): string {
  const find = new Function(`${pac}\nreturn FindProxyForURL;`)() as (url: string, host: string) => string;
  return find(url, new URL(url).hostname);
}

const fallback = { ...bridgeOn, fallbackDirect: true, scope: { kind: 'sites' as const, patterns: ['example.org'] } };

describe('the health check’s route', () => {
  it('Chrome: only an address with the secret goes through the bridge with no fallback; the rest as before', () => {
    const pac = chromeProxyValue(fallback, [], checkPrefix('s3cret'))?.pacScript?.data ?? '';
    expect(pacRoute(pac, checkUrl('s3cret'))).toBe('PROXY proxy.test:3128');
    // Without the secret, or anywhere else, the scope decides: CDT is not in this one.
    expect(pacRoute(pac, checkUrl('guess'))).toBe('DIRECT');
    expect(pacRoute(pac, 'http://chinadigitaltimes.net/?coral-bridge-check=s3cret')).toBe('DIRECT');
    expect(pacRoute(pac, 'https://example.org/')).toBe('PROXY proxy.test:3128; DIRECT');
  });

  it('Chrome: refuses a PAC script it cannot wrap', () => {
    expect(() => withHealthCheck('var x = 1;', 'http://a/', 'DIRECT')).toThrow();
  });

  it('Firefox: the check’s URL alone goes through the bridge, with no fallback', () => {
    const route = { kind: 'proxy', scheme: 'http', host: 'proxy.test', port: 3128 } as const;
    const routing = { ...firefoxRouting(null), fallbackDirect: true, check: { url: 'http://x.test/?c', route } };
    expect(firefoxAnswer('http://x.test/?c', routing)).toEqual([
      { type: 'http', host: 'proxy.test', port: 3128 },
      null,
    ]);
    expect(firefoxAnswer('http://x.test/?other', routing)).toEqual({ type: 'direct' });
  });
});

describe('bridgeCheckFrom', () => {
  const at = 1_000;
  it('reads an answer, a refusal, a timeout and the browser’s codes', () => {
    expect(bridgeCheckFrom({ kind: 'answered', status: 0, ms: 42 }, at)).toEqual({ ok: true, ms: 42, at });
    expect(bridgeCheckFrom({ kind: 'answered', status: 407, ms: 5 }, at)).toEqual({
      ok: false,
      reason: 'wrong-password',
      at,
    });
    expect(bridgeCheckFrom({ kind: 'answered', status: 502, ms: 5 }, at)).toMatchObject({ reason: 'tunnel-failed' });
    expect(bridgeCheckFrom({ kind: 'timeout' }, at)).toMatchObject({ reason: 'timeout' });
    expect(bridgeCheckFrom({ kind: 'failed', codes: ['net::ERR_PROXY_CONNECTION_FAILED'] }, at)).toMatchObject({
      reason: 'unreachable',
    });
    expect(bridgeCheckFrom({ kind: 'failed', codes: ['NS_ERROR_PROXY_CONNECTION_REFUSED'] }, at)).toMatchObject({
      reason: 'unreachable',
    });
    expect(bridgeCheckFrom({ kind: 'failed', codes: ['net::ERR_CONNECTION_RESET'] }, at)).toMatchObject({
      reason: 'tunnel-failed',
    });
    expect(bridgeCheckFrom({ kind: 'failed', codes: [] }, at)).toMatchObject({ reason: 'unreachable' });
  });

  it('counts the bridge down only when the bridge itself failed', () => {
    expect(bridgeIsDown({ ok: false, reason: 'unreachable', at })).toBe(true);
    expect(bridgeIsDown({ ok: false, reason: 'tunnel-failed', at })).toBe(false);
    expect(bridgeIsDown({ ok: true, ms: 3, at })).toBe(false);
  });
});

describe('what the status says after a check', () => {
  const down = { ok: false, reason: 'unreachable', at: 1 } as const;
  it('is direct, not on, when a fallback bridge is down; an error without the fallback', () => {
    expect(settledView({ ...bridgeOn, fallbackDirect: true }, undefined, undefined, down)).toMatchObject({
      state: 'direct',
      reason: 'unreachable',
      bridgeLabel: 'proxy.test:3128',
      lastCheck: down,
    });
    expect(settledView(bridgeOn, undefined, undefined, down)).toMatchObject({ state: 'error', reason: 'unreachable' });
  });

  it('is on, naming the bridge and its time, when the check reached CDT', () => {
    const ok = { ok: true, ms: 120, at: 1 } as const;
    const named = { ...bridgeOn, bridges: [{ ...bridgeOn.bridges[0], name: 'Office' }, ...bridgeOn.bridges.slice(1)] };
    expect(settledView(named as typeof bridgeOn, undefined, undefined, ok)).toEqual({
      enabled: true,
      configured: true,
      state: 'on',
      bridgeLabel: 'Office',
      scheme: 'http',
      lastCheck: ok,
    });
  });
});

describe('notifications and the check’s period', () => {
  const on: BridgeStatus = { enabled: true, configured: true, state: 'on' };
  const failing: BridgeStatus = { ...on, state: 'error', reason: 'unreachable' };
  const direct: BridgeStatus = { ...on, state: 'direct', reason: 'unreachable' };

  it('notifies once per failure episode and clears when it works again or is turned off', () => {
    expect(notificationStep(on, failing)).toBe('show');
    expect(notificationStep(undefined, direct)).toBe('show');
    expect(notificationStep(failing, { ...failing, reason: 'timeout' })).toBe('keep');
    expect(notificationStep(failing, on)).toBe('clear');
    expect(notificationStep(direct, { enabled: false, configured: true, state: 'off' })).toBe('clear');
    expect(notificationStep(on, on)).toBe('keep');
  });

  it('says why in the user’s words, never the browser’s', () => {
    expect(failureNotice(failing)).toEqual({
      title: 'Coral: the bridge is not working',
      message: expect.stringMatching(/^The bridge server cannot be reached.*will not load/),
    });
    expect(failureNotice(direct).message).toMatch(/Pages go direct/);
  });

  it('checks often while failing, rarely while working, never while off or held elsewhere', () => {
    expect(checkPeriod(failing)).toBe(1);
    expect(checkPeriod(on)).toBe(10);
    expect(checkPeriod({ enabled: false, configured: true, state: 'off' })).toBeNull();
    expect(checkPeriod({ ...on, state: 'controlled-elsewhere', reason: 'other-extension' })).toBeNull();
  });
});

describe('watchBridgeView', () => {
  it('follows the background’s push, passing on only the on/off view, until stopped', async () => {
    const seen = vi.fn();
    fakeBrowser.runtime.onMessage.addListener(() => undefined);
    const stop = watchBridgeView(seen);
    const push = bridgeViewHandlers().bridgeViewChanged;
    const caller = { sender: {} };
    push({ enabled: true, configured: true, state: 'direct', bridgeLabel: 'leak' } as BridgeStatus, caller);
    expect(seen).toHaveBeenLastCalledWith({ enabled: true, configured: true, state: 'direct' });
    stop();
    push({ enabled: false, configured: true, state: 'off' }, caller);
    expect(seen).not.toHaveBeenCalledWith({ enabled: false, configured: true, state: 'off' });
  });
});
