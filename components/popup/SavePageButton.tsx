import { useId, useState } from 'preact/hooks';
import { saveFailure } from '../../utils/popup/popup-text';
import type { SaveResult } from '../../utils/shared/article';
import { countMessage, pageMessage } from '../../utils/shared/page-messages';

export interface SavePageButtonProps {
  save: () => Promise<SaveResult>;
  onSaved: (id: string) => void;
  openReader: (id: string) => void;
}

type State =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; id: string; status: string }
  | { kind: 'error'; status: string; retry: boolean };

function savedStatus(result: Extract<SaveResult, { ok: true }>): string {
  const saved = result.newVersion || result.version === 1 ? pageMessage('popupSaved') : pageMessage('popupUnchanged');
  return result.failedImages > 0 ? `${saved} ${countMessage('popupImagesFailed', result.failedImages)}` : saved;
}

function buttonLabel(state: State): string {
  if (state.kind === 'saved') return pageMessage('popupSavedRead');
  if (state.kind === 'error' && state.retry) return pageMessage('popupTryAgain');
  return pageMessage(state.kind === 'saving' ? 'popupSaving' : 'popupSavePage');
}

/**
 * Saves the active tab, with the in-page prompt's states: save → saving → saved · read, or an error in
 * the user's language. "Try again" only where it could work: a page the browser keeps from extensions
 * stays unsaveable however often it is asked.
 */
export function SavePageButton({ save, onSaved, openReader }: SavePageButtonProps) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const statusId = useId();

  const fail = (code: Parameters<typeof saveFailure>[0]) => {
    const failure = saveFailure(code);
    setState({ kind: 'error', status: failure.text, retry: failure.retry });
  };

  const run = () => {
    setState({ kind: 'saving' });
    save()
      .then((result) => {
        if (!result.ok) return fail(result.error);
        setState({ kind: 'saved', id: result.id, status: savedStatus(result) });
        onSaved(result.id);
      })
      // No answer at all (the background was restarting): worth another try.
      .catch(() => fail(undefined));
  };

  const blocked = state.kind === 'saving' || (state.kind === 'error' && !state.retry);
  const status = state.kind === 'saved' || state.kind === 'error' ? state.status : '';

  return (
    <div class={`save-page save-${state.kind}`}>
      {/* One button throughout, aria-disabled rather than disabled, so keyboard focus stays on it. */}
      <button
        type="button"
        class="save"
        aria-disabled={blocked ? 'true' : undefined}
        aria-describedby={status ? statusId : undefined}
        onClick={() => {
          if (state.kind === 'saved') openReader(state.id);
          else if (!blocked) run();
        }}
      >
        {buttonLabel(state)}
      </button>
      <p id={statusId} class="save-status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
