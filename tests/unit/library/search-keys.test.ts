import { describe, expect, it } from 'vitest';
import { articleIdOf, searchKey } from '../../../utils/library/search/keys';

describe('search store keys', () => {
  it('stand for a UUID in 11 characters, and give it back', () => {
    for (let i = 0; i < 200; i++) {
      const id = crypto.randomUUID();
      const key = searchKey(id);
      expect(key).toHaveLength(11);
      expect(/[\ud800-\udfff]/.test(key)).toBe(false);
      expect(articleIdOf(key)).toBe(id);
    }
    for (const id of ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff']) {
      expect(articleIdOf(searchKey(id))).toBe(id);
    }
  });

  it('keep any other id whole, apart from every UUID key', () => {
    const ids = ['local-id', 'older', '', 'ABCDEF01-2345-6789-ABCD-EF0123456789', '\u4000\u4001'];
    const keys = ids.map(searchKey);
    expect(keys.map(articleIdOf)).toEqual(ids);
    expect(new Set([...keys, searchKey('abcdef01-2345-6789-abcd-ef0123456789')]).size).toBe(ids.length + 1);
  });
});
