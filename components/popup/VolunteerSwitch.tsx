import { useId } from 'preact/hooks';
import type { VolunteerState } from '../../utils/shared/bridge-types';
import { pageMessage } from '../../utils/shared/page-messages';

export interface VolunteerSwitchProps {
  /** The widget's state on the active CDT tab; 'absent' is not shown (the caller hides the switch). */
  state: Exclude<VolunteerState, { kind: 'absent' }>;
  /** A flip was asked for and the page has not answered yet. */
  busy?: boolean;
  /** The last flip failed (the tab did not answer): what to say, shown instead of the state. */
  error?: string;
  onToggle(on: boolean): void;
}

function statusText(state: VolunteerSwitchProps['state']): string {
  switch (state.kind) {
    case 'on':
      return pageMessage('volunteerOn');
    case 'off':
      return pageMessage('volunteerOff');
    case 'unavailable':
      return state.why === 'refused' ? pageMessage('volunteerRefused') : pageMessage('volunteerUnavailableNoReason');
  }
}

/**
 * "Be a bridge": Lantern's widget on the CDT page, mirrored. A separate switch from "Use a bridge" on
 * purpose: one helps others get out, the other gets the user out, and they must not be confused.
 */
export function VolunteerSwitch({ state, busy = false, error, onToggle }: VolunteerSwitchProps) {
  const statusId = useId();
  const noteId = useId();
  const unavailable = state.kind === 'unavailable';
  const checked = state.kind === 'on';
  const blocked = unavailable || busy;

  return (
    <div class={`bridge-switch volunteer-switch volunteer-${state.kind}`}>
      {/* aria-disabled, not disabled: the switch stays focusable, so its reason can still be read. */}
      <button
        type="button"
        role="switch"
        class="switch"
        aria-checked={checked ? 'true' : 'false'}
        aria-disabled={blocked ? 'true' : undefined}
        aria-busy={busy ? 'true' : undefined}
        aria-describedby={`${statusId} ${noteId}`}
        onClick={() => {
          if (!blocked) onToggle(!checked);
        }}
      >
        <span class="track" aria-hidden="true">
          <span class="thumb" />
        </span>
        <span class="switch-label">{pageMessage('volunteerLabel')}</span>
      </button>
      <span id={statusId} class={`bridge-status${error ? ' failed' : ''}`} aria-live="polite">
        {error || statusText(state)}
      </span>
      <p id={noteId} class="note">
        {pageMessage('volunteerExplain')}
      </p>
    </div>
  );
}
