import type { Bridge, BridgeScope, BridgeSettings } from '../shared/bridge-types';
import { parseSitePatterns } from './config';

// The options page's bridge form as data: the scope and fallback being edited, and what one Save writes.
// The list of bridges is not edited here: choosing or removing one is kept at once, and a bridge typed in
// the form joins the list only with the Save that stores it.

/** What the page edits before Save; `enabled` is the switches' business and is never touched here. */
export interface Draft {
  scopeKind: BridgeScope['kind'];
  sitesText: string;
  fallbackDirect: boolean;
}

export function draftOf(settings: BridgeSettings): Draft {
  return {
    scopeKind: settings.scope.kind,
    sitesText: settings.scope.kind === 'sites' ? settings.scope.patterns.join('\n') : '',
    fallbackDirect: settings.fallbackDirect,
  };
}

/** The bridge in the form, as Save sees it: nothing typed, something that is not a bridge, or a bridge. */
export type TypedBridge =
  | { kind: 'none' }
  | { kind: 'invalid' }
  | { kind: 'valid'; bridge: Omit<Bridge, 'id'>; presetId?: string };

/** Why a Save writes nothing: the address or the site list needs correcting, or there is no bridge at all. */
export type SaveProblem = 'address' | 'sites' | 'no-bridge';

export type SavePlan =
  | { ok: true; settings: BridgeSettings; typed?: { bridge: Bridge; existed: boolean } }
  | { ok: false; problem: SaveProblem; sitesEmpty: boolean };

const sameServer = (a: Omit<Bridge, 'id'>, b: Omit<Bridge, 'id'>) =>
  a.scheme === b.scheme && a.host === b.host && a.port === b.port && (a.username ?? '') === (b.username ?? '');

/**
 * The list with `bridge` in it. A server already listed is updated (a new name or password) rather than
 * listed twice; a preset keeps its own id the first time, so it is recognised later.
 */
export function withBridge(
  bridges: readonly Bridge[],
  bridge: Omit<Bridge, 'id'>,
  presetId: string | undefined,
  newId: () => string,
): { bridges: Bridge[]; bridge: Bridge; existed: boolean } {
  const existing = bridges.find((listed) => sameServer(listed, bridge));
  if (existing) {
    const updated: Bridge = {
      ...existing,
      ...(bridge.name ? { name: bridge.name } : {}),
      ...(bridge.password ? { password: bridge.password } : {}),
    };
    return {
      bridges: bridges.map((listed) => (listed === existing ? updated : listed)),
      bridge: updated,
      existed: true,
    };
  }
  const id = presetId && !bridges.some((listed) => listed.id === presetId) ? presetId : newId();
  const added: Bridge = { id, ...bridge };
  return { bridges: [...bridges, added], bridge: added, existed: false };
}

/** The settings without bridge `id`; the first one left becomes active if that one was. */
export function withoutBridge(settings: BridgeSettings, id: string): BridgeSettings {
  const { activeId: _, ...rest } = settings;
  const bridges = settings.bridges.filter((bridge) => bridge.id !== id);
  const activeId = settings.activeId === id ? bridges[0]?.id : settings.activeId;
  return { ...rest, bridges, ...(activeId ? { activeId } : {}) };
}

/** The scope to save, or why not: a site list with mistakes, or with no site at all. */
export function draftScope(draft: Draft): { ok: true; scope: BridgeScope } | { ok: false; sitesEmpty: boolean } {
  if (draft.scopeKind !== 'sites') return { ok: true, scope: { kind: draft.scopeKind === 'all' ? 'all' : 'cdt' } };
  const { patterns, errors } = parseSitePatterns(draft.sitesText);
  if (errors.length || patterns.length === 0) return { ok: false, sitesEmpty: patterns.length === 0 };
  return { ok: true, scope: { kind: 'sites', patterns } };
}

/**
 * What one Save writes over `current` (the stored settings), or why it writes nothing. A typed bridge is
 * added and made active: the user typed it to use it. Nothing is written in part: a bad address keeps the
 * scope from being saved too, so "Saved." always means all that the form shows.
 */
export function planSave(current: BridgeSettings, draft: Draft, typed: TypedBridge, newId: () => string): SavePlan {
  const scope = draftScope(draft);
  const sitesEmpty = !scope.ok && scope.sitesEmpty;
  if (typed.kind === 'invalid') return { ok: false, problem: 'address', sitesEmpty };
  if (!scope.ok) return { ok: false, problem: 'sites', sitesEmpty };
  const base: BridgeSettings = {
    enabled: current.enabled,
    bridges: current.bridges,
    scope: scope.scope,
    fallbackDirect: draft.fallbackDirect,
  };
  if (typed.kind === 'valid') {
    const added = withBridge(current.bridges, typed.bridge, typed.presetId, newId);
    const settings = { ...base, bridges: added.bridges, activeId: added.bridge.id };
    return { ok: true, settings, typed: { bridge: added.bridge, existed: added.existed } };
  }
  if (current.bridges.length === 0) return { ok: false, problem: 'no-bridge', sitesEmpty };
  const active = current.activeId && current.bridges.some((bridge) => bridge.id === current.activeId);
  return { ok: true, settings: active ? { ...base, activeId: current.activeId } : base };
}
