import type { Ref } from 'preact';
import { pageMessage } from '../../utils/shared/page-messages';

export interface SearchBoxProps {
  value: string;
  onInput: (value: string) => void;
  /** ArrowDown from the field moves into the list. */
  onArrowDown: () => void;
  inputRef: Ref<HTMLInputElement>;
}

export function SearchBox({ value, onInput, onArrowDown, inputRef }: SearchBoxProps) {
  const label = pageMessage('popupSearch');
  return (
    <input
      ref={inputRef}
      class="search"
      type="search"
      aria-label={label}
      placeholder={label}
      value={value}
      autocomplete="off"
      spellcheck={false}
      onInput={(event) => onInput(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'ArrowDown') {
          event.preventDefault();
          onArrowDown();
        } else if (event.key === 'Escape' && value) {
          // Escape would otherwise close the popup; with text in the field it clears the search first.
          event.preventDefault();
          onInput('');
        }
      }}
    />
  );
}
