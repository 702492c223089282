// Text as the search index sees it: folded so that width, case and Traditional/Simplified Chinese do
// not matter, and cut into tokens. Pure functions, shared by saving (document side) and the popup
// (query side), so both sides always fold the same way.
import { FOLD_GROUPS } from './fold-table';

let foldMap: Map<string, string> | undefined;

// Character by character, not OpenCC's phrase-aware conversion: phrase conversion depends on the
// neighbours ("乾坤" stays, "乾" alone becomes "干"), so a query could fold differently from the same
// characters inside a document and miss. Per character, a substring always folds to a substring. The
// groups are closed (see scripts/fold-table.ts): every form of a character folds to the same one.
function chineseFoldMap(): Map<string, string> {
  if (foldMap) return foldMap;
  const map = new Map<string, string>();
  for (const group of FOLD_GROUPS.split(' ')) {
    const [rep = '', ...others] = group;
    for (const ch of others) map.set(ch, rep);
  }
  foldMap = map;
  return map;
}

const HAN = /\p{Script=Han}/u;

/** NFKC, lower case, Traditional Chinese → Simplified: "審查" and "审查" fold to the same text. */
export function foldText(s: string): string {
  const normalized = s.normalize('NFKC').toLowerCase();
  if (!HAN.test(normalized)) return normalized;
  const map = chineseFoldMap();
  let out = '';
  for (const ch of normalized) out += map.get(ch) ?? ch;
  return out;
}

// CJK scripts are written without spaces: they are indexed as characters and character pairs.
// Everything else with letters (Latin, Cyrillic, Arabic and Uyghur, Greek…) is split into words.
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u30fc';
// A word is matched at most MAX_WORD + 1 letters at a time: an unbounded repeat of the lookahead group
// overflowed the stack on a 10-million-letter "word" (and failed the whole save). Longer is not a word
// anyone searches for (a pasted blob, a run of one key), so it is not indexed at all.
const MAX_WORD = 100;
const RUNS = new RegExp(`([${CJK}]+)|((?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}]){1,${MAX_WORD + 1}})`, 'gu');
const DIGITS = /^\p{N}+$/u;

interface Run {
  cjk: boolean;
  text: string;
  /** Where the run ends in the folded text, to tell whether the query ends right after it. */
  end: number;
}

function runs(folded: string): Run[] {
  const out: Run[] = [];
  // Where the last piece of a too-long word ended: a piece that starts right there is more of it.
  let longUntil = -1;
  for (const m of folded.matchAll(RUNS)) {
    const text = m[0];
    const start = m.index ?? 0;
    const end = start + text.length;
    const cjk = m[1] !== undefined;
    const long = !cjk && (start === longUntil || (text.length > MAX_WORD && [...text].length > MAX_WORD));
    if (long) longUntil = end;
    else out.push({ cjk, text, end });
  }
  return out;
}

/**
 * A word is worth indexing when it has two or more characters, or is a number: single letters
 * ("a", "I", the "s" of "China's") are noise, but "June 4" should find the 4.
 */
const isWordToken = (word: string): boolean => word.length >= 2 || DIGITS.test(word);

function cjkTokens(run: string, into: Set<string>, singles: boolean): void {
  const chars = [...run];
  if (chars.length === 1 || singles) for (const ch of chars) into.add(ch);
  for (let i = 0; i + 1 < chars.length; i++) into.add(`${chars[i]}${chars[i + 1]}`);
}

/** Unique tokens of a document's text: CJK characters and character pairs, and words. */
export function tokenize(text: string): string[] {
  const tokens = new Set<string>();
  for (const run of runs(foldText(text))) {
    if (run.cjk) cjkTokens(run.text, tokens, true);
    else if (isWordToken(run.text)) tokens.add(run.text);
  }
  return [...tokens];
}

/**
 * Tokens every match must have. CJK is searched by character pairs, which approximates a phrase
 * search; a lone CJK character is searched as itself. While the user is still typing the last word
 * (no trailing space), it is a prefix once it has two characters, and ignored before that.
 */
export function queryTokens(query: string): { tokens: string[]; prefix?: string } {
  const folded = foldText(query);
  const tokens = new Set<string>();
  let prefix: string | undefined;
  const all = runs(folded);
  for (const [i, run] of all.entries()) {
    if (run.cjk) {
      cjkTokens(run.text, tokens, false);
      continue;
    }
    const typing = i === all.length - 1 && run.end === folded.length;
    if (!typing) {
      if (isWordToken(run.text)) tokens.add(run.text);
    } else if (run.text.length >= 2) {
      prefix = run.text;
    } else if (DIGITS.test(run.text)) {
      // A one-character prefix would scan a good part of the index; a lone digit is searched as is.
      tokens.add(run.text);
    }
  }
  return prefix === undefined ? { tokens: [...tokens] } : { tokens: [...tokens], prefix };
}
