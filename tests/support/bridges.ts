import type { Bridge, BridgeSettings } from '../../utils/shared/bridge-types';

// The bridges most bridge tests start from: an HTTP one (active) and a SOCKS5 one, scope "CDT only",
// no fallback to a direct connection. Tests spread and change what they need.
export const httpBridge: Bridge = { id: 'a', scheme: 'http', host: 'proxy.test', port: 3128 };
export const socksBridge: Bridge = { id: 'b', scheme: 'socks5', host: 'socks.test', port: 1080 };
export const bridgeOn: BridgeSettings = {
  enabled: true,
  activeId: 'a',
  bridges: [httpBridge, socksBridge],
  scope: { kind: 'cdt' },
  fallbackDirect: false,
};
