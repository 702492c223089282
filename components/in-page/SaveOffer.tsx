import type { Refusal } from '../../utils/capture/click-guard';
import { canRetrySave, type SaveErrorCode } from '../../utils/shared/article';
import { formatDate } from '../../utils/shared/format';
import { saveErrorText, t, tCount, type UiLang } from '../../utils/shared/i18n';
import { RefusalNote } from './RefusalNote';

export type OfferState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  /** `failedImages`: images this save could not keep (the deadline ran out, the host refused…). */
  | { kind: 'saved'; savedAt: number; failedImages?: number }
  | { kind: 'error'; code: SaveErrorCode };

export interface SaveOfferProps {
  lang: UiLang;
  state: OfferState;
  onSave: () => void;
  onRead: () => void;
  onDismiss: () => void;
  /**
   * Whether an event came from the user. The buttons live in the page's DOM, so a page script can click
   * them; only the browser's own events may save or open anything.
   */
  isTrusted?: (event: Event) => boolean;
  /** Why the last click was ignored (the page covered, altered or just moved the bar), or null. */
  refusal?: Refusal | null;
}

const browserTrusted = (event: Event) => event.isTrusted === true;

function statusText(lang: UiLang, state: OfferState): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'saving':
      return t(lang, 'saving');
    case 'saved': {
      const saved = t(lang, 'savedOn', { date: formatDate(state.savedAt, lang) });
      const failed = state.failedImages ?? 0;
      return failed > 0 ? `${saved} ${tCount(lang, 'imagesNotKept', failed)}` : saved;
    }
    case 'error':
      return saveErrorText(lang, state.code);
  }
}

/** The small bar under an article's title that saves it and then opens the saved copy. */
export function SaveOffer({
  lang,
  state,
  onSave,
  onRead,
  onDismiss,
  isTrusted = browserTrusted,
  refusal = null,
}: SaveOfferProps) {
  const trusted = (action: () => void) => (event: Event) => {
    if (isTrusted(event)) action();
  };
  const busy = state.kind === 'saving';
  const action =
    state.kind === 'saved'
      ? { label: t(lang, 'readOffline'), run: onRead }
      : { label: t(lang, state.kind === 'error' ? 'retry' : busy ? 'saving' : 'save'), run: onSave };
  const status = statusText(lang, state);
  // A failure another try cannot fix offers no "Try again".
  const permanent = state.kind === 'error' && !canRetrySave(state.code);

  return (
    <div class={`coral-box offer offer-${state.kind}`} lang={lang}>
      <span class="brand">{t(lang, 'brand')}</span>
      {/* One live region for the whole life of the bar, so every change of state is announced. */}
      <span class="status" aria-live="polite">
        {status}
      </span>
      {/* The same button throughout (aria-disabled, not disabled) keeps keyboard focus while saving. */}
      {!permanent && (
        <button
          type="button"
          class="action"
          aria-disabled={busy ? 'true' : undefined}
          onClick={trusted(() => {
            if (!busy) action.run();
          })}
        >
          {action.label}
        </button>
      )}
      <button
        type="button"
        class="dismiss"
        aria-label={t(lang, 'dismiss')}
        title={t(lang, 'dismiss')}
        onClick={trusted(onDismiss)}
      >
        <span aria-hidden="true">×</span>
      </button>
      <RefusalNote lang={lang} refusal={refusal} />
    </div>
  );
}
