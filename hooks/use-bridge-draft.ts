import type { IDBPDatabase } from 'idb';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  type Draft,
  draftOf,
  planSave,
  type SaveProblem,
  type TypedBridge,
  withoutBridge,
} from '../utils/bridge/draft';
import { neededOrigins, sameValue } from '../utils/bridge/reconcile';
import { getBridgePassword, saveBridgeSettings, withoutPasswords } from '../utils/bridge/secrets';
import { bridgeSettings, DEFAULT_BRIDGE_SETTINGS } from '../utils/bridge/settings';
import type { CoralDB } from '../utils/library/db/schema';
import type { Bridge, BridgeSettings } from '../utils/shared/bridge-types';

/** Why a write was not kept: the storage refused it, or what was read back differs from what was written. */
export type WriteProblem = 'write-failed' | 'not-kept';

/** What the Save row says, as a code the page puts in the user's language. */
export type DraftStatus = { kind: 'pending' | 'saving' | 'saved' } | { kind: 'refused'; problem: SaveRefusal } | null;

export type SaveRefusal = SaveProblem | WriteProblem | 'permission';

/** The outcome of one Save, for the form that holds the typed bridge. */
export type SaveOutcome =
  | { saved: false; problem: SaveRefusal }
  | { saved: true; typed?: { bridge: Bridge; existed: boolean } };

type Db = () => Promise<IDBPDatabase<CoralDB>>;

export interface BridgeDraftDeps {
  db: Db;
  /** Asks the user for host permissions; must be called while their click is being handled. */
  requestOrigins(origins: string[]): Promise<boolean>;
  /** Firefox proxies only what Coral has host permission for. */
  firefox: boolean;
}

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

/** Writes `next` over the latest stored value, so a switch flipped meanwhile is not undone. */
async function writeSettings(db: Db, next: BridgeSettings) {
  const latest = await bridgeSettings.getValue();
  // Bridges already saved come back without their password: they keep the one in the database.
  const known = new Set(latest.bridges.map((bridge) => bridge.id));
  return saveBridgeSettings(await db(), { ...next, enabled: latest.enabled }, known);
}

/** Reads back what was written: "Saved." is said only of settings (and a typed password) found in place. */
async function keptAsWritten(db: Db, written: BridgeSettings, typed: Bridge | undefined): Promise<boolean> {
  if (!sameValue(withoutPasswords(written), await bridgeSettings.getValue())) return false;
  if (!typed?.password || !typed.username) return true;
  return (await getBridgePassword(await db(), typed.id)) === typed.password;
}

/** Writes and reads back; the problem, or null when the settings are kept. */
async function writeAndCheck(db: Db, next: BridgeSettings, typed?: Bridge): Promise<WriteProblem | null> {
  let written: BridgeSettings;
  try {
    written = await writeSettings(db, next);
  } catch {
    return 'write-failed';
  }
  const withPassword = typed && next.bridges.find((bridge) => bridge.id === typed.id);
  return (await keptAsWritten(db, written, withPassword).catch(() => false)) ? null : 'not-kept';
}

/**
 * The stored bridge settings and the page's draft of the scope and fallback. Choosing or removing a
 * bridge is kept at once; Save keeps the typed bridge, the scope and the fallback together, and says
 * "Saved." only once they are read back from storage.
 */
export function useBridgeDraft({ db, requestOrigins, firefox }: BridgeDraftDeps) {
  const [stored, setStored] = useState<BridgeSettings>(DEFAULT_BRIDGE_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => draftOf(DEFAULT_BRIDGE_SETTINGS));
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<DraftStatus>(null);
  const [sitesEmpty, setSitesEmpty] = useState(false);
  const [listProblem, setListProblem] = useState<WriteProblem | 'permission' | null>(null);
  useFollowStored((settings) => {
    setStored(settings);
    setLoaded(true);
    // Another tab (or an import) changed them: follow, unless the user is in the middle of editing.
    if (!dirty) setDraft(draftOf(settings));
  });

  const edit = (change: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setDirty(true);
    setStatus({ kind: 'pending' });
  };

  /** Asks for what `settings` will need once switched on; synchronous up to the request, like Save. */
  const askFor = (settings: BridgeSettings): Promise<boolean> => {
    // Mirrors are left out: adding a mirror asks for its own origins, subdomains included.
    const origins = neededOrigins({ ...settings, enabled: true }, firefox, []);
    return origins.length ? requestOrigins(origins).catch(() => false) : Promise.resolve(true);
  };

  const refuse = (problem: SaveRefusal): SaveOutcome => {
    setStatus({ kind: 'refused', problem });
    return { saved: false, problem };
  };

  /**
   * Saves the typed bridge with the scope and fallback. Synchronous up to the permission request:
   * browsers show the prompt only while the click that asked is being handled.
   */
  const save = (typed: TypedBridge): Promise<SaveOutcome> => {
    const plan = planSave(stored, draft, typed, newId);
    setSitesEmpty(draft.scopeKind === 'sites' && !plan.ok && plan.sitesEmpty);
    if (!plan.ok) return Promise.resolve(refuse(plan.problem));
    // Asked as if switched on: the switch on a CDT page cannot ask, so Save asks ahead for what it will need.
    const asking = askFor(plan.settings);
    setStatus({ kind: 'saving' });
    return asking.then(async (granted): Promise<SaveOutcome> => {
      if (!granted) return refuse('permission');
      const problem = await writeAndCheck(db, plan.settings, plan.typed?.bridge);
      if (problem) return refuse(problem);
      const now = await bridgeSettings.getValue();
      setStored(now);
      setDraft(draftOf(now));
      setDirty(false);
      setStatus({ kind: 'saved' });
      return { saved: true, ...(plan.typed ? { typed: plan.typed } : {}) };
    });
  };

  /** A change to the list itself (choose, remove), kept at once over the stored scope. */
  const keepNow = async (next: (latest: BridgeSettings) => BridgeSettings) => {
    setListProblem(await writeAndCheck(db, next(await bridgeSettings.getValue())));
  };

  /** Another bridge may need what the last did not (in Chrome, sites where it asks for its password). */
  const choose = (id: string) =>
    askFor({ ...stored, activeId: id }).then((granted) =>
      granted ? keepNow((latest) => ({ ...latest, activeId: id })) : setListProblem('permission'),
    );

  return {
    stored,
    loaded,
    draft,
    status,
    sitesEmpty,
    listProblem,
    edit,
    /** The typed bridge changed: what the page shows is no longer what is saved. */
    touched: () => setStatus({ kind: 'pending' }),
    save,
    choose,
    remove: (id: string) => keepNow((latest) => withoutBridge(latest, id)),
    importSettings: async (settings: BridgeSettings) => {
      const written = await saveBridgeSettings(await db(), settings);
      setStored(written);
      setDraft(draftOf(written));
      setDirty(false);
      setStatus(null);
    },
  };
}
