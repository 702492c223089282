// Answers the popup gets from a tab or the background, turned into the popup's own words. A tab's
// answer comes from a CDT page's renderer, which a compromised page controls: only codes this file knows
// are read from it, never its text. Failures are shown by code too, never as the browser's error text.
import { canRetrySave, type SaveErrorCode } from '../shared/article';
import type { VolunteerState } from '../shared/bridge-types';
import { pageMessage, saveErrorMessage } from '../shared/page-messages';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Rebuilds Lantern's widget state from the tab's answer out of known codes only; anything else (an
 * unknown kind, a `why` that is a sentence) is treated as no widget, so no page text reaches the popup.
 */
export function volunteerFrom(answer: unknown): VolunteerState | null {
  if (!isRecord(answer)) return null;
  switch (answer.kind) {
    case 'absent':
      return { kind: 'absent' };
    case 'on':
      return { kind: 'on' };
    case 'off':
      return { kind: 'off' };
    case 'unavailable':
      return answer.why === 'refused' || answer.why === 'disabled' ? { kind: 'unavailable', why: answer.why } : null;
    default:
      return null;
  }
}

/**
 * Why the popup could not flip Lantern's switch, for the switch's "Could not reach the Lantern widget on
 * this page: …": whatever the browser said, the tab did not answer.
 */
export function volunteerFailureText(): string {
  return pageMessage('volunteerFailed');
}

export interface SaveFailure {
  text: string;
  /** Only a failure that trying again could mend offers "Try again"; a page that cannot be saved does not. */
  retry: boolean;
}

/** A failed save by its code. `undefined` is a save that got no answer (the background was restarting). */
export function saveFailure(code: SaveErrorCode | undefined): SaveFailure {
  const known = code ?? 'failed';
  return { text: saveErrorMessage(known), retry: canRetrySave(known) };
}
