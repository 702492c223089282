// Embedded videos are iframes, which the sanitiser drops with everything else that runs: without this a
// saved article silently loses them (16 of 225 real CDT articles had a YouTube video). Each becomes a
// link with the video's title, so the copy still says there was a video and where to watch it.

/** Hosts whose iframes are video players; any other iframe is page furniture and is dropped. */
const VIDEO_HOSTS =
  /(?:^|\.)(?:youtube\.com|youtube-nocookie\.com|youtu\.be|vimeo\.com|dailymotion\.com|bilibili\.com|ted\.com)$/;

/** The address to watch the video at: YouTube's player page rather than its bare embed, else the embed. */
export function videoAddress(src: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(src.trim(), base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!VIDEO_HOSTS.test(url.hostname.toLowerCase())) return undefined;
  const youtube = /(?:^|\.)youtube(?:-nocookie)?\.com$/.test(url.hostname);
  const id = youtube ? /^\/embed\/([\w-]{6,})/.exec(url.pathname)?.[1] : undefined;
  return id ? `https://www.youtube.com/watch?v=${id}` : url.href;
}

/** Replaces each video iframe in `root` by a link named after its title, or `label` when it has none. */
export function videoLinks(root: ParentNode, base: string, label: string): void {
  for (const frame of [...root.querySelectorAll('iframe')]) {
    // Lazy-loading plugins keep the player's address in data-src and a blank page in src.
    const sources = [frame.getAttribute('src'), frame.getAttribute('data-src')];
    const href = sources.map((src) => (src ? videoAddress(src, base) : undefined)).find(Boolean);
    if (!href) continue;
    const link = frame.ownerDocument.createElement('a');
    link.setAttribute('href', href);
    link.textContent = frame.getAttribute('title')?.trim() || label;
    frame.replaceWith(link);
  }
}
