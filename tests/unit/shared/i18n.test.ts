import { describe, expect, it } from 'vitest';
import type { SaveErrorCode } from '../../../utils/shared/article';
import { saveErrorText, t, uiLangFor } from '../../../utils/shared/i18n';

describe('uiLangFor', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh-TW', 'zh-TW'],
    ['zh-tw', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hant-CN', 'zh-TW'],
    [' ZH-HANT ', 'zh-TW'],
    ['en-US', 'en'],
    ['ug', 'en'],
    ['zhx', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (lang, expected) => {
    expect(uiLangFor(lang)).toBe(expected);
  });
});

describe('t', () => {
  it('gives the prompt in each language', () => {
    expect([t('en', 'save'), t('en', 'saving'), t('en', 'readOffline')]).toEqual([
      'Save offline',
      'Saving…',
      'Read offline',
    ]);
    expect([t('zh-CN', 'save'), t('zh-CN', 'saving'), t('zh-CN', 'readOffline')]).toEqual([
      '离线保存',
      '保存中…',
      '离线阅读',
    ]);
    expect([t('zh-TW', 'save'), t('zh-TW', 'saving'), t('zh-TW', 'readOffline')]).toEqual([
      '離線保存',
      '保存中…',
      '離線閱讀',
    ]);
    expect([t('en', 'dismiss'), t('zh-CN', 'dismiss'), t('zh-TW', 'dismiss')]).toEqual(['Dismiss', '关闭', '關閉']);
  });

  it('fills placeholders and leaves unknown ones alone', () => {
    expect(t('en', 'savedOn', { date: 'August 1, 2024' })).toBe('Saved on August 1, 2024');
    expect(t('zh-TW', 'savedOn', { date: '2024年8月1日' })).toBe('已保存於 2024年8月1日');
    expect(t('en', 'savedOn')).toBe('Saved on {date}');
    expect(t('en', 'save', { date: 'x' })).toBe('Save offline');
  });
});

describe('saveErrorText', () => {
  const codes: SaveErrorCode[] = [
    'quota',
    'too-large',
    'not-article',
    'forbidden',
    'browser-page',
    'store-page',
    'pdf',
    'no-access',
    'no-answer',
    'failed',
  ];

  it('has a distinct message for every error the prompt can see, in every language', () => {
    for (const lang of ['en', 'zh-CN', 'zh-TW'] as const) {
      const texts = codes.map((code) => saveErrorText(lang, code));
      expect(new Set(texts).size).toBe(codes.length);
    }
    expect(saveErrorText('en', 'quota')).toMatch(/storage/);
    expect(saveErrorText('zh-CN', 'too-large')).toBe('此文章大于 40 MB，超出 Coral 能保存的上限。');
    expect(saveErrorText('zh-TW', 'quota')).toBe('儲存空間不足，無法保存此文章。請釋放一些空間後重試。');
  });

  it('says the generic failure for a code it does not know', () => {
    expect(saveErrorText('zh-CN', 'toString' as SaveErrorCode)).toBe(saveErrorText('zh-CN', 'failed'));
  });
});
