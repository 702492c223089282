import { unzipSync, zipSync } from 'fflate';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReaderApp } from '../../../components/reader/ReaderApp';
import { type NavEntry, navKey, pickNeighbours } from '../../../components/reader/ReaderNav';
import { ReaderToolbar } from '../../../components/reader/ReaderToolbar';
import { getArticle, saveToLibrary } from '../../../utils/library/articles';
import { exportLibrary } from '../../../utils/library/backup/export';
import { importLibrary } from '../../../utils/library/backup/import';
import { openLibrary } from '../../../utils/library/db/open';
import type { ExportKind } from '../../../utils/reader/toolbar';
import type { ArticleMeta, SaveResult } from '../../../utils/shared/article';
import { DEFAULT_READER_PREFS, listOrder, type ReaderPrefs, readerPrefs } from '../../../utils/shared/settings';
import { renderTarget } from '../../support/render-helpers';

afterEach(() => vi.restoreAllMocks());
const root = renderTarget();

const click = (element: Element | null | undefined) => {
  if (!element) throw new Error('nothing to click');
  act(() => (element as HTMLElement).click());
};
const byText = (text: string) =>
  Array.from(root().querySelectorAll<HTMLElement>('button, a, label')).find((el) => el.textContent?.trim() === text);

describe('ReaderToolbar', () => {
  function showToolbar(prefs: ReaderPrefs, onExport: (kind: ExportKind) => Promise<void> = vi.fn(async () => {})) {
    const onPrefsChange = vi.fn();
    act(() =>
      render(
        <ReaderToolbar
          prefs={prefs}
          onPrefsChange={onPrefsChange}
          progress={0.42}
          read={false}
          onExport={onExport}
          original={{ url: 'https://chinadigitaltimes.net/a/', label: 'Open the original article' }}
        />,
        root(),
      ),
    );
    return { onPrefsChange, onExport };
  }

  it('opens its panel from a named button and closes it with Escape', () => {
    showToolbar(DEFAULT_READER_PREFS);
    const toggle = root().querySelector<HTMLButtonElement>('[aria-controls="coral-display-panel"]');
    expect(toggle?.textContent).toContain('Text and theme');
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(root().querySelector('#coral-display-panel')?.hasAttribute('hidden')).toBe(true);
    click(toggle);
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(root().querySelector('#coral-display-panel')?.hasAttribute('hidden')).toBe(false);
    act(() => {
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    });
    expect(toggle?.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });

  it('changes the prefs: text size, width, font and theme', () => {
    const { onPrefsChange } = showToolbar(DEFAULT_READER_PREFS);
    click(root().querySelector('[aria-label="Larger text"]'));
    expect(onPrefsChange).toHaveBeenLastCalledWith({ ...DEFAULT_READER_PREFS, fontSize: 21 });
    click(root().querySelector('[aria-label="Smaller text"]'));
    expect(onPrefsChange).toHaveBeenLastCalledWith({ ...DEFAULT_READER_PREFS, fontSize: 17 });
    click(byText('Wide')?.querySelector('input'));
    expect(onPrefsChange).toHaveBeenLastCalledWith({ ...DEFAULT_READER_PREFS, lineWidth: 46 });
    click(byText('Sans-serif')?.querySelector('input'));
    expect(onPrefsChange).toHaveBeenLastCalledWith({ ...DEFAULT_READER_PREFS, font: 'sans' });
    click(byText('Sepia')?.querySelector('input'));
    expect(onPrefsChange).toHaveBeenLastCalledWith({ ...DEFAULT_READER_PREFS, theme: 'sepia' });
  });

  it('shows the current choices and stops at the ends of the size scale', () => {
    showToolbar({ fontSize: 32, lineWidth: 32, font: 'sans', theme: 'dark' });
    const checked = Array.from(root().querySelectorAll<HTMLInputElement>('input:checked')).map((i) => i.value);
    expect(checked).toEqual(['narrow', 'sans', 'dark']);
    expect(root().querySelector<HTMLButtonElement>('[aria-label="Larger text"]')?.disabled).toBe(true);
    expect(root().querySelector('output')?.textContent).toBe('32 px');
    expect(root().querySelector('.coral-progress-text')?.textContent).toBe('42% read');
  });

  it('exports, and says so when an export fails', async () => {
    const onExport = vi.fn(async (kind: ExportKind) => {
      if (kind === 'markdown') throw new Error('disk full');
    });
    showToolbar(DEFAULT_READER_PREFS, onExport);
    await act(async () => {
      byText('Save as HTML')?.click();
    });
    expect(onExport).toHaveBeenLastCalledWith('html');
    expect(root().querySelector('[role="alert"]')).toBeNull();
    await act(async () => {
      byText('Save as Markdown')?.click();
    });
    expect(onExport).toHaveBeenLastCalledWith('markdown');
    expect(root().querySelector('[role="alert"]')?.textContent).toBe('The file could not be made. Try again.');
  });

  it('tucks itself away while reading down and comes back on scrolling up', () => {
    showToolbar(DEFAULT_READER_PREFS);
    const bar = root().querySelector('.coral-toolbar');
    const scroll = (y: number) =>
      act(() => {
        window.scrollTo(0, y);
        window.dispatchEvent(new Event('scroll'));
      });
    scroll(600);
    expect(bar?.classList.contains('coral-toolbar-tucked')).toBe(true);
    scroll(500);
    expect(bar?.classList.contains('coral-toolbar-tucked')).toBe(false);
    scroll(0);
  });

  it('links the original in a new tab', () => {
    showToolbar(DEFAULT_READER_PREFS);
    const link = root().querySelector<HTMLAnchorElement>('a[href="https://chinadigitaltimes.net/a/"]');
    expect(link?.getAttribute('aria-label')).toBe('Open the original article');
    expect(link?.target).toBe('_blank');
    expect(link?.rel).toBe('noopener noreferrer');
  });
});

describe('pickNeighbours', () => {
  const library: NavEntry[] = ['e', 'd', 'c', 'b', 'a'].map((id) => ({ id, title: `T${id}` }));
  const ids = (n: ReturnType<typeof pickNeighbours>) => [n.prev?.id, n.next?.id];

  it('follows the popup list order', () => {
    expect(ids(pickNeighbours('c', ['a', 'c', 'e'], library))).toEqual(['a', 'e']);
    expect(ids(pickNeighbours('a', ['a', 'c', 'e'], library))).toEqual([undefined, 'c']);
    expect(ids(pickNeighbours('e', ['a', 'c', 'e'], library))).toEqual(['c', undefined]);
  });

  it('falls back to the library order when the list is empty or lacks the article', () => {
    expect(ids(pickNeighbours('c', [], library))).toEqual(['d', 'b']);
    expect(ids(pickNeighbours('c', ['a', 'e'], library))).toEqual(['d', 'b']);
  });

  it('steps over ids no longer in the library', () => {
    expect(ids(pickNeighbours('c', ['a', 'gone', 'c', 'trashed', 'e'], library))).toEqual(['a', 'e']);
    expect(pickNeighbours('c', ['a', 'c'], library).prev?.title).toBe('Ta');
  });

  it('gives nothing for an article the library does not know', () => {
    expect(pickNeighbours('zzz', [], library)).toEqual({});
  });
});

describe('navKey', () => {
  const key = (init: Partial<Parameters<typeof navKey>[0]>) =>
    navKey({ key: '', altKey: false, ctrlKey: false, metaKey: false, target: document.body, ...init });

  it('takes brackets and Alt+arrows', () => {
    expect(key({ key: '[' })).toBe('prev');
    expect(key({ key: ']' })).toBe('next');
    expect(key({ key: ']', altKey: true, ctrlKey: true })).toBe('next');
    expect(key({ key: 'ArrowLeft', altKey: true })).toBe('prev');
    expect(key({ key: 'ArrowRight', altKey: true })).toBe('next');
  });

  it('leaves plain arrows, other shortcuts and typing alone', () => {
    expect(key({ key: 'ArrowRight' })).toBeNull();
    expect(key({ key: 'ArrowRight', altKey: true, ctrlKey: true })).toBeNull();
    expect(key({ key: ']', metaKey: true })).toBeNull();
    expect(key({ key: '[', target: document.createElement('input') })).toBeNull();
  });
});

describe('ReaderApp', () => {
  const meta = (url: string, title: string, extra: Partial<ArticleMeta> = {}): ArticleMeta => ({
    title,
    dir: 'ltr',
    lang: 'en',
    categories: [],
    tags: [],
    canonicalUrl: url,
    url,
    ...extra,
  });
  async function save(m: ArticleMeta, text: string, at: number): Promise<string> {
    const db = await openLibrary();
    try {
      const result: SaveResult = await saveToLibrary(
        db,
        { article: { meta: m, html: `<p>${text}</p>`, text, images: [] }, images: [] },
        at,
      );
      if (!result.ok) throw new Error(result.error);
      return result.id;
    } finally {
      db.close();
    }
  }
  const show = (id: string, version: number | null = null, prefs = DEFAULT_READER_PREFS) =>
    act(() =>
      render(<ReaderApp id={id} version={version} locale="en" prefs={prefs} onExport={async () => {}} />, root()),
    );
  const titleShown = (title: string) =>
    vi.waitFor(() => expect(root().querySelector('h1')?.textContent).toBe(title), { timeout: 3000 });

  it('offers the neighbours in the list order, then in the library order', async () => {
    const base = `https://chinadigitaltimes.net/nav-${crypto.randomUUID()}`;
    const a = await save(meta(`${base}/a`, 'Alpha'), 'a', Date.UTC(2024, 0, 1));
    const b = await save(meta(`${base}/b`, 'Beta'), 'b', Date.UTC(2024, 0, 2));
    const c = await save(meta(`${base}/c`, 'Gamma'), 'c', Date.UTC(2024, 0, 3));
    await listOrder.setValue([b, a, c]);
    show(a);
    await titleShown('Alpha');
    const links = () =>
      Array.from(root().querySelectorAll<HTMLAnchorElement>('.coral-nav a')).map((l) => [
        l.rel,
        l.getAttribute('href'),
        l.querySelector('.coral-nav-title')?.textContent,
      ]);
    expect(links()).toEqual([
      ['prev', `?id=${b}`, 'Beta'],
      ['next', `?id=${c}`, 'Gamma'],
    ]);
    expect(root().querySelector('.coral-nav a[rel="prev"]')?.getAttribute('title')).toBe(
      'Previous article (Alt+← or [)',
    );

    act(() => render(null, root()));
    await listOrder.setValue([]);
    show(b);
    await titleShown('Beta');
    // Newest first, and other tests' articles are older, so Gamma is before and Alpha after.
    expect(links().map(([rel, , title]) => [rel, title])).toEqual([
      ['prev', 'Gamma'],
      ['next', 'Alpha'],
    ]);
  });

  it('keeps the article the page h1, links the original, and notes several versions', async () => {
    const url = `https://chinadigitaltimes.net/v-${crypto.randomUUID()}`;
    const id = await save(meta(url, 'First title'), 'one', Date.UTC(2024, 7, 1, 12));
    await save(meta(url, 'Second title'), 'two', Date.UTC(2024, 7, 2, 12));
    show(id, 1);
    await titleShown('First title');
    expect(root().querySelectorAll('h1')).toHaveLength(1);
    expect(root().querySelector('.coral-versions-title')?.textContent).toBe('This article has 2 saved versions');
    expect(root().querySelector('.coral-version-shown')?.textContent).toMatch(/^You are reading version 1, saved on/);
    const original = root().querySelector<HTMLAnchorElement>('.coral-original a');
    expect(original?.textContent).toBe('Open the original article');
    expect(original?.href).toBe(url);
    expect(original?.rel).toBe('noopener noreferrer');
    expect(original?.target).toBe('_blank');
  });

  it('opens on the user’s own copy after a forged backup adds a newer version, and marks that version', async () => {
    const url = `https://chinadigitaltimes.net/f-${crypto.randomUUID()}`;
    const phishing = 'https://chinadigitaltimes.net.login-check.example/relogin';
    const id = await save(meta(url, 'Own title'), 'own text', Date.UTC(2025, 2, 5, 12));
    // The forged file: Coral's own export of the same address, edited by hand.
    const other = await openLibrary(`attacker-${crypto.randomUUID()}`);
    await saveToLibrary(
      other,
      { article: { meta: meta(url, 'Forged title'), html: '<p>forged</p>', text: 'forged', images: [] }, images: [] },
      1,
    );
    const zip = unzipSync(new Uint8Array(await (await exportLibrary(other)).arrayBuffer()));
    other.close();
    for (const name of Object.keys(zip).filter((n) => n.startsWith('articles/'))) {
      const file = JSON.parse(new TextDecoder().decode(zip[name]));
      for (const v of file.versions)
        Object.assign(v, { savedAt: Date.UTC(2030, 0, 1), meta: { ...v.meta, url: phishing } });
      zip[name] = new TextEncoder().encode(JSON.stringify(file));
    }
    const db = await openLibrary();
    await importLibrary(db, new Blob([zipSync(zip)]), { fileName: 'shared.zip', now: Date.UTC(2025, 2, 10, 12) });
    db.close();

    show(id);
    await titleShown('Own title');
    expect(root().querySelector('.coral-origin')?.textContent).toBe(`Saved here from ${url}`);
    expect(root().querySelector('.coral-original a')?.getAttribute('href')).toBe(url);
    expect(root().querySelector('.coral-imported-note')).toBeNull();

    act(() => render(null, root()));
    show(id, 2);
    await titleShown('Forged title');
    expect(root().querySelector('.coral-origin')?.textContent).toMatch(/^Imported from shared\.zip on March 10, 2025/);
    expect(root().querySelector('.coral-imported-note a')?.getAttribute('href')).toBe(`?id=${id}&v=1`);
    const links = Array.from(root().querySelectorAll<HTMLAnchorElement>('a[href^="http"]'));
    // The file's address appears once, in full and marked, never as "the original" or a source title.
    expect(links.map((a) => [a.closest('p')?.className, a.textContent, a.rel])).toEqual([
      ['coral-imported-address', phishing, 'noopener noreferrer'],
    ]);
  });

  describe('a Chinese article with its CDT 档案卡', () => {
    const card =
      '<div><h3>CDT 档案卡</h3><table><tbody><tr><td>标题：</td><td>原来的标题</td></tr>' +
      '<tr><td>作者：</td><td>河边记事</td></tr><tr><td>来源：</td><td>微信公众号</td></tr>' +
      '<tr><td>版权说明：</td><td>该作品版权归原作者所有。</td></tr></tbody></table></div>';
    async function saveChinese(): Promise<string> {
      const url = `https://chinadigitaltimes.net/chinese/${crypto.randomUUID()}.html`;
      const m = meta(url, '【404文库】一篇文章', {
        lang: 'zh-CN',
        published: '2024-08-01T08:00:00+08:00',
        archiveCard: { originalTitle: '原来的标题', originalAuthor: '河边记事', source: '微信公众号' },
      });
      const db = await openLibrary();
      try {
        const article = { meta: m, html: `<p>正文。</p>${card}`, text: '正文。', images: [] };
        const result = await saveToLibrary(db, { article, images: [] }, Date.UTC(2024, 8, 3, 12));
        if (!result.ok) throw new Error(result.error);
        return result.id;
      } finally {
        db.close();
      }
    }
    const showIn = (id: string, locale: string) =>
      act(() =>
        render(
          <ReaderApp id={id} version={null} locale={locale} prefs={DEFAULT_READER_PREFS} onExport={async () => {}} />,
          root(),
        ),
      );
    const count = (text: string, part: string) => text.split(part).length - 1;

    it('labels it in the reader language and says when it was saved once, in one format', async () => {
      const id = await saveChinese();
      showIn(id, 'en');
      await titleShown('【404文库】一篇文章');
      expect(root().querySelector('article')?.getAttribute('lang')).toBe('zh-CN');
      const page = root().textContent ?? '';
      expect(count(page, 'September 3, 2024')).toBe(1);
      expect(page).not.toMatch(/保存时间|发布时间|原文链接|2024年/);
      const facts = root().querySelector('.coral-facts');
      expect(facts?.getAttribute('lang')).toBe('en');
      expect(facts?.textContent).toContain('Published');
      expect(facts?.textContent).toContain('August 1, 2024');

      act(() => render(null, root()));
      showIn(id, 'zh-CN');
      await titleShown('【404文库】一篇文章');
      const zh = root().textContent ?? '';
      expect(count(zh, '2024年9月3日')).toBe(1);
      expect(zh).toContain('保存时间');
      // The article's own labels; the lines around it come from browser.i18n, which is English under vitest.
      expect(root().querySelector('article')?.textContent).not.toMatch(/Saved|Published|September/);
    });

    it('shows the archive card once: the whole card from the body, none in the header', async () => {
      showIn(await saveChinese(), 'en');
      await titleShown('【404文库】一篇文章');
      const cards = root().querySelectorAll('.coral-archive-card');
      expect(cards).toHaveLength(1);
      expect(cards[0]?.closest('.coral-body')).not.toBeNull();
      expect(cards[0]?.querySelector('h3')?.textContent).toBe('CDT 档案卡');
      expect(cards[0]?.textContent).toContain('该作品版权归原作者所有。');
      expect(count(root().textContent ?? '', '原来的标题')).toBe(1);
      expect(root().querySelector('.coral-header')?.textContent).not.toContain('河边记事');
    });
  });

  describe('Article not found', () => {
    const showMissing = (id: string | null, openLibrary?: () => Promise<void>) =>
      act(() =>
        render(
          <ReaderApp
            id={id}
            version={null}
            locale="en"
            prefs={DEFAULT_READER_PREFS}
            onExport={async () => {}}
            openLibrary={openLibrary}
          />,
          root(),
        ),
      );
    const heading = () =>
      vi.waitFor(() => expect(root().querySelector('h1')?.textContent).toBe('Article not found'), { timeout: 3000 });

    it('leads back to the newest saved articles and says where the library is', async () => {
      const base = `https://chinadigitaltimes.net/gone-${crypto.randomUUID()}`;
      await save(meta(`${base}/old`, 'Older one'), 'o', Date.now() + 1000);
      const newest = await save(meta(`${base}/new`, '最新的一篇', { lang: 'zh-CN' }), 'n', Date.now() + 2000);
      showMissing(`deleted-${crypto.randomUUID()}`);
      await heading();
      const links = Array.from(root().querySelectorAll<HTMLAnchorElement>('.coral-recent a'));
      expect(links.slice(0, 2).map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
        ['最新的一篇', `?id=${newest}`],
        ['Older one', expect.stringMatching(/^\?id=/)],
      ]);
      expect(links[0]?.lang).toBe('zh-CN');
      expect(links.length).toBeLessThanOrEqual(8);
      expect(root().textContent).toContain('Coral’s button in the browser toolbar');
      // No opener (a browser without openPopup): no button that would do nothing.
      expect(root().querySelector('.coral-open-library')).toBeNull();
    });

    it('opens the library where the browser can, and says what to do when it refuses', async () => {
      const opener = vi
        .fn<() => Promise<void>>()
        .mockRejectedValueOnce(new Error('No active window'))
        .mockResolvedValue();
      showMissing(null, opener);
      await heading();
      click(root().querySelector('.coral-open-library'));
      await vi.waitFor(() => expect(root().querySelector('[role="status"]')?.textContent).toMatch(/did not let/));
      expect(root().textContent).not.toContain('No active window');
      click(root().querySelector('.coral-open-library'));
      expect(opener).toHaveBeenCalledTimes(2);
      await vi.waitFor(() => expect(root().querySelector('[role="status"]')).toBeNull());
    });
  });

  it('lays out a right-to-left article right to left and leaves the toolbar alone', async () => {
    const url = `https://chinadigitaltimes.net/ug-${crypto.randomUUID()}`;
    const id = await save(meta(url, 'ئۇيغۇر', { lang: 'ug', dir: 'rtl' }), 'ئۇيغۇرچە', Date.UTC(2024, 1, 1));
    show(id);
    await titleShown('ئۇيغۇر');
    const article = root().querySelector('article');
    expect(article?.getAttribute('dir')).toBe('rtl');
    expect(article?.getAttribute('lang')).toBe('ug');
    expect(root().querySelector('.coral-toolbar')?.closest('[dir="rtl"]')).toBeNull();
  });

  it('remembers prefs and follows changes made in another tab', async () => {
    const id = await save(meta(`https://chinadigitaltimes.net/p-${crypto.randomUUID()}`, 'Prefs'), 'p', 1);
    show(id);
    await titleShown('Prefs');
    click(root().querySelector('[aria-label="Larger text"]'));
    expect(document.documentElement.style.getPropertyValue('--reader-font-size')).toBe('21px');
    await vi.waitFor(async () => expect((await readerPrefs.getValue()).fontSize).toBe(21));
    await readerPrefs.setValue({ ...DEFAULT_READER_PREFS, theme: 'dark', fontSize: 26 });
    await vi.waitFor(() => expect(document.documentElement.dataset.theme).toBe('dark'));
    expect(root().querySelector('output')?.textContent).toBe('26 px');
  });

  it('reopens where the reader left off and saves how far they got', async () => {
    const id = await save(meta(`https://chinadigitaltimes.net/r-${crypto.randomUUID()}`, 'Long read'), 'r', 1);
    const db = await openLibrary();
    const { setProgress } = await import('../../../utils/library/edit');
    await setProgress(db, id, 0.5);
    // happy-dom does no layout: the article is 4800 px tall in a window 800 px high.
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(800);
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const bottom = this.classList.contains('coral-article') ? 4800 - window.scrollY : 0;
      return { bottom, top: 0, left: 0, right: 0, width: 0, height: bottom, x: 0, y: 0, toJSON: () => ({}) };
    });
    show(id);
    await titleShown('Long read');
    await vi.waitFor(() => expect(window.scrollY).toBe(2000), { timeout: 3000 });
    window.scrollTo(0, 4000);
    window.dispatchEvent(new Event('scroll'));
    await vi.waitFor(async () =>
      expect((await getArticle(db, id))?.article).toMatchObject({ progress: 1, read: true }),
    );
    db.close();
    window.scrollTo(0, 0);
  });
});
