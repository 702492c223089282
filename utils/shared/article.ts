// The shapes of an article as it moves from the page to the library. Plain data only: everything here
// crosses the message boundary between the content script and the background.

/** Facts from the "CDT 档案卡" card on Chinese archive pages: who first published the deleted text. */
export interface ArchiveCard {
  originalTitle?: string;
  originalAuthor?: string;
  originalDate?: string;
  source?: string;
}

export interface ArticleMeta {
  title: string;
  author?: string;
  /** ISO 8601 where the page gives one. */
  published?: string;
  modified?: string;
  siteName?: string;
  /** BCP 47 language tag, e.g. "en-US", "zh-CN", "ug". */
  lang?: string;
  dir: 'ltr' | 'rtl';
  excerpt?: string;
  categories: string[];
  tags: string[];
  /** Canonical URL without fragment or tracking parameters: the key for duplicates. */
  canonicalUrl: string;
  /** The address the page was saved from. */
  url: string;
  /** WordPress post id, e.g. "183100". */
  postId?: string;
  archiveCard?: ArchiveCard;
}

/** An image the article body refers to with `<img data-coral-ref="…">`. */
export interface ImageRef {
  ref: string;
  /** Absolute URL it was fetched from. */
  url: string;
  alt: string;
  /** SHA-256 (hex) of the stored bytes; missing when the image could not be kept. */
  hash?: string;
  /** Why the image was not kept, for the record. */
  error?: string;
}

/** What extraction produces from a Document: sanitised HTML whose images are `data-coral-ref` slots. */
export interface ExtractedArticle {
  meta: ArticleMeta;
  html: string;
  /** Plain text of the body, used to tell whether a re-save changed anything. */
  text: string;
  images: Array<Pick<ImageRef, 'ref' | 'url' | 'alt'> & InlineFlag>;
}

/**
 * An image that stands for a word inside a sentence (a WordPress emoji, a Weibo emoticon): when it cannot
 * be fetched, the capture keeps its alt text in the sentence instead of a "not saved" box. Only the
 * content script uses it; the background never stores it.
 */
export interface InlineFlag {
  inline?: boolean;
}

/** One fetched image on its way to the background. Base64 only in transit: Chrome's messaging is JSON. */
export interface ImagePayload {
  ref: string;
  type?: string;
  base64?: string;
  error?: string;
  /**
   * The browser refused the request before any answer: in Chrome the page's CORS rules (which a content
   * script's fetch follows), or the network. The background may try again where it has the permission.
   */
  blocked?: boolean;
}

export interface SaveRequest {
  article: ExtractedArticle;
  images: ImagePayload[];
  /** The address the document was loaded from (utils/capture/loaded-from.ts), only to check it did not move. */
  loadedFrom?: string;
}

/**
 * Why a save failed. A code, never the browser's words (English, technical, sometimes the page's own):
 * each surface says it in the user's language.
 */
export type SaveErrorCode =
  /** Storage is full: free some space, then try again. */
  | 'quota'
  /** Over the size limit for one article. */
  | 'too-large'
  | 'not-article'
  /** The background will not keep what the page sent (an address on another site, malformed data). */
  | 'forbidden'
  /** The browser's own pages (settings, new tab, other extensions): no extension may read them. */
  | 'browser-page'
  /** The Chrome Web Store or addons.mozilla.org, which browsers close to every extension. */
  | 'store-page'
  /** A PDF, shown by the browser's own viewer. */
  | 'pdf'
  /** The browser did not give Coral access to this page. */
  | 'no-access'
  /** There is no page in this window to save. */
  | 'no-page'
  /** The page did not answer: still loading, closed, or it went away while saving. */
  | 'no-answer'
  /** Anything else: nothing was changed, and another try may work. */
  | 'failed';

const PERMANENT: ReadonlySet<SaveErrorCode> = new Set<SaveErrorCode>([
  'too-large',
  'not-article',
  'forbidden',
  'browser-page',
  'store-page',
  'pdf',
  'no-access',
  'no-page',
]);

/** Whether trying again could work: a permanent failure is offered no "Try again" button. */
export const canRetrySave = (code: SaveErrorCode): boolean => !PERMANENT.has(code);

export type SaveResult =
  | {
      ok: true;
      id: string;
      savedAt: number;
      version: number;
      /** False when the text had not changed and no new version was needed. */
      newVersion: boolean;
      failedImages: number;
    }
  | { ok: false; error: SaveErrorCode };

export interface SavedState {
  id: string;
  /** When the newest version was saved (ms since epoch). */
  savedAt: number;
  versions: number;
}
