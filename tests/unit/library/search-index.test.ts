import type { IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { saveToLibrary } from '../../../utils/library/articles';
import { openLibrary } from '../../../utils/library/db/open';
import type { CoralDB } from '../../../utils/library/db/schema';
import { addTags, trashArticles } from '../../../utils/library/edit';
import { foldText } from '../../../utils/library/search/text';
import { searchLibrary, searchTokensFor, TITLE_MARK } from '../../../utils/library/search/tokens';
import type { ArticleMeta } from '../../../utils/shared/article';
import { syntheticLibrary, writeSynthetic } from '../../support/synthetic-library';

const dbs: IDBPDatabase<CoralDB>[] = [];
async function freshDb(): Promise<IDBPDatabase<CoralDB>> {
  const db = await openLibrary(`search-test-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const meta = (slug: string, title: string, extra: Partial<ArticleMeta> = {}): ArticleMeta => {
  const url = `https://chinadigitaltimes.net/${slug}/`;
  return { title, dir: 'ltr', categories: [], tags: [], canonicalUrl: url, url, ...extra };
};

/** Saves articles in order, one day apart, and returns their ids by slug. */
async function library(db: IDBPDatabase<CoralDB>, items: Array<[string, ArticleMeta, string]>) {
  const ids: Record<string, string> = {};
  for (const [i, [slug, m, text]] of items.entries()) {
    const r = await saveToLibrary(
      db,
      { article: { meta: m, html: `<p>${text}</p>`, text, images: [] }, images: [] },
      (i + 1) * 86_400_000,
    );
    if (!r.ok) throw new Error(r.error);
    ids[slug] = r.id;
  }
  return ids;
}

describe('searchTokensFor', () => {
  it('covers title, author, site, both kinds of tags, categories, the archive card and the text', () => {
    const tokens = searchTokensFor(
      meta('x', 'Firewall Report', {
        author: 'Samuel Wade',
        siteName: 'China Digital Times',
        tags: ['Xinjiang'],
        categories: ['Politics'],
        archiveCard: { originalTitle: '原標題', originalAuthor: '作者甲', source: '財新網' },
      }),
      ['to read'],
      'Body text',
    );
    for (const t of ['firewall', 'report', 'samuel', 'wade', 'digital', 'xinjiang', 'politics', 'read', 'body']) {
      expect(tokens).toContain(t);
    }
    for (const t of ['原标', '标题', '作者', '财新']) expect(tokens).toContain(t);
    expect(tokens).toContain(`${TITLE_MARK}firewall`);
    expect(tokens).not.toContain(`${TITLE_MARK}body`);
    // Fields do not run together: the last word of one and the first of the next make no pair.
    expect(searchTokensFor(meta('y', '审查'), [], '制度')).not.toContain('查制');
  });
});

describe('searchLibrary', () => {
  async function seeded() {
    const db = await freshDb();
    const ids = await library(db, [
      ['en-old', meta('en-old', 'Weibo posts deleted'), 'Censors removed the firewall report from Weibo.'],
      ['zh-tw', meta('zh-tw', '網絡審查的新規定'), '記者發現更多文章被刪除。'],
      ['zh-cn', meta('zh-cn', '律师维权'), '网络审查越来越严，文章被删除。'],
      ['mixed', meta('mixed', 'Firewall 防火长城 explained'), 'The Great Firewall blocks censorship circumvention.'],
      ['en-new', meta('en-new', 'Court verdict'), 'A lawyer spoke about censorship after the verdict.'],
    ]);
    return { db, ids };
  }

  it('gives null for a query with nothing to search for', async () => {
    const { db } = await seeded();
    expect(await searchLibrary(db, '')).toBeNull();
    expect(await searchLibrary(db, '   ')).toBeNull();
    expect(await searchLibrary(db, 'x')).toBeNull();
  });

  it('finds English words, needing all of them, case-insensitively', async () => {
    const { db, ids } = await seeded();
    expect(await searchLibrary(db, 'censorship ')).toEqual([ids['en-new'], ids.mixed]);
    expect(await searchLibrary(db, 'CENSORSHIP lawyer ')).toEqual([ids['en-new']]);
    expect(await searchLibrary(db, 'censorship weibo ')).toEqual([]);
    expect(await searchLibrary(db, 'nowhere')).toEqual([]);
  });

  it('finds Simplified with Traditional and Traditional with Simplified', async () => {
    const { db, ids } = await seeded();
    const both = [ids['zh-tw'], ids['zh-cn']];
    // Both have it in the text; only the Traditional one has it in the title, so it comes first.
    expect(await searchLibrary(db, '网络审查')).toEqual(both);
    expect(await searchLibrary(db, '網絡審查')).toEqual(both);
    expect(await searchLibrary(db, '删除')).toEqual([ids['zh-cn'], ids['zh-tw']]);
    expect(await searchLibrary(db, '刪除')).toEqual([ids['zh-cn'], ids['zh-tw']]);
    expect(await searchLibrary(db, '記者')).toEqual([ids['zh-tw']]);
    expect(await searchLibrary(db, '维')).toEqual([ids['zh-cn']]);
    expect(await searchLibrary(db, '审查律师')).toEqual([]);
  });

  it('finds mixed queries and prefixes while typing', async () => {
    const { db, ids } = await seeded();
    expect(await searchLibrary(db, '防火長城 firewall')).toEqual([ids.mixed]);
    expect(await searchLibrary(db, 'fire')).toEqual([ids.mixed, ids['en-old']]);
    expect(await searchLibrary(db, 'censor')).toEqual([ids['en-new'], ids.mixed, ids['en-old']]);
    expect(await searchLibrary(db, 'censor ')).toEqual([]);
    expect(await searchLibrary(db, 'weibo del')).toEqual([ids['en-old']]);
    expect(await searchLibrary(db, 'weibo delx')).toEqual([]);
  });

  it('ranks title matches first, then the most recently saved', async () => {
    const { db, ids } = await seeded();
    // Title: en-old (Weibo posts deleted). Text only: nothing else has "weibo".
    expect(await searchLibrary(db, 'verdict ')).toEqual([ids['en-new']]);
    expect(await searchLibrary(db, 'firewall ')).toEqual([ids.mixed, ids['en-old']]);
    await addTags(db, [ids['en-new'] as string], ['Firewall']);
    // en-new is the newest, but firewall is only in its tags: it comes after the title matches.
    expect(await searchLibrary(db, 'firewall ')).toEqual([ids.mixed, ids['en-new'], ids['en-old']]);
  });

  it('leaves out the trash', async () => {
    const { db, ids } = await seeded();
    await trashArticles(db, [ids.mixed as string], 1);
    expect(await searchLibrary(db, 'censorship')).toEqual([ids['en-new']]);
  });
});

describe('searchLibrary on 2,000 synthetic articles', () => {
  const fields = (m: ArticleMeta, tags: string[], text: string) =>
    foldText([m.title, m.author, m.siteName, ...tags, ...m.tags, ...m.categories, text].join('\n'));

  it('returns exactly the articles that contain the query, title matches first, newest first', async () => {
    const db = await freshDb();
    const lib = syntheticLibrary(2_000, 42);
    await writeSynthetic(db, lib);
    expect(await db.count('search')).toBe(2_000);
    const trashed = new Set(lib.articles.slice(0, 50).map((a) => a.id));
    await trashArticles(db, [...trashed], 1);

    const bodies = new Map(lib.versions.map((v) => [v.articleId, v.text]));
    const folded = new Map(lib.articles.map((a) => [a.id, fields(a.meta, a.tags, bodies.get(a.id) ?? '')]));
    // Substring oracles, independent of the tokenizer: a word with word boundaries, a CJK phrase, a prefix.
    const cases: Array<[string, (folded: string) => boolean, (title: string) => boolean]> = [
      ['censorship ', (f) => /\bcensorship\b/.test(f), (t) => /\bcensorship\b/.test(t)],
      ['corrup', (f) => /\bcorrup/.test(f), (t) => /\bcorrup/.test(t)],
      ['审查', (f) => f.includes('审查'), (t) => t.includes('审查')],
      ['審查', (f) => f.includes('审查'), (t) => t.includes('审查')],
      ['防火長城', (f) => f.includes('防火长城'), (t) => t.includes('防火长城')],
      [
        'police verdict ',
        (f) => /\bpolice\b/.test(f) && /\bverdict\b/.test(f),
        (t) => /\bpolice\b/.test(t) && /\bverdict\b/.test(t),
      ],
    ];
    for (const [query, matches, inTitle] of cases) {
      const expected = lib.articles
        .filter((a) => !trashed.has(a.id) && matches(folded.get(a.id) ?? ''))
        .sort((a, b) => b.savedAt - a.savedAt || (a.id < b.id ? 1 : -1));
      const titled = expected.filter((a) => inTitle(foldText(a.meta.title)));
      const rest = expected.filter((a) => !inTitle(foldText(a.meta.title)));
      const result = await searchLibrary(db, query);
      expect(result?.length, query).toBeGreaterThan(0);
      expect(result, query).toEqual([...titled, ...rest].map((a) => a.id));
    }
    expect(await searchLibrary(db, 'zzzz')).toEqual([]);
  }, 60_000);
});
