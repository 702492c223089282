import type { IDBPDatabase } from 'idb';
import { useEffect, useState } from 'preact/hooks';
import { openLibrary } from '../utils/library/db/open';
import type { CoralDB } from '../utils/library/db/schema';
import { setProgress } from '../utils/library/edit';
import {
  progressFromScroll,
  type ScrollMetrics,
  scrollForProgress,
  throttle,
  worthSaving,
} from '../utils/reader/progress';

// One connection for the page's life: a save on pagehide has no time to open the database first.
let connection: Promise<IDBPDatabase<CoralDB>> | null = null;

async function saveProgress(id: string, progress: number): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    connection ??= openLibrary();
    try {
      await setProgress(await connection, id, progress);
      return;
    } catch (error) {
      // Closed under us for an upgrade (see openLibrary's blocking handler): reconnect once.
      connection = null;
      if (attempt > 0) {
        console.warn('Coral: reading progress not saved:', error);
        return;
      }
    }
  }
}

function metrics(article: Element): ScrollMetrics {
  return {
    scrollTop: window.scrollY,
    viewportHeight: window.innerHeight,
    end: article.getBoundingClientRect().bottom + window.scrollY,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * Resolves once the article has its final height: web fonts in, and images without width and height
 * attributes decoded (those with them already take their space). Bounded, so a broken image cannot
 * keep the reader at the top forever.
 */
async function layoutSettled(article: Element): Promise<void> {
  const unsized = Array.from(article.querySelectorAll('img')).filter(
    (img) => !img.complete && !(img.getAttribute('width') && img.getAttribute('height')),
  );
  await Promise.race([
    Promise.all([document.fonts?.ready, ...unsized.map((img) => img.decode().catch(() => {}))]),
    sleep(2000),
  ]);
  await nextFrame();
}

/**
 * Puts the reader back where they left off, then saves the scroll fraction at most once a second and
 * whenever the page is hidden. `track` is false for older versions: their length differs from the
 * article's stored progress, which belongs to the newest.
 */
export function useReadingProgress(
  articleId: string,
  stored: number,
  track: boolean,
  articleSelector = '.coral-article',
): number {
  const [shown, setShown] = useState(track ? stored : 0);

  useEffect(() => {
    const article = document.querySelector(articleSelector);
    if (!article || !track) return;
    let saved: number | undefined = stored;
    let restored = false;
    let frame = 0;
    const save = () => {
      if (!restored) return;
      const progress = progressFromScroll(metrics(article));
      if (!worthSaving(saved, progress)) return;
      saved = progress;
      void saveProgress(articleId, progress);
    };
    const throttled = throttle(save, 1000);
    const onScroll = () => {
      throttled();
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setShown(progressFromScroll(metrics(article))));
    };
    const onHide = () => {
      throttled.cancel();
      save();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') onHide();
    };
    let cancelled = false;
    void layoutSettled(article).then(() => {
      if (cancelled) return;
      const top = scrollForProgress(stored, metrics(article));
      if (top > 0) window.scrollTo({ top, behavior: 'instant' });
      restored = true;
      setShown(progressFromScroll(metrics(article)));
    });
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      cancelled = true;
      onHide();
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [articleId, stored, track, articleSelector]);

  return shown;
}
