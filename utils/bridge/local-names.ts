// Names that always mean the user's own network and never a public site. routeFor, the PAC script and
// Chrome's bypass list all read them from here: a bridge could not reach these hosts, and asking it to
// would tell its operator what is on the user's network.

/**
 * Domains whose every name is local: special-use names (RFC 6761 localhost, RFC 6762 local, arpa for
 * RFC 8375 home.arpa and the reverse-lookup names), ICANN's private-use internal, and the suffixes
 * routers and companies use that RFC 6762 appendix G lists (lan, intranet, corp, home, private) plus
 * localdomain. `test` is left out on purpose: it is reserved for testing, not for a local network, and
 * a test may well want a test host proxied.
 */
export const LOCAL_DOMAINS: readonly string[] = [
  'localhost',
  'local',
  'lan',
  'arpa',
  'internal',
  'intranet',
  'corp',
  'home',
  'private',
  'localdomain',
];

/**
 * True for a single-label name (`printer`, `intranet`, and the empty host) and for any name under one
 * of LOCAL_DOMAINS. Takes a host already in bareHost's form (lower case, no trailing dot); says nothing
 * about IP addresses.
 */
export function isLocalName(host: string): boolean {
  return !host.includes('.') || LOCAL_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/** The names as the options page lists them: `*.localhost, *.local, …`. */
export function localNamePatterns(): string[] {
  return LOCAL_DOMAINS.map((domain) => `*.${domain}`);
}
