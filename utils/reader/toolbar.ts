import { READ_THRESHOLD } from './progress';

// The reader bar's decisions as plain data: what its progress line says and when it tucks away.

export type ExportKind = 'html' | 'markdown';

export type ProgressLabel = { kind: 'finished' } | { kind: 'percent'; percent: number };

/** Read to the end (or marked read) says so; otherwise a whole percentage, 0..100. */
export function progressLabel(progress: number, read: boolean): ProgressLabel {
  if (read || progress >= READ_THRESHOLD) return { kind: 'finished' };
  return { kind: 'percent', percent: Math.round(Math.min(1, Math.max(0, progress)) * 100) };
}

/** Scrolls smaller than this are jitter, not a direction. */
const SCROLL_SLACK = 12;
/** Near the top the bar always shows. */
const TUCK_BELOW = 120;

/**
 * After a scroll from `last` to `y`: whether the bar tucks away (reading down) or comes back (scrolling
 * up), and the position the next scroll is measured from. Null while the move is too small to count.
 */
export function tuckAfterScroll(last: number, y: number): { tucked: boolean; last: number } | null {
  if (Math.abs(y - last) < SCROLL_SLACK) return null;
  return { tucked: y > last && y > TUCK_BELOW, last: y };
}
