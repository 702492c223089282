// Turns whatever a failed save threw into a SaveResult a person can act on.
import type { SaveErrorCode } from '../shared/article';

export type SaveFailure = { ok: false; error: SaveErrorCode; message: string };

const QUOTA_MESSAGE = 'Not enough storage space to save this article. Free some space and try again.';

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : undefined;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}

/**
 * Storage-full shows up as a QuotaExceededError on a request, or (when it is only found at commit) as an
 * AbortError whose transaction carries the QuotaExceededError. Firefox reports a full disk this way too.
 */
export function isQuotaError(error: unknown, transactionError?: unknown): boolean {
  if (errorName(error) === 'QuotaExceededError') return true;
  return errorName(error) === 'AbortError' && errorName(transactionError) === 'QuotaExceededError';
}

export function saveFailure(error: unknown, transactionError?: unknown): SaveFailure {
  if (isQuotaError(error, transactionError)) return { ok: false, error: 'quota', message: QUOTA_MESSAGE };
  const cause = errorMessage(transactionError ?? error);
  return {
    ok: false,
    error: 'failed',
    message: `Could not save this article: ${cause || 'unknown error'}. Nothing was changed; try again.`,
  };
}

export function tooLarge(message: string): SaveFailure {
  return { ok: false, error: 'too-large', message };
}
