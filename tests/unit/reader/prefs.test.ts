import { describe, expect, it } from 'vitest';
import {
  applyPrefs,
  LINE_WIDTHS,
  lineWidthName,
  MAX_FONT_SIZE,
  MIN_FONT_SIZE,
  normalizePrefs,
  prefsToStyle,
  stepFontSize,
} from '../../../utils/reader/prefs';
import { DEFAULT_READER_PREFS } from '../../../utils/shared/settings';

describe('normalizePrefs', () => {
  it('keeps good prefs as they are', () => {
    const prefs = { fontSize: 23, lineWidth: 46, font: 'sans', theme: 'sepia' } as const;
    expect(normalizePrefs(prefs)).toEqual(prefs);
  });

  it('clamps numbers and rounds them', () => {
    expect(normalizePrefs({ ...DEFAULT_READER_PREFS, fontSize: 400, lineWidth: 2 })).toMatchObject({
      fontSize: MAX_FONT_SIZE,
      lineWidth: 24,
    });
    expect(normalizePrefs({ ...DEFAULT_READER_PREFS, fontSize: 3, lineWidth: 999 })).toMatchObject({
      fontSize: MIN_FONT_SIZE,
      lineWidth: 60,
    });
    expect(normalizePrefs({ ...DEFAULT_READER_PREFS, fontSize: 18.6 }).fontSize).toBe(19);
  });

  it('replaces each bad field with its default and keeps the good ones', () => {
    expect(normalizePrefs({ fontSize: 'big', lineWidth: Number.NaN, font: 'comic', theme: 'sepia' })).toEqual({
      ...DEFAULT_READER_PREFS,
      theme: 'sepia',
    });
    expect(normalizePrefs(null)).toEqual(DEFAULT_READER_PREFS);
    expect(normalizePrefs('dark')).toEqual(DEFAULT_READER_PREFS);
  });
});

describe('stepFontSize', () => {
  it('steps along the scale and stops at its ends', () => {
    expect(stepFontSize(19, 1)).toBe(21);
    expect(stepFontSize(19, -1)).toBe(17);
    expect(stepFontSize(MAX_FONT_SIZE, 1)).toBe(MAX_FONT_SIZE);
    expect(stepFontSize(MIN_FONT_SIZE, -1)).toBe(MIN_FONT_SIZE);
  });

  it('moves a size between steps to the neighbouring step', () => {
    expect(stepFontSize(18, 1)).toBe(19);
    expect(stepFontSize(18, -1)).toBe(17);
  });
});

describe('lineWidthName', () => {
  it('names the closest preset', () => {
    expect(lineWidthName(LINE_WIDTHS.narrow)).toBe('narrow');
    expect(lineWidthName(38)).toBe('medium');
    expect(lineWidthName(44)).toBe('wide');
    expect(lineWidthName(24)).toBe('narrow');
  });
});

describe('applying prefs', () => {
  it('turns prefs into CSS variables and data attributes', () => {
    expect(prefsToStyle({ fontSize: 23, lineWidth: 32, font: 'sans', theme: 'dark' })).toEqual({
      vars: { '--reader-font-size': '23px', '--reader-measure': '32em' },
      data: { theme: 'dark', font: 'sans' },
    });
  });

  it('clamps before applying, so a bad stored value cannot reach the page', () => {
    expect(prefsToStyle({ ...DEFAULT_READER_PREFS, fontSize: 1000 }).vars['--reader-font-size']).toBe('32px');
  });

  it('sets them on a real element', () => {
    const root = document.createElement('html');
    applyPrefs(root, { fontSize: 16, lineWidth: 46, font: 'serif', theme: 'sepia' });
    expect(root.style.getPropertyValue('--reader-font-size')).toBe('16px');
    expect(root.style.getPropertyValue('--reader-measure')).toBe('46em');
    expect(root.getAttribute('data-theme')).toBe('sepia');
    expect(root.getAttribute('data-font')).toBe('serif');
    applyPrefs(root, { fontSize: 21, lineWidth: 38, font: 'sans', theme: 'system' });
    expect(root.style.getPropertyValue('--reader-font-size')).toBe('21px');
    expect(root.getAttribute('data-theme')).toBe('system');
    expect(root.getAttribute('data-font')).toBe('sans');
  });
});
