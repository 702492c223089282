import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ExportKind } from '../utils/reader/toolbar';
import { tuckAfterScroll } from '../utils/reader/toolbar';
import { pageMessage } from '../utils/shared/page-messages';

/** The display panel: Escape closes it (focus back on its button), and so does a click outside the bar. */
export function usePanel(bar: RefObject<HTMLElement | null>) {
  const [open, setOpen] = useState(false);
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
  return { open, toggle, flip: () => setOpen(!open) };
}

/** Out of the way while reading down, back as soon as the reader scrolls up. */
export function useTuckOnScroll() {
  const [tucked, setTucked] = useState(false);
  useEffect(() => {
    let last = window.scrollY;
    const onScroll = () => {
      const next = tuckAfterScroll(last, window.scrollY);
      if (!next) return;
      setTucked(next.tucked);
      last = next.last;
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, []);
  return tucked;
}

/** One export at a time; a failure is shown until the next try. */
export function useExport(onExport: (kind: ExportKind) => Promise<void>) {
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [error, setError] = useState('');
  const run = async (kind: ExportKind) => {
    setBusy(kind);
    setError('');
    try {
      await onExport(kind);
    } catch (cause) {
      console.error('Coral export:', cause);
      setError(pageMessage('readerExportFailed'));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, run };
}
