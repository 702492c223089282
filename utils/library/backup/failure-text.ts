import { pageMessage } from '../../shared/page-messages';
import { BackupError } from './format';

/**
 * What to tell the user when importing `fileName` failed, in their language: the refused file (or the
 * part of it at fault) by name, and never the English detail, which goes to the console.
 */
export function importFailureText(error: unknown, fileName: string): string {
  if (!(error instanceof BackupError)) return pageMessage('popupImportNotStored');
  if (error.failure === 'quota') return pageMessage('popupImportQuota');
  if (error.failure === 'not-stored') return pageMessage('popupImportNotStored');
  return pageMessage('popupImportRefused', [error.file ? `${fileName}: ${error.file}` : fileName]);
}
