import type { IDBPDatabase } from 'idb';
import { useState } from 'preact/hooks';
import { withSavedPasswords } from '../../utils/bridge/secrets';
import {
  type BridgeImportError,
  exportBridgeSettings,
  importBridgeSettings,
  keepStoredPasswords,
} from '../../utils/bridge/settings';
import type { CoralDB } from '../../utils/library/db/schema';
import type { BridgeSettings } from '../../utils/shared/bridge-types';
import { countMessage, type PageMessageKey, pageMessage } from '../../utils/shared/page-messages';

const IMPORT_ERROR_KEYS: Record<BridgeImportError, PageMessageKey> = {
  'too-large': 'optionsBridgeImportTooLarge',
  'not-json': 'optionsBridgeImportNotJson',
  'not-coral': 'optionsBridgeImportNotCoral',
  'newer-version': 'optionsBridgeImportNewer',
  invalid: 'optionsBridgeImportInvalid',
};

interface Props {
  /** The settings as stored (not the unsaved edits): what an export writes and an import replaces. */
  stored: BridgeSettings;
  /** Where the passwords are kept: `stored` holds none. */
  db: () => Promise<IDBPDatabase<CoralDB>>;
  /** Saves imported settings; their passwords, in memory, go to the database. */
  onImport(settings: BridgeSettings): Promise<void>;
  /** Hands the file to the browser; replaceable in tests. */
  download?: (blob: Blob, fileName: string) => void;
}

type Status = { kind: 'error' | 'done'; text: string } | null;

function downloadBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Export and import, and the status line they share. */
function useTransfer({ stored, db, onImport, download = downloadBlob }: Props, withPasswords: boolean) {
  const [status, setStatus] = useState<Status>(null);
  // The browser's own words would be in English whatever the user's language.
  const failed = () => setStatus({ kind: 'error', text: pageMessage('optionsBridgeTransferFailed') });

  const exportNow = async () => {
    try {
      const settings = withPasswords ? await withSavedPasswords(await db(), stored) : stored;
      const json = exportBridgeSettings(settings, { withPasswords });
      download(new Blob([json], { type: 'application/json' }), 'coral-bridges.json');
      setStatus({ kind: 'done', text: pageMessage('optionsBridgeExported') });
    } catch {
      failed();
    }
  };

  const importFile = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setStatus(null);
    try {
      const result = importBridgeSettings(await file.text());
      if (!result.ok) {
        return setStatus({ kind: 'error', text: pageMessage(IMPORT_ERROR_KEYS[result.error], [result.message]) });
      }
      await onImport(keepStoredPasswords(result.settings, await withSavedPasswords(await db(), stored)));
      setStatus({ kind: 'done', text: countMessage('optionsBridgeImported', result.settings.bridges.length) });
    } catch {
      failed();
    } finally {
      // The same file may be chosen again after fixing it.
      input.value = '';
    }
  };
  return { status, exportNow, importFile };
}

/** Export the bridge settings to a file (passwords only on request) and import them back, validated. */
export function BridgeTransfer(props: Props) {
  const [withPasswords, setWithPasswords] = useState(false);
  const { status, exportNow, importFile } = useTransfer(props, withPasswords);

  return (
    <div class="bridge-transfer">
      <h3>{pageMessage('optionsBridgeTransferHeading')}</h3>
      <div class="transfer-row">
        <button type="button" class="secondary" onClick={() => void exportNow()}>
          {pageMessage('optionsBridgeExport')}
        </button>
        <label class="check">
          <input
            type="checkbox"
            checked={withPasswords}
            aria-describedby={withPasswords ? 'bridge-passwords-warning' : undefined}
            onChange={(event) => setWithPasswords(event.currentTarget.checked)}
          />
          {pageMessage('optionsBridgeIncludePasswords')}
        </label>
      </div>
      {withPasswords && (
        <p id="bridge-passwords-warning" class="warning-text">
          {pageMessage('optionsBridgePasswordsWarning')}
        </p>
      )}
      <label class="file">
        {pageMessage('optionsBridgeImport')}
        <input type="file" accept="application/json,.json" onChange={(event) => void importFile(event.currentTarget)} />
      </label>
      <p class={`status ${status?.kind ?? ''}`} role={status?.kind === 'error' ? 'alert' : 'status'}>
        {status?.text}
      </p>
    </div>
  );
}
