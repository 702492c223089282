import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROW_HEIGHT } from '../../../components/popup/LibraryList';
import { LibraryPopup } from '../../../components/popup/LibraryPopup';
import type { ArticleRecord } from '../../../utils/library/db/schema';
import type { PopupServices } from '../../../utils/popup/services';
import type { SaveResult } from '../../../utils/shared/article';
import { saveErrorMessage } from '../../../utils/shared/page-messages';
import { renderTarget, until } from '../../support/render-helpers';

function record(i: number, over: Partial<ArticleRecord> = {}): ArticleRecord {
  return {
    id: `id${i}`,
    canonicalUrl: `https://chinadigitaltimes.net/2024/01/post-${i}/`,
    meta: {
      title: `Article number ${i}`,
      author: 'Staff',
      siteName: 'China Digital Times',
      excerpt: `Excerpt ${i}`,
      dir: 'ltr',
      lang: 'en',
      categories: [],
      tags: [],
      canonicalUrl: '',
      url: '',
    },
    firstSavedAt: i,
    savedAt: 1_700_000_000_000 + i * 60_000,
    versions: 1,
    read: false,
    tags: [],
    progress: 0,
    textBytes: 1000,
    bytes: 1000,
    ...over,
  };
}

/** A fake data layer over an in-memory library, newest first like the real one. */
function fakeServices(library: ArticleRecord[], over: Partial<PopupServices> = {}) {
  const newestFirst = () => [...library].sort((a, b) => b.savedAt - a.savedAt);
  const services = {
    firstArticles: vi.fn(async (limit: number) => newestFirst().slice(0, limit)),
    listArticles: vi.fn(async () => newestFirst()),
    countArticles: vi.fn(async () => library.length),
    search: vi.fn(async (query: string): Promise<string[] | null> => {
      const q = query.trim().toLowerCase();
      if (!q) return null;
      return newestFirst()
        .filter((a) => a.meta.title.toLowerCase().includes(q))
        .map((a) => a.id);
    }),
    setRead: vi.fn(async () => {}),
    addTags: vi.fn(async () => {}),
    removeTags: vi.fn(async () => {}),
    trash: vi.fn(async () => {}),
    restore: vi.fn(async () => {}),
    deleteForGood: vi.fn(async () => {}),
    purgeLeftovers: vi.fn(async () => {}),
    storage: vi.fn(async () => ({
      usage: 5 * 1024 * 1024,
      quota: 1024 * 1024 * 1024,
      persisted: false,
      articles: library.length,
      bytes: 1000,
      images: 0,
      imageBytes: 0,
      biggest: [],
    })),
    requestPersistence: vi.fn(async () => true),
    exportLibrary: vi.fn(async () => new Blob(['zip'])),
    importLibrary: vi.fn(),
    saveActiveTab: vi.fn(
      async (): Promise<SaveResult> => ({
        ok: true,
        id: 'new',
        savedAt: 1,
        version: 1,
        newVersion: true,
        failedImages: 0,
      }),
    ),
    setListOrder: vi.fn(async () => {}),
    openReader: vi.fn(),
    openOptions: vi.fn(),
    openInTab: vi.fn(),
    ...over,
  } satisfies PopupServices;
  return services;
}

afterEach(() => vi.useRealTimers());
const container = renderTarget();

/**
 * Renders the popup and waits until `ready` holds: by default until the whole library is listed, which
 * the popup marks by writing the order it shows.
 */
async function show(services: PopupServices, ready = () => vi.mocked(services.setListOrder).mock.calls.length > 0) {
  await act(async () => {
    render(
      <LibraryPopup
        services={services}
        locale="en"
        hrefFor={(id) => `chrome-extension://x/reader.html?id=${id}`}
        inTab={false}
        canExportHere
      />,
      container(),
    );
  });
  await until(ready);
}

const rows = () => [...container().querySelectorAll<HTMLAnchorElement>('a.row-main')];
const rowTitles = () => rows().map((a) => a.querySelector('.row-title')?.textContent?.replace(' (Unread)', ''));
const searchField = () => container().querySelector<HTMLInputElement>('input[type="search"]') as HTMLInputElement;
const buttonNamed = (name: string) =>
  [...container().querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name);

const focusOn = (text: string) => vi.waitFor(() => expect(document.activeElement?.textContent).toContain(text));

function key(target: EventTarget, k: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init });
  act(() => {
    target.dispatchEvent(event);
  });
  return event;
}

async function type(value: string) {
  const field = searchField();
  field.value = value;
  await act(async () => {
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('LibraryPopup', () => {
  it('paints the first batch and the whole count before the whole library has loaded', async () => {
    const library = Array.from({ length: 100 }, (_, i) => record(i));
    let finish: (all: ArticleRecord[]) => void = () => {};
    const services = fakeServices(library, {
      listArticles: vi.fn(() => new Promise<ArticleRecord[]>((resolve) => (finish = resolve))),
    });
    // Painted, and the whole library asked for (it answers when the test says).
    await show(services, () => rows().length > 0 && vi.mocked(services.listArticles).mock.calls.length > 0);
    expect(services.firstArticles).toHaveBeenCalledWith(30);
    expect(rowTitles()[0]).toBe('Article number 99');
    // The count comes from keys: the line never claims that the 30 rows read so far are the library.
    await vi.waitFor(() => expect(container().querySelector('.count')?.textContent).toBe('100 articles'));
    expect(rows().length).toBeLessThan(20);
    await act(async () => finish([...library].reverse()));
    await vi.waitFor(() => expect(container().querySelector('.count')?.textContent).toBe('100 articles'));
  });

  it('renders only a window of rows from a library of 10,000, newest first, each a link named by its title', async () => {
    const library = Array.from({ length: 10_000 }, (_, i) => record(i));
    const services = fakeServices(library);
    await show(services);
    expect(container().querySelector('.count')?.textContent).toBe('10,000 articles');
    expect(rows().length).toBeGreaterThan(3);
    expect(rows().length).toBeLessThan(20);
    expect(rowTitles().slice(0, 2)).toEqual(['Article number 9999', 'Article number 9998']);
    expect(rows()[0]?.getAttribute('href')).toBe('chrome-extension://x/reader.html?id=id9999');
    // The spacer is as tall as all rows, so the scrollbar matches the library.
    expect(container().querySelector<HTMLElement>('.list-spacer')?.style.height).toBe(`${10_000 * ROW_HEIGHT}px`);
    expect(vi.mocked(services.setListOrder).mock.lastCall?.[0]).toHaveLength(10_000);
    expect(services.purgeLeftovers).toHaveBeenCalled();
  });

  it('filters as you type through the search service and writes the order shown', async () => {
    const library = [record(1, { meta: { ...record(1).meta, title: '六四 memorial' } }), record(2), record(3)];
    const services = fakeServices(library);
    await show(services);
    expect(searchField().getAttribute('aria-label')).toContain('Search');
    await type('六四');
    await vi.waitFor(() => expect(rowTitles()).toEqual(['六四 memorial']));
    expect(services.search).toHaveBeenLastCalledWith('六四');
    expect(container().querySelector('select')?.value).toBe('relevance');
    await vi.waitFor(() => expect(services.setListOrder).toHaveBeenLastCalledWith(['id1']));
    await type('');
    await vi.waitFor(() => expect(rows()).toHaveLength(3));
    expect(container().querySelector('select')?.value).toBe('saved');
  });

  it('says when a search shows only the first matches', async () => {
    const library = [record(1), record(2), record(3)];
    const searchPage = vi.fn(async (query: string) =>
      query ? { ids: ['id3', 'id1'], truncated: query === 'wide' } : null,
    );
    const services = fakeServices(library, { searchPage });
    await show(services);
    await type('wide');
    await vi.waitFor(() =>
      expect(container().querySelector('.count')?.textContent).toContain('Showing the first 2 matches'),
    );
    expect(rowTitles()).toHaveLength(2);
    // The note stays until the answer for "narrow" replaces the one for "wide".
    await type('narrow');
    await vi.waitFor(() => expect(container().querySelector('.count')?.textContent).not.toContain('Showing the first'));
    expect(searchPage).toHaveBeenLastCalledWith('narrow');
    expect(rowTitles()).toHaveLength(2);
  });

  it('focuses the search with /, moves through rows with the arrows and opens with Enter', async () => {
    const services = fakeServices([record(1), record(2), record(3)]);
    await show(services);
    key(document.body, '/');
    expect(document.activeElement).toBe(searchField());
    key(searchField(), 'ArrowDown');
    await focusOn('Article number 3');
    key(document.activeElement as Element, 'ArrowDown');
    await focusOn('Article number 2');
    key(document.activeElement as Element, 'ArrowUp');
    await focusOn('Article number 3');
    // Only the active row is in the tab order.
    expect(rows().map((a) => a.tabIndex)).toEqual([0, -1, -1]);
    const enter = key(document.activeElement as Element, 'Enter');
    expect(enter.defaultPrevented).toBe(true);
    expect(services.openReader).toHaveBeenCalledWith('id3');
  });

  it('deletes the active row with Delete, offers undo, and restores it', async () => {
    const services = fakeServices([record(1), record(2), record(3)]);
    await show(services);
    // The undo window's timer from here on: the test lets it run out after the undo.
    vi.useFakeTimers();
    key(searchField(), 'ArrowDown');
    await focusOn('Article number 3');
    key(document.activeElement as Element, 'Delete');
    expect(services.trash).toHaveBeenCalledWith(['id3']);
    expect(rowTitles()).toEqual(['Article number 2', 'Article number 1']);
    expect(container().querySelector('.toast')?.textContent).toContain('Deleted “Article number 3”.');
    // Focus moved on to the next row, so Delete can be pressed again.
    await focusOn('Article number 2');
    act(() => {
      buttonNamed('Undo')?.click();
    });
    expect(services.restore).toHaveBeenCalledWith(['id3']);
    expect(rowTitles()).toEqual(['Article number 3', 'Article number 2', 'Article number 1']);
    expect(container().querySelector('.toast')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(5000);
    });
    expect(services.deleteForGood).not.toHaveBeenCalled();
  });

  it('deletes for good when the undo runs out', async () => {
    const services = fakeServices([record(1), record(2)]);
    await show(services);
    vi.useFakeTimers();
    act(() => {
      buttonNamed('Delete: Article number 1')?.click();
    });
    expect(container().querySelector('.toast')).not.toBeNull();
    act(() => {
      vi.advanceTimersByTime(4999);
    });
    expect(services.deleteForGood).not.toHaveBeenCalled();
    expect(container().querySelector('.toast')).not.toBeNull();
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(services.deleteForGood).toHaveBeenCalledWith(['id1']);
    expect(container().querySelector('.toast')).toBeNull();
  });

  it('acts on every selected article: mark read, tag, delete', async () => {
    const services = fakeServices([record(1), record(2), record(3)]);
    await show(services);
    const boxes = () => [...container().querySelectorAll<HTMLInputElement>('input.row-check')];
    act(() => {
      boxes()[0]?.click();
    });
    act(() => {
      boxes()[2]?.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey: true }));
    });
    expect(boxes().map((b) => b.checked)).toEqual([true, true, true]);
    expect(container().querySelector('.selection')?.textContent).toContain('3 selected');
    act(() => {
      buttonNamed('Mark as read')?.click();
    });
    expect(services.setRead).toHaveBeenCalledWith(['id3', 'id2', 'id1'], true);
    expect(container().querySelectorAll('.row.unread')).toHaveLength(0);
    const tagField = container().querySelector<HTMLInputElement>('.tag-add input') as HTMLInputElement;
    tagField.value = 'hk, 香港';
    act(() => {
      tagField.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => {
      container()
        .querySelector('.tag-add')
        ?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(services.addTags).toHaveBeenCalledWith(['id3', 'id2', 'id1'], ['hk', '香港']);
    expect(container().querySelectorAll('.row-tag')).toHaveLength(6);
    act(() => {
      buttonNamed('Remove tag hk')?.click();
    });
    expect(services.removeTags).toHaveBeenCalledWith(['id3', 'id2', 'id1'], ['hk']);
    act(() => {
      container().querySelector<HTMLButtonElement>('.selection .danger')?.click();
    });
    expect(services.trash).toHaveBeenCalledWith(['id3', 'id2', 'id1']);
    expect(rows()).toHaveLength(0);
    expect(container().querySelector('.toast')?.textContent).toContain('Deleted 3 articles.');
  });

  it('saves the page with the in-page states and lists the new article', async () => {
    let answer: (result: SaveResult) => void = () => {};
    const library = [record(1)];
    const services = fakeServices(library, {
      saveActiveTab: vi.fn(() => new Promise<SaveResult>((resolve) => (answer = resolve))),
    });
    await show(services);
    const button = buttonNamed('Save this page') as HTMLButtonElement;
    expect(button).toBeDefined();
    act(() => button.click());
    expect(button.textContent).toBe('Saving…');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await act(async () => answer({ ok: false, error: 'no-answer' }));
    expect(button.textContent).toBe('Try again');
    expect(container().querySelector('.save-status')?.textContent).toBe(
      'The page did not answer. Wait until it has loaded, then try again.',
    );
    act(() => button.click());
    library.push(record(2, { id: 'id1' }));
    await act(async () => answer({ ok: true, id: 'id1', savedAt: 1, version: 1, newVersion: true, failedImages: 0 }));
    expect(button.textContent).toBe('Saved · Read offline');
    await vi.waitFor(() => expect(rowTitles()[0]).toBe('Article number 2'));
    act(() => button.click());
    expect(services.openReader).toHaveBeenCalledWith('id1');
  });

  it('says by its code why a page cannot be saved, and offers no retry that cannot work', async () => {
    // A sender's extra text is never shown: only the code is read.
    const saveActiveTab = vi.fn(
      async (): Promise<SaveResult> =>
        ({
          ok: false,
          error: 'forbidden',
          message: 'Cannot access contents of url "chrome://newtab/". Extension manifest must request permission.',
        }) as SaveResult,
    );
    await show(fakeServices([record(1)], { saveActiveTab }));
    const button = buttonNamed('Save this page') as HTMLButtonElement;
    act(() => button.click());
    const status = await until(() => container().querySelector('.save-status')?.textContent);
    expect(status).toBe('This page cannot be saved.');
    expect(button.textContent).toBe('Save this page');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    act(() => button.click());
    expect(saveActiveTab).toHaveBeenCalledTimes(1);
  });

  it('shows a save that got no answer in its own words, not the browser’s, and lets it be tried again', async () => {
    const saveActiveTab = vi.fn(async (): Promise<SaveResult> => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await show(fakeServices([record(1)], { saveActiveTab }));
    const button = buttonNamed('Save this page') as HTMLButtonElement;
    act(() => button.click());
    const status = await until(() => container().querySelector('.save-status')?.textContent);
    expect(status).toBe(saveErrorMessage('failed'));
    expect(status).not.toContain('Receiving end');
    expect(button.textContent).toBe('Try again');
  });

  it('shows storage use and persistence when the panel is opened', async () => {
    const services = fakeServices([record(1)]);
    await show(services);
    expect(services.storage).not.toHaveBeenCalled();
    const details = container().querySelector('details') as HTMLDetailsElement;
    details.open = true;
    await act(async () => {
      details.dispatchEvent(new Event('toggle'));
    });
    await vi.waitFor(() => expect(details.textContent).toContain('5 MB used of 1 GB available'));
    expect(details.textContent).toContain('Not persistent');
  });
});
