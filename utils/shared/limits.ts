// Size caps shared by the content script (which fetches images) and the background (which stores them).
//
// The content script hands the whole article to the background in one runtime message. Chrome's runtime
// messaging is JSON-only (so image bytes travel as base64, 4/3 of their size) and refuses messages over
// 64 MiB. 40 MiB of raw article bytes becomes about 53.3 MiB of base64 plus the HTML, which leaves room
// for the JSON envelope under that limit. 10 MiB per image keeps one huge photo or GIF from crowding out
// the rest of the article; CDT's own images are far smaller.

const MiB = 1024 * 1024;

/** Largest single image kept, in raw bytes. */
export const MAX_IMAGE_BYTES = 10 * MiB;

/** Largest whole article (HTML, text and images) kept, in raw bytes. */
export const MAX_ARTICLE_BYTES = 40 * MiB;

/**
 * Chrome refuses a runtime message whose JSON is over 64 MiB. JSON doubles every quote and backslash and
 * writes control characters as six, so an article under MAX_ARTICLE_BYTES can still be over: the content
 * script measures the encoded request before sending (the envelope around it takes a few dozen bytes).
 */
export const MAX_MESSAGE_BYTES = 64 * MiB - 4096;
