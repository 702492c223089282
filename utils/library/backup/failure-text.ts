import { messagesLocale, pageMessage } from '../../shared/page-messages';
import { BackupError, ImportStopped } from './format';

/** An import that stopped part way: what was kept, in the user's language. */
function stoppedText(error: ImportStopped): string {
  if (error.imported === 0) {
    if (error.failure === 'cancelled') return pageMessage('popupImportCancelled');
    return pageMessage(error.failure === 'quota' ? 'popupImportQuota' : 'popupImportNotStored');
  }
  const counts = [error.imported, error.total].map((n) => n.toLocaleString(messagesLocale()));
  if (error.failure === 'cancelled') return pageMessage('popupImportCancelledPartly', counts);
  return pageMessage(error.failure === 'quota' ? 'popupImportQuotaPartly' : 'popupImportNotStoredPartly', counts);
}

/**
 * What to tell the user when importing `fileName` failed, in their language: the refused file (or the
 * part of it at fault) by name, and never the English detail, which goes to the console.
 */
export function importFailureText(error: unknown, fileName: string): string {
  if (error instanceof ImportStopped) return stoppedText(error);
  if (!(error instanceof BackupError)) return pageMessage('popupImportNotStored');
  if (error.failure === 'cancelled') return pageMessage('popupImportCancelled');
  if (error.failure === 'quota') return pageMessage('popupImportQuota');
  if (error.failure === 'not-stored') return pageMessage('popupImportNotStored');
  return pageMessage('popupImportRefused', [error.file ? `${fileName}: ${error.file}` : fileName]);
}
