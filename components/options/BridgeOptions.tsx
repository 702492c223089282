import './bridge-options.css';
import type { IDBPDatabase } from 'idb';
import { useEffect, useRef, useState } from 'preact/hooks';
import { parseSitePatterns } from '../../utils/bridge/config';
import { saveBridgeSettings } from '../../utils/bridge/secrets';
import { bridgeSettings, DEFAULT_BRIDGE_SETTINGS } from '../../utils/bridge/settings';
import { openLibrary } from '../../utils/library/db/open';
import type { CoralDB } from '../../utils/library/db/schema';
import type { Bridge, BridgeScope, BridgeSettings, BridgeTestResult } from '../../utils/shared/bridge-types';
import { errorText } from '../../utils/shared/error-text';
import { sendToBackground } from '../../utils/shared/messages';
import { pageMessage } from '../../utils/shared/page-messages';
import { BridgeForm } from './BridgeForm';
import { BridgeList } from './BridgeList';
import { BridgeTransfer } from './BridgeTransfer';
import { ScopeChoice, type ScopeKind } from './ScopeChoice';

/** What the page edits before Save; `enabled` is the switches' business and is never touched here. */
interface Draft {
  bridges: Bridge[];
  activeId?: string;
  scopeKind: ScopeKind;
  sitesText: string;
  fallbackDirect: boolean;
}

function draftOf(settings: BridgeSettings): Draft {
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

function newId(): string {
  return `b-${crypto.randomUUID()}`;
}

type Status = { kind: 'error' | 'done' | 'pending'; text: string } | null;

interface Props {
  /** Asks the background to fetch a page through a saved bridge. */
  testBridge?: (bridgeId: string) => Promise<BridgeTestResult>;
  /** The library database, which keeps the bridges' passwords out of content scripts' reach. */
  db?: () => Promise<IDBPDatabase<CoralDB>>;
}

const askBackground = (bridgeId: string) => sendToBackground('testBridge', { bridgeId });

let library: Promise<IDBPDatabase<CoralDB>> | undefined;
const openOnce = () => {
  library ??= openLibrary();
  return library;
};

/**
 * The options page's bridge section. Edits stay on the page until Save, which writes the passwords to
 * the database and the rest to bridgeSettings (the background reconciles the browser's proxy with it);
 * extension pages only.
 */
export function BridgeOptions({ testBridge = askBackground, db = openOnce }: Props) {
  const [stored, setStored] = useState<BridgeSettings>(DEFAULT_BRIDGE_SETTINGS);
  const [draft, setDraft] = useState<Draft>(() => draftOf(DEFAULT_BRIDGE_SETTINGS));
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [sitesEmpty, setSitesEmpty] = useState(false);
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;

  useEffect(() => {
    const load = (settings: BridgeSettings) => {
      setStored(settings);
      // Another tab (or an import) changed them: follow, unless the user is in the middle of editing.
      if (!dirtyRef.current) setDraft(draftOf(settings));
    };
    void bridgeSettings.getValue().then(load);
    return bridgeSettings.watch(load);
  }, []);

  useEffect(() => {
    if (location.hash === '#bridge') document.getElementById('bridge')?.scrollIntoView();
  }, []);

  const edit = (change: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...change }));
    setDirty(true);
    setStatus({ kind: 'pending', text: pageMessage('optionsBridgeUnsaved') });
  };

  const add = (bridge: Omit<Bridge, 'id'>, presetId?: string): string | null => {
    if (draft.bridges.some((existing) => sameServer(existing, bridge))) return pageMessage('optionsBridgeDuplicate');
    const id = presetId && !draft.bridges.some((b) => b.id === presetId) ? presetId : newId();
    edit({ bridges: [...draft.bridges, { id, ...bridge }], activeId: draft.activeId ?? id });
    return null;
  };

  const remove = (id: string) => {
    const bridges = draft.bridges.filter((bridge) => bridge.id !== id);
    edit({ bridges, activeId: draft.activeId === id ? bridges[0]?.id : draft.activeId });
  };

  const siteCheck = parseSitePatterns(draft.sitesText);

  const save = async (event: Event) => {
    event.preventDefault();
    let scope: BridgeScope = { kind: draft.scopeKind === 'all' ? 'all' : 'cdt' };
    if (draft.scopeKind === 'sites') {
      setSitesEmpty(siteCheck.patterns.length === 0);
      if (siteCheck.errors.length || siteCheck.patterns.length === 0) {
        return setStatus({ kind: 'error', text: pageMessage('optionsBridgeFixFirst') });
      }
      scope = { kind: 'sites', patterns: siteCheck.patterns };
    }
    try {
      // The latest stored value, so a switch flipped meanwhile is not undone by this save.
      const latest = await bridgeSettings.getValue();
      const next: BridgeSettings = {
        enabled: latest.enabled,
        bridges: draft.bridges,
        scope,
        fallbackDirect: draft.fallbackDirect,
      };
      if (draft.activeId && draft.bridges.some((bridge) => bridge.id === draft.activeId))
        next.activeId = draft.activeId;
      // Bridges already saved come back without their password: they keep the one in the database.
      const saved = await saveBridgeSettings(await db(), next, new Set(latest.bridges.map((bridge) => bridge.id)));
      setStored(saved);
      setDraft(draftOf(saved));
      setDirty(false);
      setStatus({ kind: 'done', text: pageMessage('optionsBridgeSaved') });
    } catch (error) {
      setStatus({
        kind: 'error',
        text: pageMessage('optionsBridgeSaveFailed', [errorText(error)]),
      });
    }
  };

  const importSettings = async (settings: BridgeSettings) => {
    const saved = await saveBridgeSettings(await db(), settings);
    setStored(saved);
    setDraft(draftOf(saved));
    setDirty(false);
    setStatus(null);
  };

  return (
    <section id="bridge" class="bridge-options" aria-labelledby="bridge-heading">
      <h2 id="bridge-heading">{pageMessage('bridgeHeading')}</h2>
      <p class="hint">{pageMessage('optionsBridgeIntro')}</p>
      <BridgeList
        bridges={draft.bridges}
        activeId={draft.activeId}
        savedIds={new Set(dirty ? [] : stored.bridges.map((bridge) => bridge.id))}
        onChoose={(id) => edit({ activeId: id })}
        onRemove={remove}
        onTest={testBridge}
      />
      <BridgeForm onAdd={add} />
      <form class="bridge-save" onSubmit={(event) => void save(event)} noValidate>
        <ScopeChoice
          kind={draft.scopeKind}
          sitesText={draft.sitesText}
          siteErrors={draft.scopeKind === 'sites' ? siteCheck.errors : []}
          sitesEmpty={sitesEmpty && siteCheck.patterns.length === 0}
          onKind={(scopeKind) => edit({ scopeKind })}
          onSitesText={(sitesText) => edit({ sitesText })}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={draft.fallbackDirect}
            aria-describedby="bridge-fallback-warning"
            onChange={(event) => edit({ fallbackDirect: event.currentTarget.checked })}
          />
          {pageMessage('optionsBridgeFallback')}
        </label>
        <p id="bridge-fallback-warning" class={`hint ${draft.fallbackDirect ? 'warning-text' : ''}`}>
          {pageMessage('optionsBridgeFallbackWarning')}
        </p>
        <div class="save-row">
          <button type="submit" class="primary">
            {pageMessage('optionsBridgeSave')}
          </button>
          <p class={`status ${status?.kind ?? ''}`} role={status?.kind === 'error' ? 'alert' : 'status'}>
            {status?.text}
          </p>
        </div>
      </form>
      <BridgeTransfer stored={stored} db={db} onImport={importSettings} />
    </section>
  );
}
