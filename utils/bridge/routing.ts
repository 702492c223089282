import type { Bridge, BridgeScheme, BridgeScope } from '../shared/bridge-types';
import { CDT_DOMAIN } from '../sites/cdt';
import { isLocalName } from './local-names';

export type Route = { kind: 'direct' } | { kind: 'proxy'; scheme: BridgeScheme; host: string; port: number };

export interface RoutingConfig {
  bridge: Bridge | null;
  scope: BridgeScope;
  /** Mirror host names; each is routed with its subdomains, like chinadigitaltimes.net. */
  mirrors: string[];
  fallbackDirect: boolean;
}

/** The scope reduced to lists of host names: what routeFor and the PAC script both read. */
export interface ScopeMatcher {
  all: boolean;
  /** Hosts matched exactly. */
  exact: string[];
  /** Hosts matched together with all their subdomains. */
  domains: string[];
}

const PROXIED_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);
const SCHEMES = new Set<string>(['http', 'https', 'socks5']);
const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Lower case, no IPv6 brackets, no trailing dot: the form every comparison here uses. */
export function bareHost(host: string): string {
  let h = host.toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h.endsWith('.')) h = h.slice(0, -1);
  return h;
}

type Octets = [number, number, number, number];

export function ipv4Octets(host: string): Octets | null {
  const m = IPV4.exec(host);
  if (!m) return null;
  const octets: Octets = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  return octets.every((o) => o <= 255) ? octets : null;
}

/** The eight 16-bit groups of an IPv6 address (no brackets), or null. */
export function ipv6Groups(host: string): number[] | null {
  const halves = host.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      const v4 = i === pieces.length - 1 ? ipv4Octets(piece) : null;
      if (v4) out.push(v4[0] * 256 + v4[1], v4[2] * 256 + v4[3]);
      else if (/^[0-9a-f]{1,4}$/.test(piece)) out.push(Number.parseInt(piece, 16));
      else return null;
    }
    return out;
  };
  const head = parse(halves[0] ?? '');
  const tail = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const fill = 8 - head.length - tail.length;
  if (fill < 1) return null;
  return [...head, ...new Array<number>(fill).fill(0), ...tail];
}

function isLocalIpv4(a: number, b: number): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

function isLocalIpv6(groups: number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const zeroHead = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (zeroHead && g5 === 0 && g6 === 0 && (g7 === 0 || g7 === 1)) return true; // :: and ::1
  if (zeroHead && g5 === 0xffff) return isLocalIpv4(g6 >> 8, g6 & 255); // IPv4-mapped
  return (g0 & 0xfe00) === 0xfc00 || (g0 & 0xffc0) === 0xfe80;
}

/**
 * Addresses that are never sent through a bridge: the proxy could not reach them, and sending
 * intranet names to it would tell its operator about the user's network.
 */
export function isLocalHost(host: string): boolean {
  const h = bareHost(host);
  if (h.includes(':')) {
    const groups = ipv6Groups(h);
    return groups !== null && isLocalIpv6(groups);
  }
  const v4 = ipv4Octets(h);
  if (v4) return isLocalIpv4(v4[0], v4[1]);
  return isLocalName(h);
}

/**
 * The host as the browser will see it (lower case, punycode, canonical IP), or null when it is not a
 * host name or address. Only these characters ever reach a PAC script.
 */
export function canonicalHost(input: string): string | null {
  const raw = input.trim();
  if (!raw || /[^\x21-\x7e\u00a0-\uffff]|[/?#@\\%]/.test(raw)) return null;
  const bracketed = raw.startsWith('[') || raw.includes(':');
  let hostname: string;
  try {
    hostname = new URL(`http://${bracketed && !raw.startsWith('[') ? `[${raw}]` : raw}/`).hostname;
  } catch {
    return null;
  }
  const h = bareHost(hostname);
  if (bracketed) return /^[0-9a-f:.]+$/.test(h) && ipv6Groups(h) ? h : null;
  if (ipv4Octets(h)) return h;
  const labels = h.split('.');
  if (h.length > 253 || !labels.every((label) => LABEL.test(label)) || /^\d+$/.test(labels.at(-1) ?? '')) return null;
  return h;
}

/** Whether scheme, host and port can go into a PAC script or the browser's proxy settings as they are. */
export function isValidProxyEndpoint(scheme: string, host: string, port: number): boolean {
  return SCHEMES.has(scheme) && Number.isInteger(port) && port >= 1 && port <= 65535 && canonicalHost(host) === host;
}

/**
 * `*.example.org` (or `.example.org`) matches example.org and every subdomain; `example.org` matches
 * that host only. No other wildcard exists.
 */
export function hostMatchesPattern(host: string, pattern: string): boolean {
  const h = bareHost(host);
  const p = pattern.toLowerCase();
  const domain = p.startsWith('*.') ? p.slice(2) : p.startsWith('.') ? p.slice(1) : null;
  if (domain === null) return h === bareHost(p);
  const d = bareHost(domain);
  return d !== '' && (h === d || h.endsWith(`.${d}`));
}

/** A validated site pattern in normal form, or null. Used for the user's sites and for mirror names. */
export function normalisePattern(pattern: string): string | null {
  const wildcard = pattern.startsWith('*.');
  const host = canonicalHost(wildcard ? pattern.slice(2) : pattern);
  if (!host || host.includes('*')) return null;
  return wildcard ? `*.${host}` : host;
}

/**
 * Invalid patterns and mirror names are left out rather than refused: they came through validation
 * on the way in, so one that fails now was tampered with, and leaving it out sends that site direct
 * in routeFor and in the PAC script alike.
 */
export function scopeMatcher(scope: BridgeScope, mirrors: readonly string[]): ScopeMatcher {
  if (scope.kind === 'all') return { all: true, exact: [], domains: [] };
  if (scope.kind === 'cdt') return { all: false, exact: [], domains: cdtDomains(mirrors) };
  return { all: false, ...sitePatterns(scope.patterns) };
}

/** CDT and the user's mirrors, each with its subdomains. */
function cdtDomains(mirrors: readonly string[]): string[] {
  const domains = new Set<string>([CDT_DOMAIN]);
  for (const mirror of mirrors) {
    const host = normalisePattern(mirror);
    if (host && !host.startsWith('*.')) domains.add(host);
  }
  return [...domains];
}

/** "These sites": hosts as given, and `*.` patterns as domains. */
function sitePatterns(patterns: readonly unknown[]): Pick<ScopeMatcher, 'exact' | 'domains'> {
  const exact = new Set<string>();
  const domains = new Set<string>();
  for (const pattern of patterns) {
    const p = typeof pattern === 'string' ? normalisePattern(pattern) : null;
    if (p?.startsWith('*.')) domains.add(p.slice(2));
    else if (p) exact.add(p);
  }
  return { exact: [...exact], domains: [...domains] };
}

/** A match pattern for one host, any scheme, any path. */
function hostOrigin(host: string): string {
  return `*://${host.includes(':') ? `[${host}]` : host}/*`;
}

/**
 * The host permissions that cover what routeFor may send through the bridge under this scope: the same
 * matcher, written as match patterns (a domain's pattern `*://*.d/*` covers d and its subdomains, as
 * routeFor does). Firefox hands proxy.onRequest only requests Coral may see, so anything routed but not
 * permitted would go direct while the switch says On. Addresses have no subdomains: exact patterns.
 */
export function scopeOrigins(scope: BridgeScope, mirrors: readonly string[]): string[] {
  const matcher = scopeMatcher(scope, mirrors);
  if (matcher.all) return ['*://*/*'];
  const isAddress = (host: string) => host.includes(':') || ipv4Octets(host) !== null;
  const domains = matcher.domains.map((d) => (isAddress(d) ? hostOrigin(d) : `*://*.${d}/*`));
  return [...new Set([...domains, ...matcher.exact.map(hostOrigin)])];
}

function inScope(host: string, matcher: ScopeMatcher): boolean {
  return (
    matcher.all || matcher.exact.includes(host) || matcher.domains.some((d) => host === d || host.endsWith(`.${d}`))
  );
}

/** Throws when the bridge could not be written into proxy settings safely; callers show an error. */
export function assertValidBridge(bridge: Bridge): void {
  if (!isValidProxyEndpoint(bridge.scheme, bridge.host, bridge.port)) throw new Error('Invalid bridge address');
}

/**
 * The one decision: does this URL go through the bridge? The PAC script is generated to agree.
 * Throws for a bridge that fails validation, so a tampered setting fails loudly instead of going direct.
 */
export function routeFor(url: string, config: RoutingConfig): Route {
  return createRouter(config)(url);
}

/** routeFor with the scope prepared once, for a listener that runs on every request. */
export function createRouter(config: RoutingConfig): (url: string) => Route {
  const { bridge } = config;
  if (!bridge) return () => ({ kind: 'direct' });
  assertValidBridge(bridge);
  const proxy: Route = { kind: 'proxy', scheme: bridge.scheme, host: bridge.host, port: bridge.port };
  const matcher = scopeMatcher(config.scope, config.mirrors);
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { kind: 'direct' };
    }
    if (!PROXIED_SCHEMES.has(parsed.protocol)) return { kind: 'direct' };
    const host = bareHost(parsed.hostname);
    return isLocalHost(host) || !inScope(host, matcher) ? { kind: 'direct' } : { ...proxy };
  };
}

/** `host:port`, with brackets around an IPv6 address. */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
