import { useState } from 'preact/hooks';
import type { SaveResult } from '../../utils/shared/article';
import { errorText } from '../../utils/shared/error-text';
import { pageMessage } from '../../utils/shared/page-messages';

export interface SavePageButtonProps {
  save: () => Promise<SaveResult>;
  onSaved: (id: string) => void;
  openReader: (id: string) => void;
}

type State =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; id: string; status: string }
  | { kind: 'error'; status: string };

function savedStatus(result: Extract<SaveResult, { ok: true }>): string {
  return result.newVersion || result.version === 1 ? pageMessage('popupSaved') : pageMessage('popupUnchanged');
}

/** Saves the active tab, with the in-page prompt's states: save → saving → saved · read, or error → try again. */
export function SavePageButton({ save, onSaved, openReader }: SavePageButtonProps) {
  const [state, setState] = useState<State>({ kind: 'idle' });

  const run = () => {
    setState({ kind: 'saving' });
    save()
      .then((result) => {
        if (!result.ok) {
          setState({ kind: 'error', status: pageMessage('popupSaveFailed', [result.message]) });
          return;
        }
        setState({ kind: 'saved', id: result.id, status: savedStatus(result) });
        onSaved(result.id);
      })
      .catch((error: unknown) =>
        setState({
          kind: 'error',
          status: pageMessage('popupSaveFailed', [errorText(error)]),
        }),
      );
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
      {/* One button throughout, aria-disabled rather than disabled, so keyboard focus stays on it. */}
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
      <p class="save-status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
