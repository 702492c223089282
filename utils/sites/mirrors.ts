import { browser } from 'wxt/browser';
import { isCdtDomain } from './cdt';

/** Why a typed mirror address was refused; the options page turns these into sentences. */
export type MirrorHostError = 'empty' | 'wildcard' | 'scheme' | 'credentials' | 'ip' | 'local' | 'invalid' | 'cdt';

export type MirrorHostResult = { ok: true; host: string } | { ok: false; error: MirrorHostError };

export const MIRROR_SCRIPT_ID = 'coral-mirrors';
const MIRROR_SCRIPT_FILE = 'cdt-loader.js';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Turns what a user typed ("cdt.example.org", "https://cdt.example.org/2024/…") into a bare host name
 * that a match pattern can hold. IP addresses and one-label names are refused: a host permission for them
 * would reach into the user's own network rather than a public mirror.
 */
export function parseMirrorHost(input: string): MirrorHostResult {
  const text = input.trim();
  const url = mirrorUrl(text);
  if (typeof url === 'string') return { ok: false, error: url };
  if (url.username || url.password) return { ok: false, error: 'credentials' };
  const host = url.hostname.replace(/\.$/, '');
  const error = hostProblem(host);
  return error ? { ok: false, error } : { ok: true, host };
}

/** What was typed as a URL (a bare host is taken as one), or why it cannot be one. */
function mirrorUrl(text: string): URL | MirrorHostError {
  if (!text) return 'empty';
  if (text.includes('*')) return 'wildcard';
  if (/\s/.test(text)) return 'invalid';
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (hasScheme && !/^https?:\/\//i.test(text)) return 'scheme';
  try {
    return new URL(hasScheme ? text : `http://${text.replace(/^\/\//, '')}`);
  } catch {
    return 'invalid';
  }
}

/** Why a host cannot be a public mirror, or null. */
function hostProblem(host: string): MirrorHostError | null {
  if (host.startsWith('[') || IPV4.test(host)) return 'ip';
  if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) return 'local';
  const labels = host.split('.');
  if (host.length > 253 || !labels.every((label) => LABEL.test(label)) || /^\d+$/.test(labels.at(-1) ?? '')) {
    return 'invalid';
  }
  return isCdtDomain(host) ? 'cdt' : null;
}

/** Match patterns for the given hosts, any scheme, any path. */
export function mirrorMatches(hosts: readonly string[]): string[] {
  return [...new Set(hosts)].map((host) => `*://${host}/*`);
}

/** What the mirror's content script needs; profiles from before mirrors were routed with subdomains have it. */
export function mirrorOrigins(host: string): string[] {
  return mirrorMatches([host]);
}

/**
 * What adding a mirror asks for: the mirror and every subdomain, as the bridge routes it ("CDT only"
 * counts them all). It covers mirrorOrigins too. Firefox proxies only what Coral may see.
 */
export function mirrorRouteOrigins(host: string): string[] {
  return [`*://*.${host}/*`];
}

interface ScriptFilter {
  ids?: string[];
}
interface MirrorScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
}

/** The slice of the extension API that syncMirrorScripts needs; tests hand in a fake. */
export interface MirrorApi {
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
  scripting: {
    getRegisteredContentScripts(filter?: ScriptFilter): Promise<Array<{ id: string }>>;
    registerContentScripts(scripts: MirrorScript[]): Promise<unknown>;
    updateContentScripts(scripts: MirrorScript[]): Promise<unknown>;
    unregisterContentScripts(filter?: ScriptFilter): Promise<unknown>;
  };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Makes the one dynamic content script match exactly the mirrors whose permission the user still grants
 * (a permission can be withdrawn from the browser's own settings). Returns the patterns now registered.
 * Calls in one context run one after another; the options page and the background may still race each
 * other, so a register that finds the script already there updates it instead, and the other way round.
 */
export function syncMirrorScripts(hosts: readonly string[], api: MirrorApi = browser): Promise<string[]> {
  const run = queue.then(() => sync(hosts, api));
  queue = run.catch(() => undefined);
  return run;
}

async function sync(hosts: readonly string[], api: MirrorApi): Promise<string[]> {
  const granted: string[] = [];
  for (const host of new Set(hosts)) {
    if (await api.permissions.contains({ origins: mirrorOrigins(host) })) granted.push(host);
  }
  const { scripting } = api;
  const existing = await scripting.getRegisteredContentScripts({ ids: [MIRROR_SCRIPT_ID] });
  const registered = existing.some((script) => script.id === MIRROR_SCRIPT_ID);
  if (granted.length === 0) {
    if (registered) await scripting.unregisterContentScripts({ ids: [MIRROR_SCRIPT_ID] });
    return [];
  }
  const script: MirrorScript = {
    id: MIRROR_SCRIPT_ID,
    matches: mirrorMatches(granted),
    js: [MIRROR_SCRIPT_FILE],
    runAt: 'document_idle',
  };
  if (registered)
    await scripting.updateContentScripts([script]).catch(() => scripting.registerContentScripts([script]));
  else await scripting.registerContentScripts([script]).catch(() => scripting.updateContentScripts([script]));
  return script.matches;
}
