import { useId } from 'preact/hooks';
import type { BridgeView } from '../../utils/shared/bridge-types';

export interface BridgeSwitchProps {
  /** The background's view; null when it did not answer, undefined before the first answer. */
  view: BridgeView | null | undefined;
  /** "Use a bridge" in the language of the surface (browser's for the popup, page's on CDT). */
  label: string;
  /** What the state means in words, shown beside the switch and read as its description. */
  status: string;
  /** A change was asked for and the background has not answered yet. */
  busy?: boolean;
  onToggle(enabled: boolean): void;
  /**
   * Whether an event came from the user. On CDT pages the switch lives in the page's DOM, where a
   * page script could click it; only the browser's own events may turn the bridge on or off.
   */
  isTrusted?: (event: Event) => boolean;
  lang?: string;
}

const browserTrusted = (event: Event) => event.isTrusted === true;

/** The "Use a bridge" switch, the same in the popup and on CDT pages. */
export function BridgeSwitch({
  view,
  label,
  status,
  busy = false,
  onToggle,
  isTrusted = browserTrusted,
  lang,
}: BridgeSwitchProps) {
  const statusId = useId();
  const checked = view?.enabled === true;
  const waiting = busy || view === undefined;
  const state = view === undefined ? 'loading' : view === null ? 'no-answer' : view.state;

  const click = (event: Event) => {
    if (!isTrusted(event) || waiting) return;
    onToggle(!checked);
  };

  return (
    <div class={`bridge-switch bridge-${state}`} lang={lang}>
      {/* A real button: Enter and Space give trusted clicks, and focus stays put while busy (aria-disabled). */}
      <button
        type="button"
        role="switch"
        class="switch"
        aria-checked={checked ? 'true' : 'false'}
        aria-describedby={statusId}
        aria-busy={waiting ? 'true' : undefined}
        aria-disabled={waiting ? 'true' : undefined}
        onClick={click}
      >
        <span class="track" aria-hidden="true">
          <span class="thumb" />
        </span>
        <span class="switch-label">{label}</span>
      </button>
      <span id={statusId} class="bridge-status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}
