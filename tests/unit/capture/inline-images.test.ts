import '../../support/happy-dom-purify-shim';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/capture/extract';
import { isInlineImage, keepAltForFailedInline } from '../../../utils/capture/inline-images';
import { videoAddress, videoLinks } from '../../../utils/capture/video-links';
import type { ImagePayload } from '../../../utils/shared/article';

const URL = 'https://chinadigitaltimes.net/chinese/709001.html';

function load(path: string): Document {
  return new DOMParser().parseFromString(readFileSync(`tests/fixtures/${path}`, 'utf8'), 'text/html');
}

function body(html: string): HTMLElement {
  const doc = document.implementation.createHTMLDocument('');
  doc.body.innerHTML = html;
  return doc.body;
}

const firstImg = (html: string) => body(html).querySelector('img') as HTMLImageElement;

describe('inline images', () => {
  it('knows an emoji or emoticon in a sentence from a picture', () => {
    expect(isInlineImage(firstImg('<p>a<img class="wp-smiley" alt="🙂" src="x.png"></p>'))).toBe(true);
    expect(isInlineImage(firstImg('<p><img class="emoji" alt="😂" src="x.png"></p>'))).toBe(true);
    expect(isInlineImage(firstImg('<p>说<img alt="[哈哈]" src="/expression/d_haha.gif">了</p>'))).toBe(true);
    expect(isInlineImage(firstImg('<p>说<img alt="[哈哈]" width="22" height="22" src="h.gif">了</p>'))).toBe(true);
    // A photo, a small image alone in its paragraph, an emoticon with nothing to stand for.
    expect(isInlineImage(firstImg('<p>text<img alt="Flood" width="640" src="/expression/f.png"></p>'))).toBe(false);
    expect(isInlineImage(firstImg('<p><img alt="[哈哈]" width="22" src="h.gif"></p>'))).toBe(false);
    expect(isInlineImage(firstImg('<p>说<img alt="" width="22" src="h.gif">了</p>'))).toBe(false);
    expect(isInlineImage(firstImg('<p>说<img alt="photo" src="/files/2024/08/a.png">了</p>'))).toBe(false);
  });

  const extracted = extractArticle(load('variants/inline-emoji.html'), URL);

  it('marks the emoji and the emoticon inline, keeps their alt in the text, and leaves no mark in the HTML', () => {
    expect(extracted.images.map(({ alt, inline }) => ({ alt, inline }))).toEqual([
      { alt: '😂', inline: true },
      { alt: '[哈哈]', inline: true },
    ]);
    expect(extracted.text).toContain('我只能笑着活下去😂，别的什么也做不了。');
    expect(extracted.text).toContain('另一位网友回复说[哈哈]这就是我们的日常。');
    expect(extracted.html).not.toContain('data-coral-ref="inline"');
  });

  it('turns inline images that could not be fetched into their alt text, inside the sentence', () => {
    const failed: ImagePayload[] = extracted.images.map(({ ref }) => ({ ref, error: 'The server answered 404.' }));
    const { article, images } = keepAltForFailedInline(document, extracted, failed);
    const paragraphs = [...body(article.html).querySelectorAll('p')].map((p) => p.innerHTML);
    expect(paragraphs[0]).toBe('一位网友写道：“我只能笑着活下去😂，别的什么也做不了。”');
    expect(paragraphs[1]).toBe('另一位网友回复说[哈哈]这就是我们的日常。');
    expect(article.images).toEqual([]);
    expect(images).toEqual([]);
    expect(article.text).toBe(extracted.text);
  });

  it('keeps an inline image that was fetched, and any picture that was not', () => {
    const [emoji, emoticon] = extracted.images;
    const payloads: ImagePayload[] = [
      { ref: emoji?.ref ?? '', type: 'image/png', base64: 'iVBORw0KGgo=' },
      { ref: emoticon?.ref ?? '', error: 'gone' },
    ];
    const kept = keepAltForFailedInline(document, extracted, payloads);
    expect(kept.article.images.map((i) => i.alt)).toEqual(['😂']);
    expect(body(kept.article.html).querySelectorAll('img')).toHaveLength(1);

    const picture = { ...extracted, images: extracted.images.map((i) => ({ ...i, inline: false })) };
    const same = keepAltForFailedInline(document, picture, [{ ref: 'img0', error: 'gone' }]);
    expect(same.article).toBe(picture);
  });

  it('a page cannot mark its own images inline', () => {
    const doc = new DOMParser().parseFromString(
      '<html><body class="single"><article><div class="entry-content"><p>Text</p><p><img data-coral-ref="inline" alt="photo" src="/files/a.png"></p></div></article></body></html>',
      'text/html',
    );
    expect(extractArticle(doc, URL).images).toEqual([
      { ref: 'img0', url: 'https://chinadigitaltimes.net/files/a.png', alt: 'photo' },
    ]);
  });
});

describe('embedded videos', () => {
  it('become a link named after the video, to the page to watch it on', () => {
    const links = [...body(extractArticle(load('variants/inline-emoji.html'), URL).html).querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['暴雨之后的街道', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ]);
  });

  it('are called "Video" in the page’s language when the player has no title', () => {
    const root = body('<p><iframe src="https://player.vimeo.com/video/76979871"></iframe></p>');
    videoLinks(root, URL, '视频');
    expect(root.innerHTML).toBe('<p><a href="https://player.vimeo.com/video/76979871">视频</a></p>');
  });

  it('only for http(s) addresses of video players; other frames are left for the noise filter', () => {
    expect(videoAddress('javascript:alert(1)//youtube.com', URL)).toBeUndefined();
    expect(videoAddress('data:text/html,<p>youtube.com</p>', URL)).toBeUndefined();
    expect(videoAddress('https://ads.example/frame?youtube.com', URL)).toBeUndefined();
    expect(videoAddress('https://www.youtube.com.evil.example/embed/abcdefg', URL)).toBeUndefined();
    expect(videoAddress('//www.youtube-nocookie.com/embed/abc123XYZ', URL)).toBe(
      'https://www.youtube.com/watch?v=abc123XYZ',
    );
    const root = body('<iframe title="Ad" src="https://ads.example/frame"></iframe>');
    videoLinks(root, URL, 'Video');
    expect(root.querySelector('iframe')).not.toBeNull();
  });
});
