// Turns whatever a failed save threw into a SaveResult a person can act on: a code, which each surface
// says in the user's language. The browser's own message is English and technical, so it is not kept.
import type { SaveErrorCode } from '../shared/article';

export type SaveFailure = { ok: false; error: SaveErrorCode };

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : undefined;
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
  return { ok: false, error: isQuotaError(error, transactionError) ? 'quota' : 'failed' };
}

export const tooLarge = (): SaveFailure => ({ ok: false, error: 'too-large' });
