// Search as you type, for the popup: the first page of what `searchLibrary` would return, found with
// bounded work. Reading an index entry costs about as much whether it is counted or fetched, so a
// common word's whole posting list (thousands of entries) cannot be read per keystroke. Instead each
// term's list is read only up to a limit: a list that ends before it is complete and narrows the
// candidates; otherwise articles are checked newest first against their index records, and the walk
// stops once the page is full. The saved order and the records read are kept for the session, so the
// next keystroke re-reads almost nothing.
import type { IDBPDatabase } from 'idb';
import type { CoralDB } from '../db/schema';
import { articleIdOf, searchKey } from './keys';
import { queryTokens } from './text';
import { TITLE_MARK } from './tokens';

type LibraryDB = IDBPDatabase<CoralDB>;

/** How many matches the popup asks for per query; it says when there are more. */
export const SEARCH_PAGE_SIZE = 200;

export interface SearchPage {
  /** The first matches in `searchLibrary`'s order: title matches first, then newest first. */
  ids: string[];
  /** More articles match than `ids` holds. */
  truncated: boolean;
}

export interface SearchSession {
  search(query: string, limit?: number): Promise<SearchPage | null>;
  /** Reads the saved order and the newest records ahead of the first keystroke, in small steps. */
  warm(): Promise<void>;
  /** Drops what is cached about these articles (all, without ids) after they were edited or saved. */
  forget(ids?: readonly string[]): void;
}

/** A posting list shorter than this is read whole and narrows the search; a longer one is checked per article. */
const BODY_LIMIT = 300;
/** Title lists are shorter and read further, so that title matches rarely need a walk. */
const TITLE_LIMIT = 2500;
const BATCH = 100;
/** Records `warm` reads ahead, newest first: a common word's first page is almost always among them. */
const PRELOAD = 2000;
/** Cached records (a few KB each) beyond which new ones are used once and not kept. */
const MAX_RECORDS = 5000;
/** Records a search may read before it reads its words' whole lists instead: that is cheaper from here on. */
const WALK_BUDGET = 300;
const MAX_LISTS = 64;

// An article's tokens as one string, "\ntoken\ntoken\n": a few KB rather than a Set of hundreds of strings.
const SEP = '\n';

interface Term {
  key: string;
  range: IDBKeyRange;
  /** An exact token, whose whole list is worth reading when walking gets long; not a prefix range. */
  exact: boolean;
  /** The record has it: the token itself, or any token starting with the prefix. */
  has: (tokens: string) => boolean;
}

interface Read {
  term: Term;
  /** Every article with the term, when the list ended before the limit or was read whole. */
  all?: Set<string>;
}

function termsFor(tokens: string[], prefix: string | undefined, mark: string): Term[] {
  const terms: Term[] = tokens.map((t) => {
    const needle = `${SEP}${mark}${t}${SEP}`;
    return { key: `=${mark}${t}`, range: IDBKeyRange.only(mark + t), exact: true, has: (s) => s.includes(needle) };
  });
  if (prefix !== undefined) {
    const p = mark + prefix;
    const needle = SEP + p;
    terms.push({
      key: `>${p}`,
      range: IDBKeyRange.bound(p, `${p}\uffff`),
      exact: false,
      has: (s) => s.includes(needle),
    });
  }
  return terms;
}

/** The index records of `ids` as "\ntoken\ntoken\n" strings, null where an article has none. */
async function readRecords(db: LibraryDB, ids: readonly string[]): Promise<(string | null)[]> {
  const store = db.transaction('search').store;
  const found = await Promise.all(ids.map((id) => store.get(searchKey(id))));
  return found.map((record) => (record?.tokens ? `${SEP}${record.tokens.join(SEP)}${SEP}` : null));
}

/** A walk over candidates: lists known whole are checked in memory, open ones against records. */
interface Walk {
  complete: Read[];
  open: Read[];
  candidates: string[];
}

/** Candidates are the smallest complete list in saved order or, failing one, every article newest first. */
function startWalk(reads: Read[], rank: ReadonlyMap<string, number>, newestFirst: string[]): Walk {
  const complete = reads.filter((r) => r.all).sort((a, b) => (a.all?.size ?? 0) - (b.all?.size ?? 0));
  const smallest = complete[0]?.all;
  const byRank = (id: string) => rank.get(id) ?? -1; // saved since the order was read: newest
  const candidates = smallest ? [...smallest].sort((a, b) => byRank(a) - byRank(b)) : newestFirst;
  return { complete, open: reads.filter((r) => !r.all), candidates };
}

/** Past the budget, an exact word's whole list is cheaper than reading more records. */
const worthReadingWhole = (walk: Walk, readCount: number) =>
  walk.open.length > 0 && readCount > WALK_BUDGET && walk.open.some((r) => r.term.exact);

/** Adds to `out` (up to `want`) the ids of `batch` whose records have every open term. */
function takeMatching(
  batch: readonly string[],
  records: ReadonlyMap<string, string | null>,
  open: readonly Read[],
  out: string[],
  want: number,
): void {
  for (const id of batch) {
    if (out.length >= want) return;
    const tokens = records.get(id);
    if (open.length > 0 && !(tokens && open.every((r) => r.term.has(tokens)))) continue;
    out.push(id);
  }
}

/** What a session keeps between keystrokes; `forget` replaces its caches rather than clearing them. */
interface SessionState {
  db: LibraryDB;
  ordered?: Promise<void>;
  rank: Map<string, number>;
  newestFirst: string[];
  records: Map<string, string | null>;
  /** Posting lists read so far: complete ones, or null for one known to be longer than its limit. */
  lists: Map<string, Set<string> | null>;
}

function order(s: SessionState): Promise<void> {
  if (s.ordered) return s.ordered;
  const mine = s.db.getAllKeysFromIndex('articles', 'by-saved').then((keys) => {
    if (s.ordered !== mine) return; // forgotten while reading
    s.newestFirst = keys.reverse();
    s.rank = new Map(s.newestFirst.map((id, i) => [id, i]));
  });
  s.ordered = mine;
  return mine;
}

/** The records of `ids`, from the cache or read in one go; how many had to be read. */
async function load(s: SessionState, ids: string[], into: Map<string, string | null>): Promise<number> {
  const missing = ids.filter((id) => !s.records.has(id));
  for (const id of ids) if (s.records.has(id)) into.set(id, s.records.get(id) ?? null);
  if (missing.length === 0) return 0;
  const cache = s.records; // replaced, not filled, if forgotten meanwhile
  const found = await readRecords(s.db, missing);
  for (const [i, id] of missing.entries()) {
    const joined = found[i] ?? null;
    into.set(id, joined);
    if (cache.size < MAX_RECORDS) cache.set(id, joined);
  }
  return missing.length;
}

async function readTerms(s: SessionState, terms: Term[], limit: number): Promise<Read[]> {
  const index = s.db.transaction('search').store.index('by-token');
  const fresh = terms.filter((t) => !s.lists.has(t.key));
  const cache = s.lists;
  const read = await Promise.all(fresh.map((t) => index.getAllKeys(t.range, limit)));
  const found = new Map(terms.map((t) => [t.key, cache.get(t.key) ?? null]));
  for (const [i, t] of fresh.entries()) {
    const ids = (read[i] ?? []).map(articleIdOf);
    found.set(t.key, ids.length < limit ? new Set(ids) : null);
  }
  if (cache === s.lists) {
    if (s.lists.size + fresh.length > MAX_LISTS) s.lists = new Map();
    for (const t of fresh) s.lists.set(t.key, found.get(t.key) ?? null);
  }
  return terms.map((term) => ({ term, all: found.get(term.key) ?? undefined }));
}

async function readWhole(s: SessionState, reads: Read[]): Promise<void> {
  const index = s.db.transaction('search').store.index('by-token');
  const cache = s.lists;
  await Promise.all(
    reads.map(async (r) => {
      r.all = new Set((await index.getAllKeys(r.term.range)).map(articleIdOf));
      if (cache === s.lists) s.lists.set(r.term.key, r.all);
    }),
  );
}

/** Reads the exact open terms' whole lists; the batch keeps only the ids on all of them. */
async function completeExact(s: SessionState, walk: Walk, batch: string[]): Promise<string[]> {
  const whole = walk.open.filter((r) => r.term.exact);
  await readWhole(s, whole);
  walk.complete.push(...whole);
  walk.open = walk.open.filter((r) => !r.all);
  return batch.filter((id) => whole.every((r) => r.all?.has(id)));
}

/** Up to `want` articles having every term, in saved order, skipping `skip`. */
async function collect(s: SessionState, reads: Read[], want: number, skip: (id: string) => boolean): Promise<string[]> {
  const walk = startWalk(reads, s.rank, s.newestFirst);
  const out: string[] = [];
  const batchRecords = new Map<string, string | null>();
  let readCount = 0;
  for (let i = 0; i < walk.candidates.length && out.length < want; i += BATCH) {
    let batch = walk.candidates
      .slice(i, i + BATCH)
      .filter((id) => !skip(id) && walk.complete.every((r) => r.all?.has(id)));
    if (worthReadingWhole(walk, readCount)) batch = await completeExact(s, walk, batch);
    batchRecords.clear();
    if (walk.open.length > 0) readCount += await load(s, batch, batchRecords);
    takeMatching(batch, batchRecords, walk.open, out, want);
  }
  return out;
}

async function search(s: SessionState, query: string, limit = SEARCH_PAGE_SIZE): Promise<SearchPage | null> {
  const { tokens, prefix } = queryTokens(query);
  if (tokens.length === 0 && prefix === undefined) return null;
  const [, trashed, body, title] = await Promise.all([
    order(s),
    s.db.getAllKeysFromIndex('articles', 'by-trashed'),
    readTerms(s, termsFor(tokens, prefix, ''), BODY_LIMIT),
    readTerms(s, termsFor(tokens, prefix, TITLE_MARK), TITLE_LIMIT),
  ]);
  if (body.some((r) => r.all?.size === 0)) return { ids: [], truncated: false };
  const trash = new Set(trashed);
  const want = limit + 1;
  // A title's words are in the body terms too: complete body lists narrow title matches for free,
  // and open ones need no checking.
  const inTitle = await collect(s, [...title, ...body.filter((r) => r.all)], want, (id) => trash.has(id));
  const titled = new Set(inTitle);
  const rest =
    inTitle.length < want ? await collect(s, body, want - inTitle.length, (id) => trash.has(id) || titled.has(id)) : [];
  const ids = [...inTitle, ...rest];
  return { ids: ids.slice(0, limit), truncated: ids.length > limit };
}

async function warm(s: SessionState): Promise<void> {
  await order(s);
  for (let i = 0; i < Math.min(PRELOAD, s.newestFirst.length); i += BATCH * 2) {
    await load(s, s.newestFirst.slice(i, i + BATCH * 2), new Map());
  }
}

export function searchSession(db: LibraryDB): SearchSession {
  const s: SessionState = { db, rank: new Map(), newestFirst: [], records: new Map(), lists: new Map() };
  return {
    search: (query, limit) => search(s, query, limit),
    warm: () => warm(s),
    forget(ids) {
      s.lists = new Map();
      if (!ids) {
        s.ordered = undefined;
        s.records = new Map();
      } else for (const id of ids) s.records.delete(id);
    },
  };
}

/** One page of matches without a session: for a single query, nothing worth keeping. */
export function searchLibraryPage(db: LibraryDB, query: string, limit = SEARCH_PAGE_SIZE): Promise<SearchPage | null> {
  return searchSession(db).search(query, limit);
}
