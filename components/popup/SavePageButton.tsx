import { useState } from 'preact/hooks';
import { canRetrySave, type SaveResult } from '../../utils/shared/article';
import { countMessage, pageMessage, saveErrorMessage } from '../../utils/shared/page-messages';

export interface SavePageButtonProps {
  save: () => Promise<SaveResult>;
  onSaved: (id: string) => void;
  openReader: (id: string) => void;
}

type State =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; id: string; status: string }
  /** `retry`: whether another try could work (a browser page or a PDF never will). */
  | { kind: 'error'; status: string; retry: boolean };

function savedStatus(result: Extract<SaveResult, { ok: true }>): string {
  const saved = result.newVersion || result.version === 1 ? pageMessage('popupSaved') : pageMessage('popupUnchanged');
  return result.failedImages > 0 ? `${saved} ${countMessage('popupImagesFailed', result.failedImages)}` : saved;
}

/** Saves the active tab, with the in-page prompt's states: save → saving → saved · read, or error → try again. */
export function SavePageButton({ save, onSaved, openReader }: SavePageButtonProps) {
  const [state, setState] = useState<State>({ kind: 'idle' });

  const run = () => {
    setState({ kind: 'saving' });
    save()
      .then((result) => {
        if (!result.ok) {
          setState({ kind: 'error', status: saveErrorMessage(result.error), retry: canRetrySave(result.error) });
          return;
        }
        setState({ kind: 'saved', id: result.id, status: savedStatus(result) });
        onSaved(result.id);
      })
      // The background did not answer at all.
      .catch(() => setState({ kind: 'error', status: saveErrorMessage('failed'), retry: true }));
  };

  const busy = state.kind === 'saving';
  const label =
    state.kind === 'saved'
      ? pageMessage('popupSavedRead')
      : state.kind === 'error'
        ? pageMessage('popupTryAgain')
        : pageMessage(busy ? 'popupSaving' : 'popupSavePage');
  const status = state.kind === 'saved' || state.kind === 'error' ? state.status : '';

  return (
    <div class={`save-page save-${state.kind}`}>
      {/* One button throughout, aria-disabled rather than disabled, so keyboard focus stays on it; none
          after a failure no retry can fix. */}
      {!(state.kind === 'error' && !state.retry) && (
        <button
          type="button"
          class="save"
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => {
            if (state.kind === 'saved') openReader(state.id);
            else if (!busy) run();
          }}
        >
          {label}
        </button>
      )}
      <p class="save-status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
