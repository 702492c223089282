import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageWantsUi } from '../../../utils/capture/loader';

const CDT = 'https://chinadigitaltimes.net';

function load(path: string): Document {
  return new DOMParser().parseFromString(readFileSync(`tests/fixtures/${path}`, 'utf8'), 'text/html');
}

// The loader's one decision, on fixtures at their real paths: the page's UI is injected only where it
// has a prompt (articles) or a switch (beside Lantern's widget) to show.
describe('pageWantsUi', () => {
  it.each([
    ['cdt/cdt-en-article.html', '/2019/07/china-rebuked-by-22-nations-over-xinjiang/', true],
    ['cdt/cdt-zh-article.html', '/chinese/702345.html', true],
    ['cdt/cdt-en-home.html', '/', true],
    ['variants/lantern-widget-off.html', '/', true],
    ['variants/tag-page.html', '/tag/xinjiang/', false],
    ['variants/page-2-listing.html', '/page/2/', false],
    ['variants/search-page.html', '/?s=xinjiang', false],
  ])('%s at %s → %s', (fixture, path, expected) => {
    expect(pageWantsUi(load(fixture), `${CDT}${path}`)).toBe(expected);
  });
});
