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
  images: Array<Pick<ImageRef, 'ref' | 'url' | 'alt'>>;
}

/** One fetched image on its way to the background. Base64 only in transit: Chrome's messaging is JSON. */
export interface ImagePayload {
  ref: string;
  type?: string;
  base64?: string;
  error?: string;
}

export interface SaveRequest {
  article: ExtractedArticle;
  images: ImagePayload[];
}

export type SaveErrorCode = 'quota' | 'too-large' | 'not-article' | 'forbidden' | 'failed';

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
  | { ok: false; error: SaveErrorCode; message: string };

export interface SavedState {
  id: string;
  /** When the newest version was saved (ms since epoch). */
  savedAt: number;
  versions: number;
}
