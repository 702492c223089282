// Search checked against the plainest definition of a match: the article's text contains the query
// once every character is replaced by its class, the characters OpenCC's tables link over any number of
// steps (worked out here from the tables, not from the fold table under test). The corpus is built from
// the multi-step variant chains (么/幺/麼/麽 and the like), each character written in a random one of its
// forms, so the query and the text rarely spell a word the same way.
import type { IDBPDatabase } from 'idb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tablePairs } from '../../../scripts/fold-table';
import { saveToLibrary } from '../../../utils/library/articles';
import { openLibrary } from '../../../utils/library/db/open';
import type { CoralDB } from '../../../utils/library/db/schema';
import { searchSession } from '../../../utils/library/search/session';
import { searchLibrary } from '../../../utils/library/search/tokens';

/** A small deterministic generator, so a failure can be replayed. */
function prng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s % n;
  };
}
const rand = prng(9);
const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)] as T;

/** Each character's class: the linked characters, by repeated merging until nothing changes. */
function classes(): Map<string, Set<string>> {
  const of = new Map<string, Set<string>>();
  for (const [a, b] of tablePairs().map((p) => p.map((ch) => ch.normalize('NFKC')))) {
    const x = of.get(a as string) ?? new Set([a as string]);
    const y = of.get(b as string) ?? new Set([b as string]);
    const merged = x === y ? x : new Set([...x, ...y]);
    for (const ch of merged) of.set(ch, merged);
  }
  return of;
}
const classOf = classes();
const groups = [...new Set(classOf.values())].map((g) => [...g]);
/** Lower case, NFKC, and each character as the smallest of its class. */
const oracleFold = (s: string): string =>
  [...s.normalize('NFKC').toLowerCase()].map((ch) => [...(classOf.get(ch) ?? [ch])].sort()[0]).join('');
// The chains the one-pass table broke, and every other group of three forms or more, in small number.
const chains = [
  ...groups.filter((g) => g.some((ch) => '么发台干里审'.includes(ch))),
  ...groups.filter((g) => g.length >= 3).filter((_, i) => i % 10 === 0),
];
const plain = ['的', '中', '国', '人'].map((ch) => [ch]);
const pool = [...chains, ...plain];
const WORDS = ['Censor', 'firewall', 'WEIBO', 'lawyer'];

/** One character of the pool in a random form: a word and its query are spelled independently. */
const anyForm = (group: readonly string[]): string => pick(group);
const respell = (text: string): string =>
  [...text].map((ch) => anyForm(pool.find((g) => g.includes(ch)) ?? [ch])).join('');
const cjkRun = (length: number): string => Array.from({ length }, () => anyForm(pick(pool))).join('');

const texts = Array.from({ length: 60 }, () => `${cjkRun(8)} ${pick(WORDS)} ${cjkRun(8)}`);

const db: { current?: IDBPDatabase<CoralDB>; ids: string[] } = { ids: [] };
beforeAll(async () => {
  const library = await openLibrary(`search-oracle-${crypto.randomUUID()}`);
  db.current = library;
  for (const [i, text] of texts.entries()) {
    const url = `https://chinadigitaltimes.net/oracle-${i}/`;
    const meta = { title: `Item ${i}`, dir: 'ltr' as const, categories: [], tags: [], canonicalUrl: url, url };
    const saved = await saveToLibrary(
      library,
      { article: { meta, html: `<p>${text}</p>`, text, images: [] }, images: [] },
      i + 1,
    );
    if (!saved.ok) throw new Error(saved.error);
    db.ids.push(saved.id);
  }
}, 60_000);
afterAll(() => db.current?.close());

const expected = (query: string): string[] =>
  db.ids.filter((_, i) => oracleFold(texts[i] as string).includes(oracleFold(query))).sort();

/** Queries taken from the texts (so most match), respelled, and a few made up (so some do not). */
function cjkQueries(length: number): string[] {
  const out = new Set<string>();
  for (const text of texts.slice(0, 20)) {
    const run = [...(text.split(' ')[0] ?? '')];
    const at = rand(run.length - length + 1);
    out.add(respell(run.slice(at, at + length).join('')));
  }
  for (let i = 0; i < 10; i++) out.add(cjkRun(length));
  return [...out];
}

async function bothWays(query: string): Promise<{ full: string[]; session: string[] }> {
  const library = db.current as IDBPDatabase<CoralDB>;
  const full = ((await searchLibrary(library, query)) ?? []).slice().sort();
  const page = await searchSession(library).search(query, 10_000);
  return { full, session: (page?.ids ?? []).slice().sort() };
}

describe('search against plain substring matching after folding', () => {
  it('finds exactly the articles with a one- or two-character CJK query, in any form', async () => {
    const queries = [...cjkQueries(1), ...cjkQueries(2), '什么', '什麼', '什麽', '麼', '么'];
    let matched = 0;
    for (const query of queries) {
      const want = expected(query);
      matched += want.length;
      const { full, session } = await bothWays(query);
      expect(full, query).toEqual(want);
      expect(session, query).toEqual(want);
    }
    expect(matched).toBeGreaterThan(queries.length);
  });

  it('misses no article with a three- or four-character CJK query', async () => {
    for (const query of [...cjkQueries(3), ...cjkQueries(4)]) {
      const want = expected(query);
      const { full, session } = await bothWays(query);
      // Pairs approximate a phrase: every true match is found, and what else is found has every pair.
      expect(full, query).toEqual(expect.arrayContaining(want));
      expect(session, query).toEqual(full);
    }
  });

  it('finds exactly the articles with a whole word, whatever its case', async () => {
    for (const word of [...WORDS, 'censor', 'weibo', 'Firewall']) {
      const want = db.ids
        .filter((_, i) =>
          oracleFold(texts[i] as string)
            .split(' ')
            .includes(oracleFold(word)),
        )
        .sort();
      expect(want.length).toBeGreaterThan(0);
      const { full, session } = await bothWays(`${word} `);
      expect(full, word).toEqual(want);
      expect(session, word).toEqual(want);
    }
  });
});
