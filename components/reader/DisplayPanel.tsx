import {
  FONTS,
  LINE_WIDTHS,
  type LineWidthName,
  lineWidthName,
  MAX_FONT_SIZE,
  MIN_FONT_SIZE,
  stepFontSize,
  THEMES,
} from '../../utils/reader/prefs';
import { type PageMessageKey, pageMessage } from '../../utils/shared/page-messages';
import type { ReaderPrefs } from '../../utils/shared/settings';

const widthKeys: Record<LineWidthName, PageMessageKey> = {
  narrow: 'readerWidthNarrow',
  medium: 'readerWidthMedium',
  wide: 'readerWidthWide',
};
const fontKeys: Record<ReaderPrefs['font'], PageMessageKey> = { serif: 'readerFontSerif', sans: 'readerFontSans' };
const themeKeys: Record<ReaderPrefs['theme'], PageMessageKey> = {
  system: 'readerThemeSystem',
  light: 'readerThemeLight',
  sepia: 'readerThemeSepia',
  dark: 'readerThemeDark',
};

/** A row of radio buttons drawn as a segmented control: arrow keys move within it, as radios do. */
function Choice<T extends string>(props: {
  name: string;
  legend: PageMessageKey;
  options: readonly T[];
  keys: Record<T, PageMessageKey>;
  value: T;
  onChange(value: T): void;
}) {
  return (
    <fieldset class="coral-choice">
      <legend>{pageMessage(props.legend)}</legend>
      <div class="coral-segments">
        {props.options.map((option) => (
          <label key={option} class="coral-segment">
            <input
              type="radio"
              name={props.name}
              value={option}
              checked={option === props.value}
              onChange={() => props.onChange(option)}
            />
            <span>{pageMessage(props.keys[option])}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function TextSize({ size, onSize }: { size: number; onSize(size: number): void }) {
  return (
    <fieldset class="coral-choice">
      <legend>{pageMessage('readerTextSize')}</legend>
      <div class="coral-stepper">
        <button
          type="button"
          class="coral-tool"
          aria-label={pageMessage('readerTextSmaller')}
          disabled={size <= MIN_FONT_SIZE}
          onClick={() => onSize(stepFontSize(size, -1))}
        >
          A−
        </button>
        <output aria-live="polite">{pageMessage('readerTextSizeValue', [String(size)])}</output>
        <button
          type="button"
          class="coral-tool coral-larger"
          aria-label={pageMessage('readerTextLarger')}
          disabled={size >= MAX_FONT_SIZE}
          onClick={() => onSize(stepFontSize(size, 1))}
        >
          A+
        </button>
      </div>
    </fieldset>
  );
}

/** Text size, line width, font and theme. */
export function DisplayPanel({
  prefs,
  open,
  onChange,
}: {
  prefs: ReaderPrefs;
  open: boolean;
  onChange(prefs: ReaderPrefs): void;
}) {
  const change = (patch: Partial<ReaderPrefs>) => onChange({ ...prefs, ...patch });
  return (
    <div id="coral-display-panel" class="coral-panel" hidden={!open}>
      <TextSize size={prefs.fontSize} onSize={(fontSize) => change({ fontSize })} />
      <Choice
        name="coral-width"
        legend="readerLineWidth"
        options={Object.keys(LINE_WIDTHS) as LineWidthName[]}
        keys={widthKeys}
        value={lineWidthName(prefs.lineWidth)}
        onChange={(name) => change({ lineWidth: LINE_WIDTHS[name] })}
      />
      <Choice
        name="coral-font"
        legend="readerFont"
        options={FONTS}
        keys={fontKeys}
        value={prefs.font}
        onChange={(font) => change({ font })}
      />
      <Choice
        name="coral-theme"
        legend="readerTheme"
        options={THEMES}
        keys={themeKeys}
        value={prefs.theme}
        onChange={(theme) => change({ theme })}
      />
    </div>
  );
}
