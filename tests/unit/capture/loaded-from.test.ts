import { describe, expect, it } from 'vitest';
import { loadedFrom } from '../../../utils/capture/loaded-from';

const docWith = (entries: Array<{ name: unknown }> | undefined) =>
  ({ defaultView: entries && { performance: { getEntriesByType: () => entries } } }) as unknown as Document;

describe('loadedFrom', () => {
  it('is the address in the navigation entry, whatever the page later did to its own address', () => {
    expect(loadedFrom(docWith([{ name: 'https://chinadigitaltimes.net/2024/01/a/' }]))).toBe(
      'https://chinadigitaltimes.net/2024/01/a/',
    );
  });

  it('is undefined where the browser keeps no entry, or a window-less document', () => {
    expect(loadedFrom(docWith([]))).toBeUndefined();
    expect(loadedFrom(docWith([{ name: '' }]))).toBeUndefined();
    expect(loadedFrom(docWith(undefined))).toBeUndefined();
  });
});
