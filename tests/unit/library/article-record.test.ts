import { describe, expect, it } from 'vitest';
import { articleWithVersion } from '../../../utils/library/articles';
import type { ArticleRecord } from '../../../utils/library/db/schema';

const meta = { title: 'T', dir: 'ltr' as const, categories: [], tags: [], canonicalUrl: 'https://x.test/a', url: '' };

describe('articleWithVersion', () => {
  it('starts a new article unread, untagged, at the top, sized by its text and images', () => {
    const record = articleWithVersion(undefined, { id: 'a', meta, textBytes: 100, newImageBytes: 50, now: 7 });
    expect(record).toMatchObject({ id: 'a', firstSavedAt: 7, savedAt: 7, versions: 1, read: false, tags: [] });
    expect(record).toMatchObject({ progress: 0, textBytes: 100, bytes: 150 });
    expect(record).not.toHaveProperty('readAt');
  });

  it('keeps what the reader did and adds only new bytes for a new version', () => {
    const existing: ArticleRecord = {
      ...articleWithVersion(undefined, { id: 'a', meta, textBytes: 100, newImageBytes: 50, now: 7 }),
      read: true,
      readAt: 8,
      tags: ['x'],
      progress: 0.5,
    };
    const next = articleWithVersion(existing, { id: 'a', meta, textBytes: 120, newImageBytes: 10, now: 9 });
    expect(next).toMatchObject({ firstSavedAt: 7, savedAt: 9, versions: 2, read: true, readAt: 8, tags: ['x'] });
    expect(next).toMatchObject({ progress: 0.5, textBytes: 220, bytes: 220 + 50 + 10 });
  });
});
