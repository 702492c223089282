import type { Bridge, BridgeScheme } from '../shared/bridge-types';
import { LOCAL_DOMAINS } from './local-names';
import { assertValidBridge, canonicalHost, hostPort, type Route, type RoutingConfig, scopeMatcher } from './routing';

const PAC_KEYWORD: Record<BridgeScheme, string> = { http: 'PROXY', https: 'HTTPS', socks5: 'SOCKS5' };
const SAFE_HOST = /^[a-z0-9._:-]+$/;
const SAFE_RESULT = /^(DIRECT|(PROXY|HTTPS|SOCKS5) [a-z0-9._:[\]-]+:\d{1,5}(; DIRECT)?)$/;

/**
 * A JavaScript string literal that cannot end early: JSON escapes quotes, backslashes and control
 * characters; U+2028/U+2029 ended string literals before ES2019; `<` keeps `</script>` harmless should
 * the text ever be shown in a page.
 */
export function pacLiteral(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/</g, '\\u003c');
}

/** The PAC result for a route. SOCKS5 is written out: a bare `SOCKS` means SOCKS4 to browsers. */
export function pacResultFor(route: Route, fallbackDirect: boolean): string {
  if (route.kind === 'direct') return 'DIRECT';
  const proxy = `${PAC_KEYWORD[route.scheme]} ${hostPort(route.host, route.port)}`;
  return fallbackDirect ? `${proxy}; DIRECT` : proxy;
}

function safeHost(host: string): string {
  // Defence in depth: scopeMatcher already dropped anything canonicalHost refused.
  if (!SAFE_HOST.test(host) || canonicalHost(host) !== host)
    throw new Error('Refusing an unsafe host in the PAC script');
  return pacLiteral(host);
}

function list(hosts: string[]): string {
  return `[${hosts.map(safeHost).join(', ')}]`;
}

// ES5 on purpose, mirroring utils/bridge/routing.ts line by line (bareHost, ipv4Octets, ipv6Groups,
// isLocalHost, inScope) and local-names.ts (isLocalName): tests/unit/bridge/pac-script.test.ts runs both
// over the same URLs. No DNS and no
// built-in PAC helpers, whose IPv6 and case handling differ between browsers.
const PAC_LOGIC = String.raw`
function coralEnds(s, end) {
  return s.length >= end.length && s.substring(s.length - end.length) === end;
}
function coralBareHost(host) {
  var h = String(host).toLowerCase();
  if (h.charAt(0) === "[" && h.charAt(h.length - 1) === "]") h = h.substring(1, h.length - 1);
  if (coralEnds(h, ".")) h = h.substring(0, h.length - 1);
  return h;
}
function coralV4(h) {
  var m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (!m) return null;
  var o = [+m[1], +m[2], +m[3], +m[4]];
  for (var i = 0; i < 4; i++) if (o[i] > 255) return null;
  return o;
}
function coralV6Part(part) {
  if (part === "") return [];
  var out = [];
  var pieces = part.split(":");
  for (var i = 0; i < pieces.length; i++) {
    var v4 = i === pieces.length - 1 ? coralV4(pieces[i]) : null;
    if (v4) out.push(v4[0] * 256 + v4[1], v4[2] * 256 + v4[3]);
    else if (/^[0-9a-f]{1,4}$/.test(pieces[i])) out.push(parseInt(pieces[i], 16));
    else return null;
  }
  return out;
}
function coralV6(h) {
  var halves = h.split("::");
  if (halves.length > 2) return null;
  var head = coralV6Part(halves[0]);
  var tail = halves.length === 2 ? coralV6Part(halves[1]) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  var fill = 8 - head.length - tail.length;
  if (fill < 1) return null;
  for (var i = 0; i < fill; i++) head.push(0);
  return head.concat(tail);
}
function coralLocalV4(a, b) {
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}
function coralLocalName(h) {
  if (h.indexOf(".") < 0) return true;
  for (var i = 0; i < CORAL_LOCAL_DOMAINS.length; i++) {
    if (h === CORAL_LOCAL_DOMAINS[i] || coralEnds(h, "." + CORAL_LOCAL_DOMAINS[i])) return true;
  }
  return false;
}
function coralLocal(h) {
  if (h.indexOf(":") >= 0) {
    var g = coralV6(h);
    if (!g) return false;
    var zeroHead = g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0;
    if (zeroHead && g[5] === 0 && g[6] === 0 && (g[7] === 0 || g[7] === 1)) return true;
    if (zeroHead && g[5] === 65535) return coralLocalV4(g[6] >> 8, g[6] & 255);
    return (g[0] & 65024) === 64512 || (g[0] & 65472) === 65152;
  }
  var v4 = coralV4(h);
  if (v4) return coralLocalV4(v4[0], v4[1]);
  return coralLocalName(h);
}
function coralInScope(h) {
  if (CORAL_ALL) return true;
  for (var i = 0; i < CORAL_EXACT.length; i++) if (h === CORAL_EXACT[i]) return true;
  for (var j = 0; j < CORAL_DOMAINS.length; j++) {
    if (h === CORAL_DOMAINS[j] || coralEnds(h, "." + CORAL_DOMAINS[j])) return true;
  }
  return false;
}
function FindProxyForURL(url, host) {
  var scheme = String(url).substring(0, String(url).indexOf(":")).toLowerCase();
  if (scheme !== "http" && scheme !== "https" && scheme !== "ws" && scheme !== "wss") return "DIRECT";
  var h = coralBareHost(host);
  if (coralLocal(h) || !coralInScope(h)) return "DIRECT";
  return CORAL_PROXY;
}
`;

/**
 * A PAC script whose every answer equals routeFor's. Throws when the bridge fails validation; invalid
 * patterns and mirror names are left out (see scopeMatcher), so nothing unvalidated is written.
 */
export function pacScript(config: RoutingConfig): string {
  const { bridge } = config;
  if (bridge) assertValidBridge(bridge);
  const result = bridge
    ? pacResultFor(
        { kind: 'proxy', scheme: bridge.scheme, host: bridge.host, port: bridge.port },
        config.fallbackDirect,
      )
    : 'DIRECT';
  if (!SAFE_RESULT.test(result)) throw new Error('Refusing an unsafe proxy in the PAC script');
  const matcher = bridge ? scopeMatcher(config.scope, config.mirrors) : { all: false, exact: [], domains: [] };
  return [
    '// Generated by Coral. Local and private addresses and local names always go direct.',
    `var CORAL_LOCAL_DOMAINS = ${list([...LOCAL_DOMAINS])};`,
    `var CORAL_PROXY = ${pacLiteral(result)};`,
    `var CORAL_ALL = ${matcher.all ? 'true' : 'false'};`,
    `var CORAL_EXACT = ${list(matcher.exact)};`,
    `var CORAL_DOMAINS = ${list(matcher.domains)};`,
    PAC_LOGIC,
  ].join('\n');
}

/**
 * Chrome's bypass rules for the same local and private addresses and names isLocalHost names. `<local>`
 * is Chrome's rule for names without a dot.
 */
export const CHROME_BYPASS_LIST = [
  '<local>',
  'localhost',
  ...LOCAL_DOMAINS.map((domain) => `*.${domain}`),
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
];

export interface FixedServers {
  singleProxy: { scheme: BridgeScheme; host: string; port: number };
  bypassList: string[];
}

/** Chrome's `fixed_servers` mode, for the scope "all sites". */
export function fixedServersFor(bridge: Bridge): FixedServers {
  assertValidBridge(bridge);
  return {
    singleProxy: { scheme: bridge.scheme, host: bridge.host, port: bridge.port },
    bypassList: [...CHROME_BYPASS_LIST],
  };
}

export type FirefoxProxyInfo =
  | { type: 'direct' }
  | { type: 'socks' | 'http' | 'https'; host: string; port: number; proxyDNS?: true; failoverTimeout?: number };

/** What Firefox's proxy.onRequest returns for a route. Firefox's `socks` is SOCKS5; `socks4` is the old one. */
export function firefoxProxyInfo(route: Route, options: { failoverTimeout?: number } = {}): FirefoxProxyInfo {
  if (route.kind === 'direct') return { type: 'direct' };
  const timeout = options.failoverTimeout === undefined ? {} : { failoverTimeout: options.failoverTimeout };
  if (route.scheme === 'socks5')
    return { type: 'socks', host: route.host, port: route.port, proxyDNS: true, ...timeout };
  return { type: route.scheme, host: route.host, port: route.port, ...timeout };
}
