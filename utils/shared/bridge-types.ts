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
  /** On, with "fall back to a direct connection" chosen, and the bridge is down: pages go direct. */
  | 'direct'
  /** Another extension controls the browser's proxy settings. */
  | 'controlled-elsewhere'
  /** Turned on with no bridge configured. */
  | 'unconfigured';

/** Why the bridge does not work, as a code: each surface says it in the user's language. */
export type BridgeReason =
  | 'other-extension'
  | 'not-controllable'
  | 'unreachable'
  | 'wrong-password'
  | 'pac-failed'
  | 'tunnel-failed'
  | 'no-site-access'
  | 'timeout';

/**
 * What the on-page switch may know (and so what a page's compromised renderer could learn): on or off,
 * and whether it works. No address, no name, no reason.
 */
export interface BridgeView {
  enabled: boolean;
  configured: boolean;
  state: BridgeState;
}

/** The last time the background reached CDT through the active bridge, or failed to. */
export type BridgeCheck = { ok: true; ms: number; at: number } | { ok: false; reason: BridgeReason; at: number };

/**
 * What Coral's own pages (popup, options) show: which bridge, and whether it works. Kept where only the
 * extension's pages and background can read it; never sent to a tab.
 */
export interface BridgeStatus extends BridgeView {
  /** Why the state is `error`, `direct` or `controlled-elsewhere`. */
  reason?: BridgeReason;
  /** The active bridge as the user named it, else its `host:port`. */
  bridgeLabel?: string;
  scheme?: BridgeScheme;
  lastCheck?: BridgeCheck;
}

export type BridgeTestResult = { ok: true; ms: number; status: number } | { ok: false; error: string };

/** The Lantern "Browsers Unbounded" widget on the page: its checkbox, or why it cannot be used. */
export type VolunteerState =
  | { kind: 'absent' }
  | { kind: 'off' }
  | { kind: 'on' }
  /**
   * `refused`: the widget's own notice that it is not for visitors in censored regions; `disabled`: its
   * checkbox cannot be used. A code, never the page's words: a page could write anything there.
   */
  | { kind: 'unavailable'; why: 'refused' | 'disabled' };
