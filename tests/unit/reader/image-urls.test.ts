import { describe, expect, it } from 'vitest';
import { fillImageSlots, loadImageUrls, revokeImageUrls } from '../../../utils/reader/image-urls';
import type { ImageRef } from '../../../utils/shared/article';

const images: ImageRef[] = [
  { ref: 'img0', url: 'https://chinadigitaltimes.net/files/a.png', alt: 'Geneva council', hash: 'aaa' },
  { ref: 'img1', url: 'https://chinadigitaltimes.net/files/b.png', alt: 'Checkpoint', error: 'HTTP 404' },
  { ref: 'img2', url: 'https://chinadigitaltimes.net/files/c.png', alt: 'Same picture', hash: 'aaa' },
  { ref: 'img3', url: 'https://chinadigitaltimes.net/files/d.png', alt: 'Lost blob', hash: 'ddd' },
];

function fragment(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

describe('loadImageUrls', () => {
  it('makes one URL per stored hash and skips failed or missing images', async () => {
    const asked: string[] = [];
    const urls = await loadImageUrls(
      images,
      async (hash) => {
        asked.push(hash);
        return hash === 'aaa' ? new Blob(['png'], { type: 'image/png' }) : undefined;
      },
      (blob) => `blob:test/${blob.size}`,
    );
    expect(asked).toEqual(['aaa', 'ddd']);
    expect([...urls]).toEqual([['aaa', 'blob:test/3']]);

    const revoked: string[] = [];
    revokeImageUrls(urls, (url) => revoked.push(url));
    expect(revoked).toEqual(['blob:test/3']);
  });
});

describe('fillImageSlots', () => {
  it('gives saved slots their object URL and turns the rest into alt-text boxes', () => {
    const root = fragment(
      '<figure><img data-coral-ref="img0" alt="Geneva council"><figcaption>Caption</figcaption></figure>' +
        '<p><img data-coral-ref="img1" alt="Checkpoint"></p>' +
        '<p><img data-coral-ref="img2" alt=""></p>' +
        '<p><img data-coral-ref="img3" alt="Lost blob"></p>' +
        '<p><img data-coral-ref="nope"></p>' +
        '<p><img src="https://tracker.example/pixel.gif" srcset="https://tracker.example/x.gif 2x" alt="Remote"></p>',
    );
    const result = fillImageSlots(root, images, new Map([['aaa', 'blob:ext/1']]), 'Image not saved');
    expect(result).toEqual({ shown: 2, missing: 4 });

    const shown = Array.from(root.querySelectorAll('img'));
    expect(shown.map((img) => img.getAttribute('src'))).toEqual(['blob:ext/1', 'blob:ext/1']);
    expect(shown[0]?.alt).toBe('Geneva council');
    expect(root.querySelector('figcaption')?.textContent).toBe('Caption');

    const boxes = Array.from(root.querySelectorAll('.coral-missing-image'));
    expect(boxes.map((box) => box.getAttribute('aria-label'))).toEqual([
      'Image not saved: Checkpoint',
      'Image not saved: Lost blob',
      'Image not saved',
      'Image not saved: Remote',
    ]);
    expect(boxes.every((box) => box.getAttribute('role') === 'img')).toBe(true);
    expect(boxes[0]?.querySelector('.coral-missing-image-alt')?.textContent).toBe('Checkpoint');
    expect(root.querySelector('[src^="http"], [srcset]')).toBeNull();
  });

  it('treats alt text as text, never as markup', () => {
    const root = fragment('<img data-coral-ref="img1">');
    const evil: ImageRef[] = [{ ref: 'img1', url: 'x', alt: '<b onclick="x()">hi</b>', error: 'too big' }];
    fillImageSlots(root, evil, new Map(), 'Image not saved');
    expect(root.querySelector('b')).toBeNull();
    expect(root.querySelector('.coral-missing-image-alt')?.textContent).toBe('<b onclick="x()">hi</b>');
  });
});
