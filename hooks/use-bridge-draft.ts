import type { IDBPDatabase } from 'idb';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Draft, draftOf, draftScope, settingsFromDraft, withBridge, withoutBridge } from '../utils/bridge/draft';
import { saveBridgeSettings } from '../utils/bridge/secrets';
import { bridgeSettings, DEFAULT_BRIDGE_SETTINGS } from '../utils/bridge/settings';
import type { CoralDB } from '../utils/library/db/schema';
import type { Bridge, BridgeScope, BridgeSettings } from '../utils/shared/bridge-types';
import { pageMessage } from '../utils/shared/page-messages';

export type DraftStatus = { kind: 'error' | 'done' | 'pending'; text: string } | null;

const newId = () => `b-${crypto.randomUUID()}`;

/** Calls `load` with the stored settings now and on every change: the `load` of the latest render. */
function useFollowStored(load: (settings: BridgeSettings) => void) {
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    const follow = (settings: BridgeSettings) => latest.current(settings);
    void bridgeSettings.getValue().then(follow);
    return bridgeSettings.watch(follow);
  }, []);
}

/** Writes the draft over the latest stored value, so a switch flipped meanwhile is not undone. */
async function writeDraft(db: () => Promise<IDBPDatabase<CoralDB>>, draft: Draft, scope: BridgeScope) {
  const latest = await bridgeSettings.getValue();
  const next = settingsFromDraft(draft, scope, latest.enabled);
  // Bridges already saved come back without their password: they keep the one in the database.
  const known = new Set(latest.bridges.map((bridge) => bridge.id));
  return saveBridgeSettings(await db(), next, known);
}

/**
 * The stored bridge settings and the page's draft of them. Edits stay in the draft until Save, which
 * writes the passwords to the database and the rest to bridgeSettings.
 */
export function useBridgeDraft(db: () => Promise<IDBPDatabase<CoralDB>>) {
  const [stored, setStored] = useState<BridgeSettings>(DEFAULT_BRIDGE_SETTINGS);
  const [draft, setDraft] = useState<Draft>(() => draftOf(DEFAULT_BRIDGE_SETTINGS));
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<DraftStatus>(null);
  const [sitesEmpty, setSitesEmpty] = useState(false);
  useFollowStored((settings) => {
    setStored(settings);
    // Another tab (or an import) changed them: follow, unless the user is in the middle of editing.
    if (!dirty) setDraft(draftOf(settings));
  });

  const edit = (change: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setDirty(true);
    setStatus({ kind: 'pending', text: pageMessage('optionsBridgeUnsaved') });
  };
  const saved = (settings: BridgeSettings, next: DraftStatus) => {
    setStored(settings);
    setDraft(draftOf(settings));
    setDirty(false);
    setStatus(next);
  };

  const save = async () => {
    const checked = draftScope(draft);
    if (draft.scopeKind === 'sites') setSitesEmpty(!checked.ok && checked.sitesEmpty);
    if (!checked.ok) return setStatus({ kind: 'error', text: pageMessage('optionsBridgeFixFirst') });
    try {
      saved(await writeDraft(db, draft, checked.scope), { kind: 'done', text: pageMessage('optionsBridgeSaved') });
    } catch (error) {
      console.error('Coral bridge settings:', error);
      setStatus({ kind: 'error', text: pageMessage('optionsBridgeSaveFailed') });
    }
  };

  return {
    stored,
    draft,
    dirty,
    status,
    sitesEmpty,
    edit,
    save,
    /** Adds a bridge; returns why not (a duplicate), or null when added. */
    add: (bridge: Omit<Bridge, 'id'>, presetId?: string): string | null => {
      const change = withBridge(draft, bridge, presetId, newId);
      if (!change) return pageMessage('optionsBridgeDuplicate');
      edit(change);
      return null;
    },
    remove: (id: string) => edit(withoutBridge(draft, id)),
    importSettings: async (settings: BridgeSettings) => saved(await saveBridgeSettings(await db(), settings), null),
  };
}
