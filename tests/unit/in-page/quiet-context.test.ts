import { afterEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { QuietContentScriptContext } from '../../../entrypoints/page-ui/quiet-context';

// What a page can hear when Coral's page UI starts: nothing on its document, nothing on its window.

/** Every event dispatched on the document and every message posted to the window, as they are sent. */
function listen() {
  const dispatch = vi.spyOn(document, 'dispatchEvent');
  const post = vi.spyOn(window, 'postMessage');
  return {
    heard: () => [
      ...dispatch.mock.calls.map(([event]) => `event ${event.type}`),
      ...post.mock.calls.map(([data]) => `post ${JSON.stringify(data)}`),
    ],
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the page UI’s script context', () => {
  it('WXT’s own context announces itself to the page (what the quiet one must not do)', () => {
    const ears = listen();
    const ctx = new ContentScriptContext('page-ui');
    expect(ears.heard().join('\n')).toMatch(/content-script-started/);
    ctx.abort();
  });

  it('starts without an event on the document or a message on the window', () => {
    const ears = listen();
    const ctx = new QuietContentScriptContext('page-ui');
    expect(ears.heard()).toEqual([]);
    expect(ctx.isValid).toBe(true);
    ctx.abort();
  });
});
