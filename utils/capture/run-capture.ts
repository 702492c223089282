import type { SaveResult } from '../shared/article';
import { blockedPageCode } from './blocked-page';

/** The unlisted script built from entrypoints/capture.ts. */
export const CAPTURE_SCRIPT = '/capture.js';

/** `browser.scripting.executeScript` with files, in the isolated world; tests hand in a fake. */
export type InjectFile = (
  target: { tabId: number; frameIds: number[] },
  file: typeof CAPTURE_SCRIPT,
) => Promise<Array<{ result?: unknown }>>;

function isSaveResult(value: unknown): value is SaveResult {
  if (typeof value !== 'object' || value === null) return false;
  const { ok } = value as { ok?: unknown };
  if (ok === true) return typeof (value as { id?: unknown }).id === 'string';
  return ok === false && typeof (value as { error?: unknown }).error === 'string';
}

/**
 * Runs the capture script in one frame of a tab, in the extension's isolated world (the scripting API's
 * default, never the page's), and returns what it saved. The page sees neither the script nor its result.
 * Never throws: the prompt shows whatever comes back.
 */
export async function runCapture(inject: InjectFile, tabId: number, frameId: number): Promise<SaveResult> {
  try {
    const [injection] = await inject({ tabId, frameIds: [frameId] }, CAPTURE_SCRIPT);
    if (isSaveResult(injection?.result)) return injection.result;
    // The script ran but handed nothing back: the page went away while it ran.
    return { ok: false, error: 'no-answer' };
  } catch (error) {
    return { ok: false, error: blockedPageCode(error) };
  }
}
