import './bridge-options.css';
import type { IDBPDatabase } from 'idb';
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type DraftStatus, type SaveRefusal, useBridgeDraft } from '../../hooks/use-bridge-draft';
import { parseSitePatterns } from '../../utils/bridge/config';
import { BRIDGE_PRESETS, type BridgePreset } from '../../utils/bridge/presets';
import { openLibrary } from '../../utils/library/db/open';
import type { CoralDB } from '../../utils/library/db/schema';
import type { BridgeTestResult } from '../../utils/shared/bridge-types';
import { sendToBackground } from '../../utils/shared/messages';
import { type PageMessageKey, pageMessage } from '../../utils/shared/page-messages';
import { AddressPart, useAddressForm } from './BridgeForm';
import { BridgePresets } from './BridgeFormParts';
import { BridgeList } from './BridgeList';
import { BridgeTransfer } from './BridgeTransfer';
import { ScopeChoice } from './ScopeChoice';

interface Props {
  /** Asks the background to fetch a page through a saved bridge. */
  testBridge?: (bridgeId: string) => Promise<BridgeTestResult>;
  /** The library database, which keeps the bridges' passwords out of content scripts' reach. */
  db?: () => Promise<IDBPDatabase<CoralDB>>;
  /** Asks the user for host permissions while their click is being handled. */
  requestOrigins?: (origins: string[]) => Promise<boolean>;
  /** Firefox proxies only the hosts Coral may see, so wider scopes need permissions there. */
  firefox?: boolean;
}

const askBackground = (bridgeId: string) => sendToBackground('testBridge', { bridgeId });
const askPermission = (origins: string[]) => browser.permissions.request({ origins });

let library: Promise<IDBPDatabase<CoralDB>> | undefined;
const openOnce = () => {
  library ??= openLibrary();
  return library;
};

export const REFUSAL_KEYS: Record<SaveRefusal, PageMessageKey> = {
  address: 'optionsBridgeNotSavedAddress',
  sites: 'optionsBridgeNotSavedSites',
  'no-bridge': 'optionsBridgeNotSavedNoBridge',
  permission: 'optionsBridgeNotSavedPermission',
  'write-failed': 'optionsBridgeNotSavedStorage',
  'not-kept': 'optionsBridgeNotKept',
};

function statusText(status: DraftStatus): string {
  if (!status) return '';
  if (status.kind === 'refused') return pageMessage(REFUSAL_KEYS[status.problem]);
  if (status.kind === 'saving') return pageMessage('optionsBridgeSaving');
  return pageMessage(status.kind === 'saved' ? 'optionsBridgeSaved' : 'optionsBridgeUnsaved');
}

const TONES: Record<NonNullable<DraftStatus>['kind'], string> = {
  pending: 'pending',
  saving: 'pending',
  saved: 'done',
  refused: 'error',
};

function SaveRow({ status }: { status: DraftStatus }) {
  return (
    <div class="save-row">
      <button type="submit" class="primary" disabled={status?.kind === 'saving'}>
        {pageMessage('optionsBridgeSave')}
      </button>
      <p
        id="bridge-save-status"
        class={`status ${status ? TONES[status.kind] : ''}`}
        role={status?.kind === 'refused' ? 'alert' : 'status'}
      >
        {statusText(status)}
      </p>
    </div>
  );
}

type Bridges = ReturnType<typeof useBridgeDraft>;
type AddressRef = RefObject<HTMLInputElement | null>;

/**
 * `options.html#bridge`, as the popup and the background open it when no bridge is set up: the form in
 * view and its address focused, once the list above it has its final height.
 */
function useBridgeHash(loaded: boolean, address: AddressRef) {
  useEffect(() => {
    if (!loaded) return;
    const show = () => {
      if (location.hash !== '#bridge') return;
      address.current?.focus({ preventScroll: true });
      document.getElementById('bridge-form')?.scrollIntoView({ block: 'start' });
    };
    show();
    window.addEventListener('hashchange', show);
    return () => window.removeEventListener('hashchange', show);
  }, [loaded, address]);
}

/** The one form: the bridge typed or picked, the scope and the fallback, kept together by one Save. */
function BridgeSetupForm({ bridges, addressRef }: { bridges: Bridges; addressRef: AddressRef }) {
  const address = useAddressForm(bridges.touched);
  const { draft, edit } = bridges;
  const siteCheck = parseSitePatterns(draft.sitesText);
  const submit = (event: Event) => {
    event.preventDefault();
    // No await before save(): it asks for permissions, which browsers grant only during the click.
    void bridges.save(address.typed()).then(address.saved);
  };
  const usePreset = (choice: BridgePreset) => {
    address.fillFrom(choice);
    addressRef.current?.focus();
  };
  return (
    <form id="bridge-form" class="bridge-form" onSubmit={submit} noValidate>
      <AddressPart form={address} inputRef={addressRef} />
      <BridgePresets presets={BRIDGE_PRESETS} onPick={usePreset} />
      <ScopeChoice
        kind={draft.scopeKind}
        sitesText={draft.sitesText}
        siteErrors={draft.scopeKind === 'sites' ? siteCheck.problems : []}
        sitesEmpty={bridges.sitesEmpty && siteCheck.patterns.length === 0}
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
      <SaveRow status={bridges.status} />
    </form>
  );
}

/**
 * The options page's bridge section. Save writes the typed bridge's password to the database and the
 * rest to bridgeSettings (the background reconciles the browser's proxy with it); extension pages only.
 */
export function BridgeOptions({
  testBridge = askBackground,
  db = openOnce,
  requestOrigins = askPermission,
  firefox = import.meta.env.BROWSER === 'firefox',
}: Props) {
  const bridges = useBridgeDraft({ db, requestOrigins, firefox });
  const addressRef = useRef<HTMLInputElement>(null);
  useBridgeHash(bridges.loaded, addressRef);
  const { stored } = bridges;

  return (
    <section id="bridge" class="bridge-options" aria-labelledby="bridge-heading">
      <h2 id="bridge-heading">{pageMessage('bridgeHeading')}</h2>
      <p class="hint">{pageMessage('optionsBridgeIntro')}</p>
      <BridgeList
        bridges={stored.bridges}
        activeId={stored.activeId}
        problem={bridges.listProblem ? pageMessage(REFUSAL_KEYS[bridges.listProblem]) : ''}
        onChoose={bridges.choose}
        onRemove={bridges.remove}
        onTest={testBridge}
      />
      <BridgeSetupForm bridges={bridges} addressRef={addressRef} />
      <BridgeTransfer stored={stored} db={db} onImport={bridges.importSettings} />
    </section>
  );
}
