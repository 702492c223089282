import { privateItem } from '../library/private-settings';
import type { Bridge, BridgeScope, BridgeSettings } from '../shared/bridge-types';
import { LEGACY_LOCAL_KEYS, STORAGE_KEYS } from '../shared/storage-keys';
import { parseSitePattern, validateBridgeFields } from './config';
import type { RoutingConfig } from './routing';

export const DEFAULT_BRIDGE_SETTINGS: BridgeSettings = {
  enabled: false,
  bridges: [],
  scope: { kind: 'cdt' },
  fallbackDirect: false,
};

/**
 * What the user set up, in the extension's IndexedDB: the background and Coral's pages read it, content
 * scripts cannot. Passwords are kept apart again, in the `secrets` store (./secrets.ts).
 */
export const bridgeSettings = privateItem<BridgeSettings>({
  key: 'bridgeSettings',
  fallback: DEFAULT_BRIDGE_SETTINGS,
  signal: STORAGE_KEYS.bridgeSettingsChanged,
  legacyLocalKey: LEGACY_LOCAL_KEYS.bridgeSettings,
});

/** The chosen bridge; the first one when none was chosen; null when the chosen one is gone. */
export function activeBridge(settings: BridgeSettings): Bridge | null {
  if (settings.activeId === undefined) return settings.bridges[0] ?? null;
  return settings.bridges.find((bridge) => bridge.id === settings.activeId) ?? null;
}

/** What routeFor and the PAC script read. A bridge that is switched off routes nothing. */
export function routingConfig(settings: BridgeSettings, mirrors: readonly string[]): RoutingConfig {
  return {
    bridge: settings.enabled ? activeBridge(settings) : null,
    scope: settings.scope,
    mirrors: [...mirrors],
    fallbackDirect: settings.fallbackDirect,
  };
}

export const EXPORT_FORMAT = 'coral-bridge-settings';
export const EXPORT_FORMAT_VERSION = 1;
const MAX_IMPORT_CHARS = 1_000_000;
const MAX_BRIDGES = 50;
const MAX_PATTERNS = 1000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const CONTROL = /[\p{Cc}\u2028\u2029]/u;

/**
 * Versioned JSON of the bridge settings. Passwords are left out unless asked for. Whether the bridge is
 * on is not exported: importing a file never starts sending traffic anywhere by itself.
 */
export function exportBridgeSettings(settings: BridgeSettings, options: { withPasswords: boolean }): string {
  const bridges = settings.bridges.map(({ id, name, scheme, host, port, username, password }) => ({
    id,
    ...(name ? { name } : {}),
    scheme,
    host,
    port,
    ...(username ? { username } : {}),
    ...(options.withPasswords && password ? { password } : {}),
  }));
  const data = {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    passwordsIncluded: options.withPasswords,
    ...(settings.activeId === undefined ? {} : { activeId: settings.activeId }),
    bridges,
    scope: settings.scope,
    fallbackDirect: settings.fallbackDirect,
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

export type BridgeImportError = 'too-large' | 'not-json' | 'not-coral' | 'newer-version' | 'invalid';

export type BridgeImportResult =
  | { ok: true; settings: BridgeSettings }
  | { ok: false; error: BridgeImportError; message: string };

class Invalid extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function optionalString(value: unknown, what: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new Invalid(`${what} must be text.`);
  return value;
}

function readBridge(value: unknown, index: number): Bridge {
  const where = `Bridge ${index + 1}`;
  if (!isRecord(value)) throw new Invalid(`${where} is not an object.`);
  const { id, name, scheme, host, port } = value;
  if (typeof id !== 'string' || !ID.test(id)) throw new Invalid(`${where} has no valid id.`);
  const label = optionalString(name, `${where}'s name`);
  if (label !== undefined && (label.length > 100 || CONTROL.test(label)))
    throw new Invalid(`${where}'s name is invalid.`);
  if (typeof scheme !== 'string' || typeof host !== 'string' || typeof port !== 'number') {
    throw new Invalid(`${where} needs a scheme, a host and a numeric port.`);
  }
  const result = validateBridgeFields({
    scheme,
    host,
    port,
    username: optionalString(value.username, `${where}'s user name`),
    password: optionalString(value.password, `${where}'s password`),
  });
  if (!result.ok) throw new Invalid(`${where}: ${result.message}`);
  return { id, ...(label ? { name: label } : {}), ...result.bridge };
}

function readScope(value: unknown): BridgeScope {
  if (!isRecord(value)) throw new Invalid('The scope is missing.');
  if (value.kind === 'cdt' || value.kind === 'all') return { kind: value.kind };
  if (value.kind !== 'sites') throw new Invalid('The scope must be cdt, sites or all.');
  const { patterns } = value;
  if (!Array.isArray(patterns) || patterns.length > MAX_PATTERNS) throw new Invalid('The list of sites is invalid.');
  const normal = patterns.map((pattern) => {
    if (typeof pattern !== 'string') throw new Invalid('The list of sites holds something that is not text.');
    const result = parseSitePattern(pattern);
    if (!result.ok) throw new Invalid(`Sites: ${result.message}`);
    return result.pattern;
  });
  return { kind: 'sites', patterns: [...new Set(normal)] };
}

/**
 * Reads a file exportBridgeSettings wrote, through the same validators as the options page; anything
 * else is refused whole. The result is switched off: the user turns it on after looking at it.
 */
export function importBridgeSettings(json: string): BridgeImportResult {
  const data = exportedData(json);
  if (!data.ok) return data;
  try {
    return { ok: true, settings: readSettings(data.data) };
  } catch (error) {
    if (error instanceof Invalid) return refuse('invalid', error.message);
    throw error;
  }
}

const refuse = (error: BridgeImportError, message: string) => ({ ok: false as const, error, message });

/** The file's object, when it is a Coral bridge export this version can read. */
function exportedData(json: string): { ok: true; data: Record<string, unknown> } | ReturnType<typeof refuse> {
  if (json.length > MAX_IMPORT_CHARS) return refuse('too-large', 'The file is too large to be Coral bridge settings.');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return refuse('not-json', 'The file is not JSON.');
  }
  if (!isRecord(data) || data.format !== EXPORT_FORMAT) {
    return refuse('not-coral', 'The file does not hold Coral bridge settings.');
  }
  if (typeof data.formatVersion === 'number' && data.formatVersion > EXPORT_FORMAT_VERSION) {
    return refuse('newer-version', 'The file comes from a newer version of Coral. Update Coral, then import it.');
  }
  return { ok: true, data };
}

/** Throws Invalid for anything the options page would not have let through. */
function readSettings(data: Record<string, unknown>): BridgeSettings {
  if (data.formatVersion !== EXPORT_FORMAT_VERSION) throw new Invalid('The format version is invalid.');
  if (!Array.isArray(data.bridges) || data.bridges.length > MAX_BRIDGES) throw new Invalid('The bridges are invalid.');
  const bridges = data.bridges.map(readBridge);
  if (new Set(bridges.map((b) => b.id)).size !== bridges.length) throw new Invalid('Two bridges share an id.');
  const activeId = optionalString(data.activeId, 'The active bridge');
  if (activeId !== undefined && !bridges.some((b) => b.id === activeId)) {
    throw new Invalid('The active bridge is not in the list.');
  }
  const fallbackDirect = data.fallbackDirect ?? false;
  if (typeof fallbackDirect !== 'boolean') throw new Invalid('fallbackDirect must be true or false.');
  const settings: BridgeSettings = { enabled: false, bridges, scope: readScope(data.scope), fallbackDirect };
  if (activeId !== undefined) settings.activeId = activeId;
  return settings;
}

/**
 * An import without passwords keeps the ones already stored for the same server and user, so restoring
 * a shared file does not log the user out of their proxies.
 */
export function keepStoredPasswords(imported: BridgeSettings, current: BridgeSettings): BridgeSettings {
  const bridges = imported.bridges.map((bridge) => {
    if (bridge.password || !bridge.username) return bridge;
    const same = current.bridges.find(
      (old) =>
        old.id === bridge.id &&
        old.scheme === bridge.scheme &&
        old.host === bridge.host &&
        old.port === bridge.port &&
        old.username === bridge.username,
    );
    return same?.password ? { ...bridge, password: same.password } : bridge;
  });
  return { ...imported, bridges };
}
