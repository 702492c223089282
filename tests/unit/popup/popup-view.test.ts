import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../../utils/library/db/schema';
import {
  activeAfterDelete,
  activeOnEntering,
  countLine,
  editArticle,
  listKeyAction,
  restored,
  shownCount,
  sortAfterQuery,
  tagsOfChosen,
  toggled,
} from '../../../utils/popup/popup-view';

const article = (id: string, tags: string[] = []): ArticleRecord => ({
  id,
  canonicalUrl: `https://chinadigitaltimes.net/2024/01/${id}/`,
  meta: { title: id, dir: 'ltr', categories: [], tags: [], canonicalUrl: '', url: '' },
  firstSavedAt: 1,
  savedAt: 1,
  versions: 1,
  read: false,
  tags,
  progress: 0,
  textBytes: 100,
  bytes: 100,
});
const rows = ['a', 'b', 'c', 'd'].map((id) => article(id));

describe('shownCount', () => {
  it('gives the library count while the list is read, unless a search or filter narrows it', () => {
    expect(shownCount({ complete: false, total: 50_000, narrowed: false, shown: 30 })).toBe(50_000);
    expect(shownCount({ complete: false, total: 50_000, narrowed: true, shown: 4 })).toBe(4);
    expect(shownCount({ complete: false, total: null, narrowed: false, shown: 30 })).toBe(30);
    // Once read, the list itself is the truth (an article saved or deleted meanwhile included).
    expect(shownCount({ complete: true, total: 50_000, narrowed: false, shown: 49_999 })).toBe(49_999);
  });
});

describe('countLine', () => {
  it('says loading, nothing saved and no matches before counting', () => {
    expect(countLine(false, 0, 0, false)).toEqual({ kind: 'loading' });
    expect(countLine(true, 0, 0, false)).toEqual({ kind: 'nothing-saved' });
    expect(countLine(true, 5, 0, true)).toEqual({ kind: 'no-matches' });
  });

  it('counts the rows shown, and says when a search stopped early', () => {
    expect(countLine(true, 5, 3, true)).toEqual({ kind: 'first-matches', count: 3 });
    expect(countLine(true, 5, 1, false)).toEqual({ kind: 'one' });
    expect(countLine(true, 5, 3, false)).toEqual({ kind: 'count', count: 3 });
  });
});

describe('sortAfterQuery', () => {
  it('sorts by relevance while searching and gives the user’s sort back after', () => {
    const typing = sortAfterQuery({ sort: 'title', beforeSearch: 'saved' }, '', 'c');
    expect(typing).toEqual({ sort: 'relevance', beforeSearch: 'title' });
    const more = sortAfterQuery({ ...typing, sort: 'published' }, 'c', 'cd');
    expect(more.sort).toBe('published');
    expect(sortAfterQuery(more, 'cd', '  ')).toEqual({ sort: 'title', beforeSearch: 'title' });
  });

  it('leaves the sort alone when the field stays empty', () => {
    expect(sortAfterQuery({ sort: 'title', beforeSearch: 'saved' }, '', ' ')).toEqual({
      sort: 'title',
      beforeSearch: 'saved',
    });
  });
});

describe('active row', () => {
  it('enters the list on the active row if still listed, else the first', () => {
    expect(activeOnEntering('c', rows)).toBe('c');
    expect(activeOnEntering('gone', rows)).toBe('a');
    expect(activeOnEntering(null, [])).toBeNull();
  });

  it('moves to the next row kept after a delete, else the one before', () => {
    expect(activeAfterDelete(rows, 'b', new Set(['b', 'c']))).toBe('d');
    expect(activeAfterDelete(rows, 'd', new Set(['c', 'd']))).toBe('b');
    expect(activeAfterDelete(rows, 'a', new Set(['a', 'b', 'c', 'd']))).toBeNull();
    expect(activeAfterDelete(rows, 'a', new Set(['b']))).toBeUndefined();
  });
});

describe('selection and edits', () => {
  it('adds and takes out ids', () => {
    expect([...toggled(new Set(['a']), ['b', 'c'], true)]).toEqual(['a', 'b', 'c']);
    expect([...toggled(new Set(['a', 'b']), ['a'], false)]).toEqual(['b']);
  });

  it('lists the chosen articles’ tags once each', () => {
    const all = [article('a', ['x', 'y']), article('b', ['y', 'z']), article('c', ['w'])];
    expect(tagsOfChosen(all, new Set(['a', 'b']))).toEqual(['x', 'y', 'z']);
  });

  it('edits read state and tags without repeats', () => {
    const one = article('a', ['x']);
    expect(editArticle(one, { kind: 'read', read: true }).read).toBe(true);
    expect(editArticle(one, { kind: 'add-tags', tags: ['x', 'y'] }).tags).toEqual(['x', 'y']);
    expect(editArticle(one, { kind: 'remove-tag', tag: 'x' }).tags).toEqual([]);
    expect(one.tags).toEqual(['x']);
  });

  it('puts deleted articles back in front of the list', () => {
    const [a, b, c] = rows as [ArticleRecord, ArticleRecord, ArticleRecord];
    expect(restored([c], { ids: ['a', 'b'], records: [a, b] }).map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(restored([a, c], { ids: ['a'], records: [a] }).map((x) => x.id)).toEqual(['a', 'c']);
  });
});

describe('listKeyAction', () => {
  it('moves by one, by a page and to the ends, within the list', () => {
    expect(listKeyAction('ArrowDown', -1, 4, 10, false)).toEqual({ kind: 'move', index: 0 });
    expect(listKeyAction('ArrowUp', 0, 4, 10, false)).toEqual({ kind: 'move', index: 0 });
    expect(listKeyAction('PageDown', 8, 4, 10, false)).toEqual({ kind: 'move', index: 9 });
    expect(listKeyAction('PageUp', 5, 4, 10, false)).toEqual({ kind: 'move', index: 1 });
    expect(listKeyAction('End', 2, 4, 10, false)).toEqual({ kind: 'move', index: 9 });
    expect(listKeyAction('Home', 7, 4, 10, false)).toEqual({ kind: 'move', index: 0 });
  });

  it('opens on Enter only from a row’s link, deletes on Delete, ignores other keys', () => {
    expect(listKeyAction('Enter', 3, 4, 10, true)).toEqual({ kind: 'open' });
    expect(listKeyAction('Enter', 3, 4, 10, false)).toBeNull();
    expect(listKeyAction('Delete', 3, 4, 10, false)).toEqual({ kind: 'delete' });
    expect(listKeyAction('a', 3, 4, 10, false)).toBeNull();
  });
});
