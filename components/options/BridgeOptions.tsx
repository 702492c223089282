import './bridge-options.css';
import type { IDBPDatabase } from 'idb';
import { useEffect } from 'preact/hooks';
import { type DraftStatus, useBridgeDraft } from '../../hooks/use-bridge-draft';
import { parseSitePatterns } from '../../utils/bridge/config';
import type { Draft } from '../../utils/bridge/draft';
import { openLibrary } from '../../utils/library/db/open';
import type { CoralDB } from '../../utils/library/db/schema';
import type { BridgeTestResult } from '../../utils/shared/bridge-types';
import { sendToBackground } from '../../utils/shared/messages';
import { pageMessage } from '../../utils/shared/page-messages';
import { BridgeForm } from './BridgeForm';
import { BridgeList } from './BridgeList';
import { BridgeTransfer } from './BridgeTransfer';
import { ScopeChoice } from './ScopeChoice';

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

/** Scope, fallback and Save. */
function SaveForm(props: {
  draft: Draft;
  sitesEmpty: boolean;
  status: DraftStatus;
  edit(change: Partial<Draft>): void;
  save(): Promise<unknown>;
}) {
  const { draft, status, edit } = props;
  const siteCheck = parseSitePatterns(draft.sitesText);
  const submit = (event: Event) => {
    event.preventDefault();
    void props.save();
  };
  return (
    <form class="bridge-save" onSubmit={submit} noValidate>
      <ScopeChoice
        kind={draft.scopeKind}
        sitesText={draft.sitesText}
        siteErrors={draft.scopeKind === 'sites' ? siteCheck.problems : []}
        sitesEmpty={props.sitesEmpty && siteCheck.patterns.length === 0}
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
  );
}

/**
 * The options page's bridge section. Edits stay on the page until Save, which writes the passwords to
 * the database and the rest to bridgeSettings (the background reconciles the browser's proxy with it);
 * extension pages only.
 */
export function BridgeOptions({ testBridge = askBackground, db = openOnce }: Props) {
  const bridges = useBridgeDraft(db);
  const { draft, stored } = bridges;

  useEffect(() => {
    if (location.hash === '#bridge') document.getElementById('bridge')?.scrollIntoView();
  }, []);

  return (
    <section id="bridge" class="bridge-options" aria-labelledby="bridge-heading">
      <h2 id="bridge-heading">{pageMessage('bridgeHeading')}</h2>
      <p class="hint">{pageMessage('optionsBridgeIntro')}</p>
      <BridgeList
        bridges={draft.bridges}
        activeId={draft.activeId}
        savedIds={new Set(bridges.dirty ? [] : stored.bridges.map((bridge) => bridge.id))}
        onChoose={(id) => bridges.edit({ activeId: id })}
        onRemove={bridges.remove}
        onTest={testBridge}
      />
      <BridgeForm onAdd={bridges.add} />
      <SaveForm
        draft={draft}
        sitesEmpty={bridges.sitesEmpty}
        status={bridges.status}
        edit={bridges.edit}
        save={bridges.save}
      />
      <BridgeTransfer stored={stored} db={db} onImport={bridges.importSettings} />
    </section>
  );
}
