import { useRef } from 'preact/hooks';
import { useExport, usePanel, useTuckOnScroll } from '../../hooks/use-reader-toolbar';
import { type ExportKind, progressLabel } from '../../utils/reader/toolbar';
import { pageMessage } from '../../utils/shared/page-messages';
import type { ReaderPrefs } from '../../utils/shared/settings';
import { DisplayPanel } from './DisplayPanel';

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

function ProgressText({ progress, read }: { progress: number; read: boolean }) {
  const label = progressLabel(progress, read);
  const text =
    label.kind === 'finished' ? pageMessage('readerFinished') : pageMessage('readerProgress', [String(label.percent)]);
  return <span class="coral-progress-text">{text}</span>;
}

function ExportButton({ kind, busy, run }: { kind: ExportKind; busy: ExportKind | null; run(kind: ExportKind): void }) {
  return (
    <button
      type="button"
      class="coral-tool"
      disabled={busy !== null}
      aria-busy={busy === kind}
      onClick={() => run(kind)}
    >
      {pageMessage(kind === 'html' ? 'readerSaveHtml' : 'readerSaveMarkdown')}
    </button>
  );
}

function OriginalLink({ original, onOpen }: { original: Props['original']; onOpen(): void }) {
  if (!original) return null;
  return (
    <a
      onClick={onOpen}
      class="coral-tool"
      href={original.url}
      target="_blank"
      rel="noopener noreferrer"
      title={original.label}
      aria-label={original.label}
    >
      {pageMessage('readerOriginalShort')} <span aria-hidden="true">↗</span>
    </a>
  );
}

/** On a narrow screen the secondary actions are a menu behind this button (CSS hides it when wide). */
function MoreToggle({ more }: { more: ReturnType<typeof usePanel> }) {
  const label = pageMessage('readerMoreActions');
  return (
    <button
      type="button"
      class="coral-tool coral-more-toggle"
      aria-expanded={more.open}
      aria-controls="coral-actions"
      aria-label={label}
      title={label}
      ref={more.toggle}
      onClick={more.flip}
    >
      <span aria-hidden="true">⋯</span>
    </button>
  );
}

/**
 * The reader's bar: a panel for text and theme, reading progress, export and the original link. Sticky
 * at the top, in the flow, so it never sits over the first lines of the article. Wide, it is one row;
 * narrow, the exports and the original link fold into a menu, so the row never wraps.
 */
export function ReaderToolbar({ prefs, onPrefsChange, progress, read, onExport, original }: Props) {
  const bar = useRef<HTMLElement>(null);
  const panel = usePanel(bar);
  const more = usePanel(bar);
  const tucked = useTuckOnScroll();
  const exporting = useExport(onExport);
  // Choosing an action closes the menu it was in.
  const closeMenu = () => {
    if (more.open) more.flip();
  };
  const run = (kind: ExportKind) => {
    closeMenu();
    void exporting.run(kind);
  };
  return (
    <section
      class={`coral-toolbar${tucked && !panel.open ? ' coral-toolbar-tucked' : ''}`}
      aria-label={pageMessage('readerToolbar')}
      ref={bar}
    >
      <div class="coral-toolbar-row">
        <button
          type="button"
          class="coral-tool coral-display-toggle"
          aria-expanded={panel.open}
          aria-controls="coral-display-panel"
          title={pageMessage('readerDisplay')}
          ref={panel.toggle}
          onClick={panel.flip}
        >
          <span aria-hidden="true">Aa</span>
          <span class="coral-tool-text">{pageMessage('readerDisplay')}</span>
        </button>
        <ProgressText progress={progress} read={read} />
        <span class="coral-toolbar-spacer" />
        <MoreToggle more={more} />
        <div id="coral-actions" class={`coral-actions${more.open ? ' coral-actions-open' : ''}`}>
          <ExportButton kind="html" busy={exporting.busy} run={run} />
          <ExportButton kind="markdown" busy={exporting.busy} run={run} />
          <OriginalLink original={original} onOpen={closeMenu} />
        </div>
      </div>
      {exporting.error && (
        <p class="coral-toolbar-error" role="alert">
          {exporting.error}
        </p>
      )}
      <DisplayPanel prefs={prefs} open={panel.open} onChange={onPrefsChange} />
      <div class="coral-progress" aria-hidden="true" style={{ '--progress': String(progress) }} />
    </section>
  );
}
