import type { ImageRef } from '../../utils/shared/article';
import { countMessage, pageMessage } from '../../utils/shared/page-messages';

/**
 * "2 images were not kept in this copy": which ones (their description and where they were), so a
 * reader knows what the copy lacks. Nothing at all when every image was kept. The address is text, not
 * a link: it came from the page, and a click would tell its host (perhaps a tracker) who is reading.
 */
export function MissingImages({ images }: { images: readonly ImageRef[] }) {
  const missing = images.filter((image) => !image.hash);
  if (missing.length === 0) return null;
  return (
    <details class="coral-versions coral-missing-images">
      <summary>
        <span class="coral-versions-title">{countMessage('readerImagesNotKept', missing.length)}</span>
      </summary>
      <ul>
        {missing.map(({ ref, alt, url }) => (
          <li key={ref}>
            <span class="coral-missing-alt">{alt || pageMessage('readerImageNoDescription')}</span>
            {' · '}
            <span class="coral-missing-url">{url}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
