import type { ImageRef } from '../../utils/shared/article';
import { countMessage, pageMessage } from '../../utils/shared/page-messages';

const isWebAddress = (url: string) => /^https?:\/\//i.test(url);

/**
 * "2 images were not kept in this copy": which ones (their description and where they were), so a
 * reader knows what the copy lacks and where it was. Nothing at all when every image was kept.
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
            {isWebAddress(url) ? (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {url}
              </a>
            ) : (
              url
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
