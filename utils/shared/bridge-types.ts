// Shapes shared by the bridge's settings, the background and the switches. Plain data only.

export type BridgeScheme = 'http' | 'https' | 'socks5';

/** A proxy server the user configured. Passwords only for HTTP(S): browsers cannot send SOCKS5 credentials. */
export interface Bridge {
  id: string;
  name?: string;
  scheme: BridgeScheme;
  host: string;
  port: number;
  username?: string;
  password?: string;
}

export type BridgeScope =
  /** chinadigitaltimes.net, www., and the mirrors the user added. */
  | { kind: 'cdt' }
  /** Host patterns the user edits; `*.example.org` matches the domain and its subdomains. */
  | { kind: 'sites'; patterns: string[] }
  | { kind: 'all' };

export interface BridgeSettings {
  /** What the user asked for; the background reconciles the browser with it on every start. */
  enabled: boolean;
  activeId?: string;
  bridges: Bridge[];
  scope: BridgeScope;
  /** Off by default: when the bridge is down, requests fail rather than silently go direct. */
  fallbackDirect: boolean;
}

export type BridgeState =
  | 'off'
  | 'on'
  | 'error'
  /** Another extension controls the browser's proxy settings. */
  | 'controlled-elsewhere'
  /** Turned on with no bridge configured. */
  | 'unconfigured';

/** What switches may show: no addresses, no credentials. */
export interface BridgeView {
  enabled: boolean;
  configured: boolean;
  state: BridgeState;
  /** Human-readable reason for `error` or `controlled-elsewhere`. */
  reason?: string;
}

export type BridgeTestResult = { ok: true; ms: number; status: number } | { ok: false; error: string };

/** The Lantern "Browsers Unbounded" widget on the page: its checkbox, or why it cannot be used. */
export type VolunteerState =
  | { kind: 'absent' }
  | { kind: 'off' }
  | { kind: 'on' }
  | { kind: 'unavailable'; reason: string };
