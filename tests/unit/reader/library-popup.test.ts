import { describe, expect, it, vi } from 'vitest';
import { libraryPopupOpener } from '../../../utils/reader/library-popup';

describe('libraryPopupOpener', () => {
  it('uses action.openPopup (Chrome MV3), called on its own object', async () => {
    const action = {
      openPopup: vi.fn(function (this: unknown) {
        expect(this).toBe(action);
        return Promise.resolve();
      }),
    };
    const open = libraryPopupOpener({ action });
    await open?.();
    expect(action.openPopup).toHaveBeenCalledOnce();
  });

  it('uses browserAction.openPopup (Firefox MV2) and passes a refusal on', async () => {
    const browserAction = { openPopup: vi.fn(() => Promise.reject(new Error('no window'))) };
    const open = libraryPopupOpener({ browserAction });
    await expect(open?.()).rejects.toThrow('no window');
  });

  it('offers nothing where the browser has no openPopup', () => {
    expect(libraryPopupOpener({ action: {} })).toBeUndefined();
    expect(libraryPopupOpener({})).toBeUndefined();
  });
});
