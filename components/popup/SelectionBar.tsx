import { pageMessage } from '../../utils/shared/page-messages';
import { TagEditor } from './TagEditor';

export interface SelectionBarProps {
  count: number;
  /** Tags any selected article carries. */
  tags: string[];
  allSelected: boolean;
  onSelectAll: () => void;
  onClear: () => void;
  onMarkRead: (read: boolean) => void;
  onAddTags: (tags: string[]) => void;
  onRemoveTag: (tag: string) => void;
  onDelete: () => void;
}

/** Actions on every selected article; shown only while something is selected. */
export function SelectionBar(props: SelectionBarProps) {
  return (
    <section class="selection" aria-label={pageMessage('popupSelectedCount', [String(props.count)])}>
      <div class="selection-head">
        <strong>{pageMessage('popupSelectedCount', [String(props.count)])}</strong>
        {!props.allSelected && (
          <button type="button" class="link" onClick={props.onSelectAll}>
            {pageMessage('popupSelectAll')}
          </button>
        )}
        <button type="button" class="link" onClick={props.onClear}>
          {pageMessage('popupClearSelection')}
        </button>
      </div>
      <div class="selection-actions">
        <button type="button" onClick={() => props.onMarkRead(true)}>
          {pageMessage('popupMarkRead')}
        </button>
        <button type="button" onClick={() => props.onMarkRead(false)}>
          {pageMessage('popupMarkUnread')}
        </button>
        <button type="button" class="danger" onClick={props.onDelete}>
          {pageMessage('popupDelete')}
        </button>
      </div>
      <TagEditor tags={props.tags} onAdd={props.onAddTags} onRemove={props.onRemoveTag} />
    </section>
  );
}
