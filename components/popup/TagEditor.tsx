import { useState } from 'preact/hooks';
import { parseTags } from '../../utils/popup/list-model';
import { pageMessage } from '../../utils/shared/page-messages';

export interface TagEditorProps {
  /** Tags any of the selected articles carry. */
  tags: string[];
  onAdd: (tags: string[]) => void;
  onRemove: (tag: string) => void;
}

/** Adds tags to, and removes them from, every selected article. */
export function TagEditor({ tags, onAdd, onRemove }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  const submit = (event: Event) => {
    event.preventDefault();
    const added = parseTags(draft);
    if (added.length === 0) return;
    onAdd(added);
    setDraft('');
  };
  const label = pageMessage('popupAddTags');

  return (
    <div class="tag-editor">
      {tags.length > 0 && (
        <ul class="tag-list" aria-label={pageMessage('popupTags')}>
          {tags.map((tag) => (
            <li key={tag} class="tag">
              {tag}
              <button
                type="button"
                class="tag-remove"
                aria-label={pageMessage('popupRemoveTag', [tag])}
                title={pageMessage('popupRemoveTag', [tag])}
                onClick={() => onRemove(tag)}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="tag-add" onSubmit={submit}>
        <input
          type="text"
          aria-label={label}
          placeholder={pageMessage('popupTagsHint')}
          value={draft}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit">{label}</button>
      </form>
    </div>
  );
}
