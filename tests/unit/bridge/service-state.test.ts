import { describe, expect, it } from 'vitest';
import {
  bridgeIsOn,
  challengedBridge,
  failureOutcome,
  initialBridgeState,
  settledView,
} from '../../../utils/bridge/service-state';
import { bridgeOn, httpBridge, socksBridge } from '../../support/bridges';

const http = httpBridge;
const socks = socksBridge;
const on = bridgeOn;
const onView = { enabled: true, configured: true, state: 'on' } as const;

describe('failureOutcome', () => {
  it('gives a failure during a test to the test', () => {
    const state = { ...initialBridgeState(), lastView: onView, test: { bridgeId: 'b', errors: [] } };
    expect(failureOutcome(state, 'net::ERR_PROXY_CONNECTION_FAILED')).toEqual({ kind: 'test-error' });
  });

  it('turns a failure of a bridge that is on into its reason', () => {
    const state = { ...initialBridgeState(), lastView: onView };
    expect(failureOutcome(state, 'net::ERR_PROXY_CONNECTION_FAILED')).toEqual({
      kind: 'new-error',
      reason: 'unreachable',
    });
    expect(failureOutcome(state, 'PROXY_AUTH_FAILED')).toEqual({ kind: 'new-error', reason: 'wrong-password' });
  });

  it('ignores failures while off, and the same failure twice', () => {
    expect(failureOutcome(initialBridgeState(), 'net::ERR_PROXY_CONNECTION_FAILED')).toEqual({ kind: 'ignore' });
    const state = { ...initialBridgeState(), lastView: onView, error: 'unreachable' as const };
    expect(failureOutcome(state, 'net::ERR_PROXY_CONNECTION_FAILED')).toEqual({ kind: 'ignore' });
    expect(failureOutcome(state, 'net::ERR_TUNNEL_CONNECTION_FAILED')).toEqual({
      kind: 'new-error',
      reason: 'tunnel-failed',
    });
  });
});

describe('bridgeIsOn', () => {
  it('needs the switch, a server and the proxy setting', () => {
    expect(bridgeIsOn(on, undefined)).toBe(true);
    expect(bridgeIsOn({ ...on, enabled: false }, undefined)).toBe(false);
    expect(bridgeIsOn({ ...on, bridges: [] }, undefined)).toBe(false);
    expect(bridgeIsOn(on, 'other-extension')).toBe(false);
  });
});

describe('settledView', () => {
  it('shows another holder of the proxy before an error of its own', () => {
    expect(settledView(on, 'other-extension', 'unreachable')).toMatchObject({
      state: 'controlled-elsewhere',
      reason: 'other-extension',
    });
    expect(settledView(on, undefined, 'unreachable')).toMatchObject({ state: 'error', reason: expect.any(String) });
    expect(settledView(on, undefined, undefined)).toEqual({
      ...onView,
      bridgeLabel: 'proxy.test:3128',
      scheme: 'http',
    });
  });

  it('shows no problem while off', () => {
    expect(settledView({ ...on, enabled: false }, undefined, 'unreachable')).toEqual({
      enabled: false,
      configured: true,
      state: 'off',
    });
  });
});

describe('challengedBridge', () => {
  it('answers for the bridge under test, else the active one', () => {
    expect(challengedBridge(on, undefined)).toEqual(http);
    expect(challengedBridge(on, { bridgeId: 'b', errors: [] })).toEqual(socks);
    expect(challengedBridge(on, { bridgeId: 'gone', errors: [] })).toBeUndefined();
  });
});
