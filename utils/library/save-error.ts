// Turns whatever a failed save threw into a SaveResult a person can act on: a code, which each surface
// says in the user's language. The browser's own message is English and technical, so it is not kept.
import type { SaveErrorCode } from '../shared/article';

export type SaveFailure = { ok: false; error: SaveErrorCode };

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : undefined;
}

function errorMessage(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : '';
}

/**
 * Chrome keeps a record's Blobs in files beside its database; when the disk fills while it writes them,
 * the error is an UnknownError "Failed to write blobs (IOError)", not a QuotaExceededError. The message
 * is read only to recognise it, never shown.
 */
const isBlobWriteFailure = (error: unknown): boolean =>
  errorName(error) === 'UnknownError' && /failed to write blobs/i.test(errorMessage(error));

const isFull = (error: unknown): boolean => errorName(error) === 'QuotaExceededError' || isBlobWriteFailure(error);

/**
 * Storage-full shows up as a QuotaExceededError on a request, or (when it is only found at commit) as an
 * AbortError whose transaction carries the QuotaExceededError. Firefox reports a full disk this way too.
 */
export function isQuotaError(error: unknown, transactionError?: unknown): boolean {
  if (isFull(error)) return true;
  return errorName(error) === 'AbortError' && isFull(transactionError);
}

export function saveFailure(error: unknown, transactionError?: unknown): SaveFailure {
  return { ok: false, error: isQuotaError(error, transactionError) ? 'quota' : 'failed' };
}

export const tooLarge = (): SaveFailure => ({ ok: false, error: 'too-large' });
