import type { Bridge, BridgeScheme } from '../shared/bridge-types';
import { canonicalHost, hostPort, ipv4Octets, isLocalHost } from './routing';

/** Why a typed bridge was refused; the options page turns these into sentences in the user's language. */
export type BridgeInputError =
  | 'empty'
  | 'tor-bridge-line'
  | 'no-scheme'
  | 'socks4'
  | 'unsupported-scheme'
  | 'control-character'
  | 'whitespace'
  | 'quote'
  | 'invalid-character'
  | 'path'
  | 'invalid-host'
  | 'ipv6-brackets'
  | 'missing-port'
  | 'invalid-port'
  | 'socks-credentials'
  | 'invalid-credentials';

export type BridgeInputResult =
  | { ok: true; bridge: Omit<Bridge, 'id'> }
  | { ok: false; error: BridgeInputError; message: string };

export const BRIDGE_INPUT_MESSAGES: Record<BridgeInputError, string> = {
  empty: 'Enter the address of a proxy, such as socks5://127.0.0.1:1080.',
  'tor-bridge-line':
    'This is a Tor bridge line. A browser extension cannot speak Tor’s transports (obfs4, snowflake, webtunnel, meek); ' +
    'run Tor Browser and choose the Tor Browser preset (SOCKS5 127.0.0.1:9150) instead.',
  'no-scheme': 'Start with the proxy type: socks5://host:port, http://host:port or https://host:port.',
  socks4: 'Only SOCKS version 5 can be used (SOCKS4 cannot resolve names through the proxy). Write socks5://host:port.',
  'unsupported-scheme': 'The proxy type must be socks5, http or https.',
  'control-character': 'The address contains an invisible control character. Type it again by hand.',
  whitespace: 'The address contains a space. Remove it, or percent-encode it in a password as %20.',
  quote: 'The address contains a quote. Remove it, or percent-encode it in a password (%22, %27).',
  'invalid-character': 'The address contains a character that is not allowed there. Percent-encode it in a password.',
  path: 'A proxy address has no path, query or fragment: only scheme://host:port.',
  'invalid-host': 'The host is not a valid name or IP address.',
  'ipv6-brackets': 'Put an IPv6 address in brackets, such as socks5://[2001:db8::1]:1080.',
  'missing-port': 'Add the port after a colon, such as :1080.',
  'invalid-port': 'The port must be a number from 1 to 65535.',
  'socks-credentials':
    'Browsers cannot send a user name and password to a SOCKS5 proxy. Remove them, or use an HTTP(S) proxy if yours needs a login.',
  'invalid-credentials':
    'The user name or password is malformed: a password needs a user name, a user name cannot contain “:”, and special characters must be percent-encoded.',
};

const fail = (error: BridgeInputError): BridgeInputResult => ({
  ok: false,
  error,
  message: BRIDGE_INPUT_MESSAGES[error],
});

const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const QUOTE = /["'`\u2018\u2019\u201c\u201d]/;
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

function schemeOf(text: string): BridgeScheme | 'socks4' | null {
  const scheme = text.trim().toLowerCase();
  if (scheme === 'http' || scheme === 'https') return scheme;
  if (scheme === 'socks5' || scheme === 'socks5h') return 'socks5';
  if (scheme === 'socks' || scheme === 'socks4' || scheme === 'socks4a') return 'socks4';
  return null;
}

function checkText(text: string): BridgeInputError | null {
  if (CONTROL.test(text)) return 'control-character';
  if (/\s/.test(text)) return 'whitespace';
  if (QUOTE.test(text)) return 'quote';
  return null;
}

function portOf(text: string): number | BridgeInputError {
  if (text === '') return 'missing-port';
  if (!/^\d{1,5}$/.test(text)) return 'invalid-port';
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : 'invalid-port';
}

function build(scheme: BridgeScheme, rawHost: string, port: number, username = '', password = ''): BridgeInputResult {
  const host = canonicalHost(rawHost);
  if (!host) return fail('invalid-host');
  if (!username && !password) return { ok: true, bridge: { scheme, host, port } };
  if (scheme === 'socks5') return fail('socks-credentials');
  if (CONTROL.test(username) || CONTROL.test(password)) return fail('control-character');
  if (!username || username.includes(':')) return fail('invalid-credentials');
  return { ok: true, bridge: { scheme, host, port, username, ...(password ? { password } : {}) } };
}

type Failure = { error: BridgeInputError };
const failed = (value: object): value is Failure => 'error' in value;

/** The scheme and what follows `scheme://`. */
function splitScheme(text: string): { scheme: BridgeScheme; rest: string } | Failure {
  const match = SCHEME.exec(text);
  if (!match) return { error: 'no-scheme' };
  const scheme = schemeOf(match[1] ?? '');
  if (scheme === 'socks4') return { error: 'socks4' };
  if (!scheme) return { error: 'unsupported-scheme' };
  return { scheme, rest: text.slice(match[0].length) };
}

/** `user:pass@host:port`, refusing a path (a proxy has none) and characters no address holds. */
function authorityOf(rest: string): { authority: string } | Failure {
  const end = rest.search(/[/?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const tail = end < 0 ? '' : rest.slice(end);
  if (tail.includes('@')) return { error: 'invalid-credentials' };
  if (tail !== '' && tail !== '/') return { error: 'path' };
  if (/[<>\\^{|}]/.test(authority)) return { error: 'invalid-character' };
  return { authority };
}

/** `host:port`, or `[ipv6]:port`: an IPv6 address without brackets is ambiguous. */
function splitHostPort(hostport: string): { host: string; portText: string } | Failure {
  if (!hostport.startsWith('[')) {
    if (hostport.split(':').length - 1 > 1) return { error: 'ipv6-brackets' };
    const [host = '', portText = ''] = hostport.split(':');
    return host ? { host, portText } : { error: 'invalid-host' };
  }
  const close = hostport.indexOf(']');
  if (close < 0) return { error: 'invalid-host' };
  const after = hostport.slice(close + 1);
  if (after !== '' && !after.startsWith(':')) return { error: 'invalid-host' };
  return { host: hostport.slice(0, close + 1), portText: after.slice(1) };
}

/** Percent-decoded `user:pass`; one of them at least. */
function credentialsOf(userinfo: string): { username: string; password: string } | Failure {
  const colon = userinfo.indexOf(':');
  try {
    const username = decodeURIComponent(colon < 0 ? userinfo : userinfo.slice(0, colon));
    const password = colon < 0 ? '' : decodeURIComponent(userinfo.slice(colon + 1));
    return username || password ? { username, password } : { error: 'invalid-credentials' };
  } catch {
    return { error: 'invalid-credentials' };
  }
}

/** Text that cannot be an address at all, before its parts are looked at. */
function precheck(text: string): BridgeInputError | null {
  if (!text) return 'empty';
  if (recogniseTorBridgeLine(text)) return 'tor-bridge-line';
  return checkText(text);
}

/**
 * Reads `socks5://203.0.113.7:1080`, `http://user:pass@proxy.example:8080` or `https://[2001:db8::1]:443`.
 * The scheme and port are required: guessing either would send traffic somewhere the user did not mean.
 */
export function parseBridgeUrl(input: string): BridgeInputResult {
  const text = input.trim();
  const bad = precheck(text);
  if (bad) return fail(bad);
  const scheme = splitScheme(text);
  if (failed(scheme)) return fail(scheme.error);
  const parts = authorityOf(scheme.rest);
  if (failed(parts)) return fail(parts.error);
  const at = parts.authority.lastIndexOf('@');
  const address = splitHostPort(parts.authority.slice(at + 1));
  if (failed(address)) return fail(address.error);
  const port = portOf(address.portText);
  if (typeof port !== 'number') return fail(port);
  if (at < 0) return build(scheme.scheme, address.host, port);
  const login = credentialsOf(parts.authority.slice(0, at));
  if (failed(login)) return fail(login.error);
  return build(scheme.scheme, address.host, port, login.username, login.password);
}

export interface BridgeFields {
  scheme: string;
  host: string;
  port: number | string;
  username?: string;
  password?: string;
}

/** The same rules for the form with separate fields. Credentials are taken as typed, not percent-decoded. */
export function validateBridgeFields(fields: BridgeFields): BridgeInputResult {
  const scheme = schemeOf(fields.scheme);
  if (scheme === 'socks4') return fail('socks4');
  if (!scheme) return fail('unsupported-scheme');
  const host = fields.host.trim();
  if (!host) return fail('empty');
  const bad = checkText(host);
  if (bad) return fail(bad);
  const port = typeof fields.port === 'number' ? fields.port : portOf(fields.port.trim());
  if (typeof port !== 'number') return fail(port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return fail('invalid-port');
  return build(scheme, host, port, fields.username ?? '', fields.password ?? '');
}

const TOR_TRANSPORT =
  /^(?:bridge\s+)?(obfs[234]|snowflake|webtunnel|meek_lite|meek|scramblesuit|conjure|fte|dnstt)\s+\S*:\d+(?:\s|$)/i;
const TOR_VANILLA = /^bridge\s+\[?[0-9a-f.:]+\]?:\d+(?:\s+[0-9a-f]{40})?\s*$/i;

/**
 * Recognises a Tor bridge line pasted where a proxy was expected, so the user learns why it cannot
 * work here rather than reading "invalid address".
 */
export function recogniseTorBridgeLine(input: string): { transport: string } | null {
  const line =
    input
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  const transport = TOR_TRANSPORT.exec(line);
  if (transport?.[1]) return { transport: transport[1].toLowerCase() };
  return TOR_VANILLA.test(line) ? { transport: 'vanilla' } : null;
}

export function bridgeToUrl(bridge: Omit<Bridge, 'id'>, options: { withPassword: boolean } = { withPassword: false }) {
  const user = bridge.username ? encodeURIComponent(bridge.username) : '';
  const pass = options.withPassword && bridge.password ? `:${encodeURIComponent(bridge.password)}` : '';
  return `${bridge.scheme}://${user ? `${user}${pass}@` : ''}${hostPort(bridge.host, bridge.port)}`;
}

/** "Office — HTTP alice@proxy.example:8080". Never the password. */
export function describeBridge(bridge: Omit<Bridge, 'id'>): string {
  const address = `${bridge.scheme.toUpperCase()} ${bridge.username ? `${bridge.username}@` : ''}${hostPort(bridge.host, bridge.port)}`;
  return bridge.name ? `${bridge.name} — ${address}` : address;
}

/** Why an entry of the "these sites" list was refused; the options page words it in the user's language. */
export type SitePatternError = 'not-web' | 'user-name' | 'wildcard' | 'invalid-host' | 'local' | 'wildcard-ip';

const SITE_MESSAGES: Record<SitePatternError, string> = {
  'not-web': 'only web addresses (http, https) can be listed.',
  'user-name': 'a site pattern has no user name.',
  wildcard: 'the only wildcard allowed is a leading “*.”, as in *.example.org.',
  'invalid-host': 'not a valid host name.',
  local: 'local and private addresses never go through the bridge.',
  'wildcard-ip': 'a wildcard cannot be used with an IP address.',
};

export type SitePatternResult =
  | { ok: true; pattern: string }
  /** `message` is English, for the import's report; `error` and `entry` are what the options page shows. */
  | { ok: false; error: SitePatternError; entry: string; message: string };

/**
 * One entry of the "these sites" list in normal form, or why not. `example.org` is that host only;
 * `*.example.org` (or `.example.org`) is the domain and all its subdomains; no other wildcard exists,
 * because `*.example.*` could match a domain anyone may register. A pasted URL is reduced to its host.
 */
export function parseSitePattern(entry: string): SitePatternResult {
  const shown = entry.slice(0, 80);
  const no = (error: SitePatternError) => ({
    ok: false as const,
    error,
    entry: shown,
    message: `“${shown}”: ${SITE_MESSAGES[error]}`,
  });
  const address = addressPart(entry.trim());
  if (address === null) return no('not-web');
  if (address.includes('@')) return no('user-name');
  const wildcard = /^\*?\./.test(address);
  const text = wildcard ? address.replace(/^\*?\./, '') : address;
  if (text.includes('*')) return no('wildcard');
  const host = canonicalHost(text.replace(/^(\[[^\]]*\]):\d+$/, '$1').replace(/^([^:]*):\d+$/, '$1'));
  if (!host) return no('invalid-host');
  const why = wildcard ? wildcardProblem(host) : isLocalHost(host) ? 'local' : null;
  if (why) return no(why);
  return { ok: true, pattern: wildcard ? `*.${host}` : host };
}

/** A pasted URL reduced to its host (and port); null for a scheme that is not the web's. */
function addressPart(text: string): string | null {
  const scheme = SCHEME.exec(text);
  if (scheme && !/^(https?|wss?)$/i.test(scheme[1] ?? '')) return null;
  const rest = scheme ? text.slice(scheme[0].length) : text.startsWith('//') ? text.slice(2) : text;
  return rest.split(/[/?#]/)[0] ?? '';
}

/** Why `*.host` cannot be listed, or null. */
function wildcardProblem(host: string): SitePatternError | null {
  if (host.includes(':') || ipv4Octets(host) !== null) return 'wildcard-ip';
  const local = host === 'local' || host === 'localhost' || host.endsWith('.local') || host.endsWith('.localhost');
  return local ? 'local' : null;
}

export const MAX_SITE_PATTERNS = 1000;

export interface SitePatternsResult {
  patterns: string[];
  /** In English, for the import's report. */
  errors: string[];
  /** The refused entries as codes, for the options page; `tooMany` when the list is longer than allowed. */
  problems: Array<{ entry: string; error: SitePatternError }>;
  tooMany: boolean;
}

/** The "these sites" text: one entry per line, or separated by commas, semicolons or spaces. */
export function parseSitePatterns(text: string): SitePatternsResult {
  const patterns = new Set<string>();
  const errors: string[] = [];
  const problems: SitePatternsResult['problems'] = [];
  for (const entry of text.split(/[\s,;]+/).filter(Boolean)) {
    const result = parseSitePattern(entry);
    if (result.ok) patterns.add(result.pattern);
    else {
      errors.push(result.message);
      problems.push({ entry: result.entry, error: result.error });
    }
  }
  const tooMany = patterns.size > MAX_SITE_PATTERNS;
  if (tooMany) errors.push(`At most ${MAX_SITE_PATTERNS} sites can be listed.`);
  return { patterns: [...patterns].slice(0, MAX_SITE_PATTERNS), errors, problems, tooMany };
}
