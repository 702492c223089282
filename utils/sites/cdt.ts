// China Digital Times' identity, in one place: the manifest's match patterns, the bridge's routing, the
// background's sender checks and the mirror validation all read it from here. Plain data, no browser API,
// so wxt.config.ts can import it too.

/** The registrable domain; routing and mirror checks count its subdomains with it. */
export const CDT_DOMAIN = 'chinadigitaltimes.net';

/** The host names CDT serves its pages on. */
export const CDT_HOSTS: readonly string[] = [CDT_DOMAIN, `www.${CDT_DOMAIN}`];

/** Match patterns for the content script: the hosts CDT serves its pages on. */
export const CDT_MATCHES: string[] = CDT_HOSTS.map((host) => `*://${host}/*`);

/**
 * The manifest's host permission: CDT with every subdomain, as the bridge routes it (images and pages
 * on static. or any other subdomain). Firefox proxies only what Coral may see, so less would let those
 * requests go direct with the bridge on.
 */
export const CDT_ORIGIN = `*://*.${CDT_DOMAIN}/*`;

/** CDT's home page: "Test bridge" times a fetch of it, and the extension CSP allows connecting to it. */
export const CDT_HOME = `https://${CDT_DOMAIN}/`;

/** True for chinadigitaltimes.net and any of its subdomains (a lower-case host name, no trailing dot). */
export function isCdtDomain(host: string): boolean {
  return host === CDT_DOMAIN || host.endsWith(`.${CDT_DOMAIN}`);
}
