import type { Bridge } from '../shared/bridge-types';
import type { PageMessageKey } from '../shared/page-messages';

export interface BridgePreset {
  /** Stable; the options page may use it as the new bridge's id. */
  id: string;
  /** Product names, the same in every language. */
  name: string;
  explanationKey: PageMessageKey;
  bridge: Omit<Bridge, 'id'>;
}

/**
 * Circumvention apps that run on the user's own computer and expose a local proxy. The ports are the
 * usual ones; the explanations tell the user to check them in the app.
 */
export const BRIDGE_PRESETS: readonly BridgePreset[] = [
  {
    id: 'preset-local-socks',
    name: 'Lantern / Psiphon (SOCKS5)',
    explanationKey: 'bridgePresetLocalSocksHelp',
    bridge: { name: 'Lantern / Psiphon (SOCKS5)', scheme: 'socks5', host: '127.0.0.1', port: 1080 },
  },
  {
    id: 'preset-psiphon-http',
    name: 'Psiphon (HTTP)',
    explanationKey: 'bridgePresetPsiphonHttpHelp',
    bridge: { name: 'Psiphon (HTTP)', scheme: 'http', host: '127.0.0.1', port: 8080 },
  },
  {
    id: 'preset-tor-browser',
    name: 'Tor Browser',
    explanationKey: 'bridgePresetTorBrowserHelp',
    bridge: { name: 'Tor Browser', scheme: 'socks5', host: '127.0.0.1', port: 9150 },
  },
];
