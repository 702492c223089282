import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { MissingImages } from '../../../components/reader/MissingImages';
import type { ImageRef } from '../../../utils/shared/article';
import { renderTarget } from '../../support/render-helpers';

const container = renderTarget();

const kept: ImageRef = {
  ref: 'img0',
  url: 'https://chinadigitaltimes.net/files/a.png',
  alt: 'Kept',
  hash: 'ab'.repeat(32),
};
const lost = (n: number, alt = `Flood photo ${n}`, url = `https://img.example/flood-${n}.png`): ImageRef => ({
  ref: `img${n}`,
  url,
  alt,
  error: 'The save’s time for images ran out before this one was downloaded.',
});

describe('MissingImages', () => {
  it('shows nothing when every image was kept', () => {
    render(<MissingImages images={[kept]} />, container());
    expect(container().textContent).toBe('');
  });

  it('says how many images were not kept and which: description and address', () => {
    render(<MissingImages images={[kept, lost(1), lost(2, '')]} />, container());
    expect(container().querySelector('summary')?.textContent).toBe('2 images were not kept in this copy');
    const items = [...container().querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      'Flood photo 1 · https://img.example/flood-1.png',
      '(no description) · https://img.example/flood-2.png',
    ]);
    // Text, not links: the page chose these addresses, and nothing in the reader may load or point at them.
    expect(container().querySelector('a, [href], [src]')).toBeNull();
    // The browser's reason (English, technical) is for the record, not for the reader.
    expect(container().textContent).not.toContain('ran out');
  });

  it('uses the one form for one image', () => {
    render(<MissingImages images={[lost(3, 'x', 'javascript:alert(1)')]} />, container());
    expect(container().querySelector('summary')?.textContent).toBe('1 image was not kept in this copy');
    expect(container().querySelector('a')).toBeNull();
    expect(container().querySelector('li')?.textContent).toBe('x · javascript:alert(1)');
  });
});
