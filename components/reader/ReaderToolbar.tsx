import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExportKind } from '../../utils/reader/export-article';
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
import { READ_THRESHOLD } from '../../utils/reader/progress';
import { errorText } from '../../utils/shared/error-text';
import { type PageMessageKey, pageMessage } from '../../utils/shared/page-messages';
import type { ReaderPrefs } from '../../utils/shared/settings';

interface Props {
  prefs: ReaderPrefs;
  onPrefsChange(prefs: ReaderPrefs): void;
  /** 0..1 through the article. */
  progress: number;
  read: boolean;
  onExport(kind: ExportKind): Promise<void>;
  /** The original's address when it is a web page, and the sentence saying when the copy was made. */
  original?: { url: string; label: string };
}

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

/**
 * The reader's bar: a panel for text and theme, reading progress, export and the original link. Sticky
 * at the top, in the flow, so it never sits over the first lines of the article.
 */
export function ReaderToolbar({ prefs, onPrefsChange, progress, read, onExport, original }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [error, setError] = useState('');
  const [tucked, setTucked] = useState(false);
  const bar = useRef<HTMLElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!bar.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  // Out of the way while reading down, back as soon as the reader scrolls up; the progress line stays.
  useEffect(() => {
    let last = window.scrollY;
    const onScroll = () => {
      const y = window.scrollY;
      if (Math.abs(y - last) < 12) return;
      setTucked(y > last && y > 120);
      last = y;
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);

  const change = (patch: Partial<ReaderPrefs>) => onPrefsChange({ ...prefs, ...patch });
  const runExport = async (kind: ExportKind) => {
    setBusy(kind);
    setError('');
    try {
      await onExport(kind);
    } catch (cause) {
      console.error('Coral export:', cause);
      setError(pageMessage('readerExportFailed', [errorText(cause)]));
    } finally {
      setBusy(null);
    }
  };
  const finished = read || progress >= READ_THRESHOLD;
  const percent = Math.round(Math.min(1, Math.max(0, progress)) * 100);

  return (
    <section
      class={`coral-toolbar${tucked && !open ? ' coral-toolbar-tucked' : ''}`}
      aria-label={pageMessage('readerToolbar')}
      ref={bar}
    >
      <div class="coral-toolbar-row">
        <button
          type="button"
          class="coral-tool coral-display-toggle"
          aria-expanded={open}
          aria-controls="coral-display-panel"
          title={pageMessage('readerDisplay')}
          ref={toggle}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">Aa</span>
          <span class="coral-tool-text">{pageMessage('readerDisplay')}</span>
        </button>
        <span class="coral-progress-text">
          {finished ? pageMessage('readerFinished') : pageMessage('readerProgress', [String(percent)])}
        </span>
        <span class="coral-toolbar-spacer" />
        <button
          type="button"
          class="coral-tool"
          disabled={busy !== null}
          aria-busy={busy === 'html'}
          onClick={() => runExport('html')}
        >
          {pageMessage('readerSaveHtml')}
        </button>
        <button
          type="button"
          class="coral-tool"
          disabled={busy !== null}
          aria-busy={busy === 'markdown'}
          onClick={() => runExport('markdown')}
        >
          {pageMessage('readerSaveMarkdown')}
        </button>
        {original && (
          <a
            class="coral-tool"
            href={original.url}
            target="_blank"
            rel="noopener noreferrer"
            title={original.label}
            aria-label={original.label}
          >
            {pageMessage('readerOriginalShort')} <span aria-hidden="true">↗</span>
          </a>
        )}
      </div>
      {error && (
        <p class="coral-toolbar-error" role="alert">
          {error}
        </p>
      )}
      <div id="coral-display-panel" class="coral-panel" hidden={!open}>
        <fieldset class="coral-choice">
          <legend>{pageMessage('readerTextSize')}</legend>
          <div class="coral-stepper">
            <button
              type="button"
              class="coral-tool"
              aria-label={pageMessage('readerTextSmaller')}
              disabled={prefs.fontSize <= MIN_FONT_SIZE}
              onClick={() => change({ fontSize: stepFontSize(prefs.fontSize, -1) })}
            >
              A−
            </button>
            <output aria-live="polite">{pageMessage('readerTextSizeValue', [String(prefs.fontSize)])}</output>
            <button
              type="button"
              class="coral-tool coral-larger"
              aria-label={pageMessage('readerTextLarger')}
              disabled={prefs.fontSize >= MAX_FONT_SIZE}
              onClick={() => change({ fontSize: stepFontSize(prefs.fontSize, 1) })}
            >
              A+
            </button>
          </div>
        </fieldset>
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
      <div class="coral-progress" aria-hidden="true" style={{ '--progress': String(progress) }} />
    </section>
  );
}
