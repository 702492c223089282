import type { Refusal } from '../../utils/capture/click-guard';
import { t, type UiLang } from '../../utils/shared/i18n';

/**
 * Said inside Coral's own box when the guard ignored a click: the page had covered or altered the box,
 * or it had only just appeared or moved. Empty otherwise; one live region so the change is announced.
 */
export function RefusalNote({ lang, refusal }: { lang: UiLang; refusal: Refusal | null }) {
  return (
    <p class="refused" role="status">
      {refusal === 'covered' ? t(lang, 'refusedCovered') : refusal === 'moved' ? t(lang, 'refusedMoved') : ''}
    </p>
  );
}
