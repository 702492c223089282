import { pageMessage } from '../../utils/shared/page-messages';

export interface UndoToastProps {
  message: string;
  onUndo: () => void;
}

/** Says what was deleted and offers to bring it back; the parent removes it when time is up. */
export function UndoToast({ message, onUndo }: UndoToastProps) {
  return (
    <div class="toast">
      <span>{message}</span>
      <button type="button" onClick={onUndo}>
        {pageMessage('popupUndo')}
      </button>
    </div>
  );
}
