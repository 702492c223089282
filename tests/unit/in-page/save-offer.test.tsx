import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import { type OfferState, SaveOffer, type SaveOfferProps } from '../../../components/in-page/SaveOffer';
import type { UiLang } from '../../../utils/shared/i18n';
import { renderTarget, scriptClick, userClick } from '../../support/render-helpers';

const container = renderTarget();

function show(state: OfferState, props: Partial<SaveOfferProps> & { lang?: UiLang } = {}) {
  const handlers = { onSave: vi.fn(), onRead: vi.fn(), onDismiss: vi.fn() };
  render(<SaveOffer lang="en" state={state} {...handlers} {...props} />, container());
  return handlers;
}

const buttons = () => Array.from(container().querySelectorAll('button'));
const action = () => container().querySelector<HTMLButtonElement>('button.action') as HTMLButtonElement;
const dismiss = () => container().querySelector<HTMLButtonElement>('button.dismiss') as HTMLButtonElement;
const status = () => container().querySelector('[aria-live]') as HTMLElement;

describe('SaveOffer', () => {
  it('offers to save with real buttons, an accessible dismiss and a polite live region', () => {
    show({ kind: 'idle' });
    expect(buttons().map((button) => button.type)).toEqual(['button', 'button']);
    expect(action().textContent).toBe('Save offline');
    expect(dismiss().getAttribute('aria-label')).toBe('Dismiss');
    expect(status().getAttribute('aria-live')).toBe('polite');
    expect(status().textContent).toBe('');
  });

  it('ignores clicks made by page scripts', () => {
    const handlers = show({ kind: 'idle' });
    action().click();
    scriptClick(action());
    scriptClick(dismiss());
    expect(handlers.onSave).not.toHaveBeenCalled();
    expect(handlers.onDismiss).not.toHaveBeenCalled();
  });

  it('acts on trusted clicks through the default check', () => {
    const handlers = show({ kind: 'idle' });
    userClick(action());
    userClick(dismiss());
    expect(handlers.onSave).toHaveBeenCalledTimes(1);
    expect(handlers.onDismiss).toHaveBeenCalledTimes(1);
  });

  it('asks the injected check whether an event is trusted', () => {
    const isTrusted = vi.fn(() => true);
    const handlers = show({ kind: 'idle' }, { isTrusted });
    scriptClick(action());
    expect(isTrusted).toHaveBeenCalledWith(expect.objectContaining({ type: 'click' }));
    expect(handlers.onSave).toHaveBeenCalledTimes(1);
  });

  it('keeps the same focused button while saving and does not save twice', () => {
    show({ kind: 'idle' });
    const before = action();
    before.focus();
    const handlers = show({ kind: 'saving' });
    expect(action()).toBe(before);
    expect(document.activeElement).toBe(before);
    expect(action().getAttribute('aria-disabled')).toBe('true');
    expect(action().textContent).toBe('Saving…');
    expect(status().textContent).toBe('Saving…');
    userClick(action());
    expect(handlers.onSave).not.toHaveBeenCalled();
  });

  it('shows the saved date and opens the saved copy', () => {
    const savedAt = Date.UTC(2024, 7, 1, 12);
    const handlers = show({ kind: 'saved', savedAt });
    expect(status().textContent).toMatch(/^Saved on August 1, 2024$/);
    expect(action().textContent).toBe('Read offline');
    expect(action().hasAttribute('aria-disabled')).toBe(false);
    userClick(action());
    expect(handlers.onRead).toHaveBeenCalledTimes(1);
    expect(handlers.onSave).not.toHaveBeenCalled();
  });

  it('says how many images the save could not keep, in the page’s language and plural form', () => {
    const savedAt = Date.UTC(2024, 7, 1, 12);
    show({ kind: 'saved', savedAt, failedImages: 1 });
    expect(status().textContent).toMatch(/^Saved on August 1, 2024 1 image could not be kept; /);
    show({ kind: 'saved', savedAt, failedImages: 12 });
    expect(status().textContent).toMatch(/ 12 images could not be kept; /);
    show({ kind: 'saved', savedAt, failedImages: 12 }, { lang: 'zh-CN' });
    expect(status().textContent).toMatch(/有 12 张图片未能保存/);
    show({ kind: 'saved', savedAt, failedImages: 1200 }, { lang: 'zh-TW' });
    expect(status().textContent).toMatch(/有 1,200 張圖片未能保存/);
    show({ kind: 'saved', savedAt, failedImages: 0 });
    expect(status().textContent).toMatch(/^Saved on August 1, 2024$/);
  });

  it('shows an error with a way to try again', () => {
    const handlers = show({ kind: 'error', code: 'no-answer' });
    expect(status().textContent).toBe('The page did not answer. Wait until it has loaded, then try again.');
    expect(action().textContent).toBe('Try again');
    userClick(action());
    expect(handlers.onSave).toHaveBeenCalledTimes(1);
  });

  it('offers no retry for a failure another try cannot fix', () => {
    show({ kind: 'error', code: 'too-large' });
    expect(status().textContent).toBe('This article is larger than 40 MB, more than Coral can save.');
    expect(container().querySelector('button.action')).toBeNull();
    show({ kind: 'error', code: 'pdf' }, { lang: 'zh-TW' });
    expect(status().textContent).toBe('這是 PDF 檔案；Coral 只保存網頁。');
    expect(container().querySelector('button.action')).toBeNull();
  });

  it('speaks Simplified Chinese', () => {
    show({ kind: 'idle' }, { lang: 'zh-CN' });
    expect(action().textContent).toBe('离线保存');
    expect(dismiss().getAttribute('aria-label')).toBe('关闭');
    show({ kind: 'saved', savedAt: Date.UTC(2024, 7, 1, 12) }, { lang: 'zh-CN' });
    expect(status().textContent).toBe('已保存于 2024年8月1日');
    expect(action().textContent).toBe('离线阅读');
    show({ kind: 'error', code: 'quota' }, { lang: 'zh-CN' });
    expect(status().textContent).toBe('存储空间不足，无法保存此文章。请释放一些空间后重试。');
    expect(action().textContent).toBe('重试');
  });

  it('speaks Traditional Chinese', () => {
    show({ kind: 'idle' }, { lang: 'zh-TW' });
    expect(action().textContent).toBe('離線保存');
    expect(dismiss().getAttribute('aria-label')).toBe('關閉');
    show({ kind: 'saved', savedAt: Date.UTC(2024, 7, 1, 12) }, { lang: 'zh-TW' });
    expect(status().textContent).toContain('已保存');
    expect(action().textContent).toBe('離線閱讀');
  });

  it('says inside the bar why a click was ignored, in the page’s language', () => {
    const isTrusted = vi.fn(() => false);
    const handlers = show({ kind: 'idle' }, { isTrusted, refusal: 'covered' });
    userClick(action());
    expect(handlers.onSave).not.toHaveBeenCalled();
    expect(container().querySelector('.refused')?.textContent).toContain('Use Coral’s button in the browser toolbar');
    show({ kind: 'idle' }, { refusal: 'moved', lang: 'zh-CN' });
    expect(container().querySelector('.refused')?.textContent).toContain('刚刚出现或移动过');
    show({ kind: 'idle' }, { refusal: null });
    expect(container().querySelector('.refused')?.textContent).toBe('');
  });
});
