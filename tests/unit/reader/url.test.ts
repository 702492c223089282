import { describe, expect, it } from 'vitest';
import { parseReaderQuery, readerPath, readerQuery } from '../../../utils/reader/url';

describe('the reader address', () => {
  it('round-trips an id and a version, whatever characters the id holds', () => {
    for (const id of ['abc', 'a b&c=d', '中文#?']) {
      expect(parseReaderQuery(readerQuery(id))).toEqual({ id, version: null });
      expect(parseReaderQuery(readerQuery(id, 3))).toEqual({ id, version: 3 });
      expect(parseReaderQuery(new URL(readerPath(id, 2), 'chrome-extension://x').search)).toEqual({ id, version: 2 });
    }
  });

  it('points at the reader page', () => {
    expect(readerPath('a')).toBe('/reader.html?id=a');
  });

  it('reads a missing or malformed version as the newest, and a missing id as none', () => {
    expect(parseReaderQuery('?id=a&v=x')).toEqual({ id: 'a', version: null });
    expect(parseReaderQuery('')).toEqual({ id: null, version: null });
  });
});
