import type { Bridge, BridgeScope, BridgeSettings } from '../shared/bridge-types';
import { parseSitePatterns } from './config';

// The options page's unsaved bridge settings, and the plain steps from stored settings to a draft and back.

/** What the page edits before Save; `enabled` is the switches' business and is never touched here. */
export interface Draft {
  bridges: Bridge[];
  activeId?: string;
  scopeKind: BridgeScope['kind'];
  sitesText: string;
  fallbackDirect: boolean;
}

export function draftOf(settings: BridgeSettings): Draft {
  return {
    bridges: settings.bridges,
    activeId: settings.activeId,
    scopeKind: settings.scope.kind,
    sitesText: settings.scope.kind === 'sites' ? settings.scope.patterns.join('\n') : '',
    fallbackDirect: settings.fallbackDirect,
  };
}

const sameServer = (a: Omit<Bridge, 'id'>, b: Omit<Bridge, 'id'>) =>
  a.scheme === b.scheme && a.host === b.host && a.port === b.port && (a.username ?? '') === (b.username ?? '');

/**
 * The draft with `bridge` added (active when none was), or null for a server already listed. A preset
 * keeps its own id the first time, so it is recognised later.
 */
export function withBridge(
  draft: Draft,
  bridge: Omit<Bridge, 'id'>,
  presetId: string | undefined,
  newId: () => string,
): Pick<Draft, 'bridges' | 'activeId'> | null {
  if (draft.bridges.some((existing) => sameServer(existing, bridge))) return null;
  const id = presetId && !draft.bridges.some((b) => b.id === presetId) ? presetId : newId();
  return { bridges: [...draft.bridges, { id, ...bridge }], activeId: draft.activeId ?? id };
}

/** The draft without bridge `id`; the first one left becomes active if that one was. */
export function withoutBridge(draft: Draft, id: string): Pick<Draft, 'bridges' | 'activeId'> {
  const bridges = draft.bridges.filter((bridge) => bridge.id !== id);
  return { bridges, activeId: draft.activeId === id ? bridges[0]?.id : draft.activeId };
}

/** The scope to save, or why not: a site list with mistakes, or with no site at all. */
export function draftScope(draft: Draft): { ok: true; scope: BridgeScope } | { ok: false; sitesEmpty: boolean } {
  if (draft.scopeKind !== 'sites') return { ok: true, scope: { kind: draft.scopeKind === 'all' ? 'all' : 'cdt' } };
  const { patterns, errors } = parseSitePatterns(draft.sitesText);
  if (errors.length || patterns.length === 0) return { ok: false, sitesEmpty: patterns.length === 0 };
  return { ok: true, scope: { kind: 'sites', patterns } };
}

/** The settings Save writes; `enabled` comes from the latest stored value, never from the page. */
export function settingsFromDraft(draft: Draft, scope: BridgeScope, enabled: boolean): BridgeSettings {
  const next: BridgeSettings = { enabled, bridges: draft.bridges, scope, fallbackDirect: draft.fallbackDirect };
  if (draft.activeId && draft.bridges.some((bridge) => bridge.id === draft.activeId)) next.activeId = draft.activeId;
  return next;
}
