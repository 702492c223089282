import { useRef, useState } from 'preact/hooks';
import { importFailureText } from '../../utils/library/backup/failure-text';
import { backupFileName, ImportStopped } from '../../utils/library/backup/format';
import type { ImportProgress, ImportReport } from '../../utils/library/backup/types';
import { countMessage, messagesLocale, pageMessage } from '../../utils/shared/page-messages';

export interface BackupToolsProps {
  /**
   * Whether downloads and file pickers work where this page is. In a popup they do not reliably: Firefox
   * closes the popup when the file picker opens (so the file never arrives) and may drop a download
   * started from it, so there the buttons open this page in a tab and the work happens there.
   */
  canWorkHere: boolean;
  /** Whether a popup can start a download (Chrome's can). */
  canExportHere: boolean;
  exportLibrary: () => Promise<Blob>;
  importLibrary: (
    file: File,
    watch: { signal: AbortSignal; onProgress: (progress: ImportProgress) => void },
  ) => Promise<ImportReport>;
  openInTab: () => void;
  onImported: () => void;
}

function download(blob: Blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = backupFileName();
  document.body.append(link);
  link.click();
  link.remove();
  // The download reads the URL after this returns; a minute is plenty and the page may close sooner.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "Checking the backup… 1,234 of 10,000 articles", then "Importing… 1,234 of 10,000 articles". */
function progressText({ phase, done, total }: ImportProgress): string {
  const counts = [done, total].map((n) => n.toLocaleString(messagesLocale()));
  return pageMessage(phase === 'checking' ? 'popupImportChecking' : 'popupImportProgress', counts);
}

/** Export the whole library to a file, or merge one back in. */
export function BackupTools(props: BackupToolsProps) {
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState<AbortController | null>(null);

  const work = (
    start: string,
    task: () => Promise<string>,
    failed: (error: unknown) => string = () => pageMessage('popupActionFailed'),
  ) => {
    setBusy(true);
    setStatus(start);
    task()
      .then(setStatus, (error: unknown) => {
        console.error('Coral backup:', error);
        setStatus(failed(error));
      })
      .finally(() => setBusy(false));
  };

  const runExport = () => {
    if (!props.canWorkHere && !props.canExportHere) return props.openInTab();
    work(pageMessage('popupExporting'), async () => {
      download(await props.exportLibrary());
      return pageMessage('popupExported');
    });
  };

  const runImport = (file: File) => {
    const controller = new AbortController();
    setImporting(controller);
    work(
      pageMessage('popupImporting'),
      async () => {
        const onProgress = (progress: ImportProgress) => {
          if (!controller.signal.aborted) setStatus(progressText(progress));
        };
        let result: ImportReport;
        try {
          result = await props.importLibrary(file, { signal: controller.signal, onProgress });
        } catch (error) {
          // An import stopped part way keeps what it wrote: the list must show it.
          if (error instanceof ImportStopped && error.imported > 0) props.onImported();
          throw error;
        } finally {
          setImporting(null);
        }
        props.onImported();
        return pageMessage('popupImported', [
          countMessage('importNewArticles', result.articlesAdded),
          result.articlesMerged.toLocaleString(messagesLocale()),
          countMessage('versionCount', result.versionsAdded),
          countMessage('imageCount', result.imagesAdded),
          result.skipped.toLocaleString(messagesLocale()),
        ]);
      },
      (error: unknown) => importFailureText(error, file.name),
    );
  };

  return (
    <div class="backup" id="backup">
      <button type="button" class="link" aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && runExport()}>
        {pageMessage('popupExport')}
      </button>
      <button
        type="button"
        class="link"
        aria-disabled={busy ? 'true' : undefined}
        onClick={() => {
          if (busy) return;
          if (props.canWorkHere) fileInput.current?.click();
          else props.openInTab();
        }}
      >
        {pageMessage('popupImport')}
      </button>
      <input
        ref={fileInput}
        type="file"
        hidden
        aria-label={pageMessage('popupImportFile')}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) runImport(file);
        }}
      />
      <p class="backup-status" aria-live="polite">
        {status}
      </p>
      {importing && (
        <button type="button" class="link" onClick={() => importing.abort()}>
          {pageMessage('popupImportCancel')}
        </button>
      )}
    </div>
  );
}
