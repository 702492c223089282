import { DEFAULT_READER_PREFS, type ReaderPrefs, type ReaderTheme } from '../shared/settings';

export const THEMES: readonly ReaderTheme[] = ['system', 'light', 'sepia', 'dark'];
export const FONTS: ReadonlyArray<ReaderPrefs['font']> = ['serif', 'sans'];

/**
 * Text sizes the − and + buttons step through, in px. Steps grow with the size so each press is a
 * visible change; a stored size between steps moves to the neighbouring step.
 */
export const FONT_SIZES: readonly number[] = [14, 15, 16, 17, 19, 21, 23, 26, 29, 32];
export const MIN_FONT_SIZE = FONT_SIZES[0] ?? 14;
export const MAX_FONT_SIZE = FONT_SIZES[FONT_SIZES.length - 1] ?? 32;

export type LineWidthName = 'narrow' | 'medium' | 'wide';
/** Measures in em of the body text; CJK pages take 0.9 of these in reader.css. */
export const LINE_WIDTHS: Readonly<Record<LineWidthName, number>> = { narrow: 32, medium: 38, wide: 46 };
export const MIN_LINE_WIDTH = 24;
export const MAX_LINE_WIDTH = 60;

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

function numberOr(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? clamp(Math.round(value), min, max) : fallback;
}

/**
 * Prefs as stored may come from an older build, another tab mid-write or a hand-edited profile: every
 * field is checked and clamped so a bad value costs that field only, never the page.
 */
export function normalizePrefs(raw: unknown): ReaderPrefs {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof ReaderPrefs, unknown>>;
  const d = DEFAULT_READER_PREFS;
  return {
    fontSize: numberOr(value.fontSize, d.fontSize, MIN_FONT_SIZE, MAX_FONT_SIZE),
    lineWidth: numberOr(value.lineWidth, d.lineWidth, MIN_LINE_WIDTH, MAX_LINE_WIDTH),
    font: FONTS.find((font) => font === value.font) ?? d.font,
    theme: THEMES.find((theme) => theme === value.theme) ?? d.theme,
  };
}

/** The next text size up (+1) or down (−1) from `current`, staying within the scale. */
export function stepFontSize(current: number, direction: 1 | -1): number {
  if (direction > 0) return FONT_SIZES.find((size) => size > current) ?? MAX_FONT_SIZE;
  return [...FONT_SIZES].reverse().find((size) => size < current) ?? MIN_FONT_SIZE;
}

/** The named width closest to a stored measure, for showing which choice is active. */
export function lineWidthName(lineWidth: number): LineWidthName {
  let best: LineWidthName = 'medium';
  for (const name of Object.keys(LINE_WIDTHS) as LineWidthName[]) {
    if (Math.abs(LINE_WIDTHS[name] - lineWidth) < Math.abs(LINE_WIDTHS[best] - lineWidth)) best = name;
  }
  return best;
}

export interface PrefsStyle {
  /** CSS custom properties for the numbers. */
  vars: Record<string, string>;
  /** data-* attributes for the choices, which CSS selects on. */
  data: Record<string, string>;
}

export function prefsToStyle(prefs: ReaderPrefs): PrefsStyle {
  const p = normalizePrefs(prefs);
  return {
    vars: { '--reader-font-size': `${p.fontSize}px`, '--reader-measure': `${p.lineWidth}em` },
    data: { theme: p.theme, font: p.font },
  };
}

/** What applyPrefs needs of an element: enough that a test can pass a plain object. */
export interface StyleTarget {
  style: { setProperty(name: string, value: string): void };
  dataset: Record<string, string | undefined>;
}

/** Puts the prefs on the root element, where reader.css reads them. */
export function applyPrefs(target: StyleTarget, prefs: ReaderPrefs): void {
  const { vars, data } = prefsToStyle(prefs);
  for (const [name, value] of Object.entries(vars)) target.style.setProperty(name, value);
  for (const [name, value] of Object.entries(data)) target.dataset[name] = value;
}
