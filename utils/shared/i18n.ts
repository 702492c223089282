import type { SaveErrorCode } from './article';
import type { BridgeView } from './bridge-types';
import { formatBytes } from './format';
import { MAX_ARTICLE_BYTES } from './limits';

// Strings for the UI the extension draws itself: the in-page prompt, which follows the page's language,
// and the reader. browser.i18n cannot serve them: it only knows the browser's own locale.

export type UiLang = 'en' | 'zh-CN' | 'zh-TW';

const en = {
  brand: 'Coral',
  save: 'Save offline',
  saving: 'Saving…',
  savedOn: 'Saved on {date}',
  readOffline: 'Read offline',
  retry: 'Try again',
  dismiss: 'Dismiss',
  errorQuota: 'Not enough storage space to save this article. Free some space, then try again.',
  errorTooLarge: 'This article is larger than {limit}, more than Coral can save.',
  errorNotArticle: 'This page does not look like an article.',
  errorForbidden: 'This page cannot be saved.',
  errorBrowserPage: 'This is one of the browser’s own pages, which no extension may read, so it cannot be saved.',
  errorStorePage: 'Browsers keep every extension out of their add-on stores, so this page cannot be saved.',
  errorPdf: 'This is a PDF file; Coral saves web pages only.',
  errorNoAccess: 'The browser has not given Coral access to this site, so this page cannot be saved.',
  errorNoAnswer: 'The page did not answer. Wait until it has loaded, then try again.',
  errorFailed: 'The article could not be saved. Nothing was changed; try again.',
  readerAuthor: 'By',
  readerPublished: 'Published',
  readerModified: 'Updated',
  readerSaved: 'Saved',
  readerSource: 'Original article',
  readerArchiveCard: 'CDT Archive Card',
  readerOriginalTitle: 'Original title',
  readerOriginalAuthor: 'Original author',
  readerOriginalDate: 'Originally published',
  readerArchiveSource: 'Source',
  readerImageMissing: 'Image not saved',
  readerSourceLink: 'Source',
  useBridge: 'Use a bridge to reach CDT',
  bridgeOn: 'On',
  bridgeOff: 'Off',
  bridgeDirect: 'The bridge is down: pages go direct',
  bridgeErrorNoReason: 'Not working: the bridge does not answer',
  bridgeControlled: 'Another extension controls the browser’s proxy settings',
  bridgeUnconfigured: 'Not set up: switching on opens Coral’s settings',
  bridgeNoAnswer: 'Coral does not answer; reload the page',
  bridgeHint:
    'Gets you past the block through a bridge you set up; it does not make you anonymous. Lantern’s switch is different: it makes you a bridge for others.',
  bridgeHeading: 'Get past the block yourself',
  refusedCovered:
    'Click ignored: the page covered or changed this box. Use Coral’s button in the browser toolbar instead.',
  refusedMoved: 'Click ignored: this box had only just appeared or moved. Click again if you meant it.',
  imagesNotKept_one: '{count} image could not be kept; the saved copy shows its description instead.',
  imagesNotKept_other: '{count} images could not be kept; the saved copy shows their descriptions instead.',
  videoLink: 'Video',
};

export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
  brand: 'Coral',
  save: '离线保存',
  saving: '保存中…',
  savedOn: '已保存于 {date}',
  readOffline: '离线阅读',
  retry: '重试',
  dismiss: '关闭',
  errorQuota: '存储空间不足，无法保存此文章。请释放一些空间后重试。',
  errorTooLarge: '此文章大于 {limit}，超出 Coral 能保存的上限。',
  errorNotArticle: '此页面似乎不是文章。',
  errorForbidden: '此页面无法保存。',
  errorBrowserPage: '这是浏览器自带的页面，任何扩展程序都不能读取，因此无法保存。',
  errorStorePage: '浏览器不允许任何扩展程序读取扩展商店的页面，因此无法保存此页。',
  errorPdf: '这是 PDF 文件；Coral 只保存网页。',
  errorNoAccess: '浏览器没有允许 Coral 访问此网站，因此无法保存此页。',
  errorNoAnswer: '页面没有响应。请等页面加载完成后重试。',
  errorFailed: '文章保存失败。没有做任何更改，请重试。',
  readerAuthor: '作者',
  readerPublished: '发布时间',
  readerModified: '更新时间',
  readerSaved: '保存时间',
  readerSource: '原文链接',
  readerArchiveCard: 'CDT 档案卡',
  readerOriginalTitle: '原标题',
  readerOriginalAuthor: '原作者',
  readerOriginalDate: '原发布日期',
  readerArchiveSource: '来源',
  readerImageMissing: '图片未保存',
  readerSourceLink: '原文链接',
  useBridge: '使用桥访问中国数字时代',
  bridgeOn: '已开启',
  bridgeOff: '已关闭',
  bridgeDirect: '桥已断开：网页正在直接连接',
  bridgeErrorNoReason: '无法使用：桥没有响应',
  bridgeControlled: '另一个扩展程序正在控制浏览器的代理设置',
  bridgeUnconfigured: '尚未设置：打开后会进入 Coral 设置',
  bridgeNoAnswer: 'Coral 没有响应，请重新加载页面',
  bridgeHint: '通过你设置的桥帮你绕过封锁，不能让你匿名。Lantern 的开关不同：它让你成为别人的桥。',
  bridgeHeading: '自己翻墙',
  refusedCovered: '已忽略这次点击：网页遮挡或改动了这个框。请改用浏览器工具栏中的 Coral 按钮。',
  refusedMoved: '已忽略这次点击：这个框刚刚出现或移动过。如果是你要点的，请再点一次。',
  imagesNotKept_one: '有 {count} 张图片未能保存；保存的副本会改为显示它的说明文字。',
  imagesNotKept_other: '有 {count} 张图片未能保存；保存的副本会改为显示它们的说明文字。',
  videoLink: '视频',
};

const zhTW: Record<MessageKey, string> = {
  brand: 'Coral',
  save: '離線保存',
  saving: '保存中…',
  savedOn: '已保存於 {date}',
  readOffline: '離線閱讀',
  retry: '重試',
  dismiss: '關閉',
  errorQuota: '儲存空間不足，無法保存此文章。請釋放一些空間後重試。',
  errorTooLarge: '此文章大於 {limit}，超出 Coral 能保存的上限。',
  errorNotArticle: '此頁面似乎不是文章。',
  errorForbidden: '此頁面無法保存。',
  errorBrowserPage: '這是瀏覽器內建的頁面，任何擴充功能都不能讀取，因此無法保存。',
  errorStorePage: '瀏覽器不允許任何擴充功能讀取擴充功能商店的頁面，因此無法保存此頁。',
  errorPdf: '這是 PDF 檔案；Coral 只保存網頁。',
  errorNoAccess: '瀏覽器沒有允許 Coral 存取此網站，因此無法保存此頁。',
  errorNoAnswer: '頁面沒有回應。請等頁面載入完成後重試。',
  errorFailed: '文章保存失敗。沒有做任何變更，請重試。',
  readerAuthor: '作者',
  readerPublished: '發佈時間',
  readerModified: '更新時間',
  readerSaved: '保存時間',
  readerSource: '原文連結',
  readerArchiveCard: 'CDT 檔案卡',
  readerOriginalTitle: '原標題',
  readerOriginalAuthor: '原作者',
  readerOriginalDate: '原發佈日期',
  readerArchiveSource: '來源',
  readerImageMissing: '圖片未保存',
  readerSourceLink: '原文連結',
  useBridge: '使用橋訪問中國數字時代',
  bridgeOn: '已開啟',
  bridgeOff: '已關閉',
  bridgeDirect: '橋已斷開：網頁正在直接連線',
  bridgeErrorNoReason: '無法使用：橋沒有回應',
  bridgeControlled: '另一個擴充功能正在控制瀏覽器的代理設定',
  bridgeUnconfigured: '尚未設定：開啟後會進入 Coral 設定',
  bridgeNoAnswer: 'Coral 沒有回應，請重新載入頁面',
  bridgeHint: '透過你設定的橋幫你繞過封鎖，不能讓你匿名。Lantern 的開關不同：它讓你成為別人的橋。',
  bridgeHeading: '自己翻牆',
  refusedCovered: '已忽略這次點擊：網頁遮擋或改動了這個框。請改用瀏覽器工具列中的 Coral 按鈕。',
  refusedMoved: '已忽略這次點擊：這個框剛剛出現或移動過。如果是你要點的，請再點一次。',
  imagesNotKept_one: '有 {count} 張圖片未能保存；保存的副本會改為顯示它的說明文字。',
  imagesNotKept_other: '有 {count} 張圖片未能保存；保存的副本會改為顯示它們的說明文字。',
  videoLink: '影片',
};

/** Every page-language string, by language (exported for the test that keeps the three in step). */
export const catalogs: Record<UiLang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

/**
 * The UI language for a BCP 47 tag (e.g. an `<html lang>`): Traditional Chinese for zh-Hant and the
 * regions that write it, Simplified for any other Chinese, English for everything else.
 */
export function uiLangFor(lang?: string): UiLang {
  const parts = (lang ?? '').trim().toLowerCase().replaceAll('_', '-').split('-');
  if (parts[0] !== 'zh') return 'en';
  if (parts.includes('hans')) return 'zh-CN';
  if (parts.includes('hant') || parts.some((part) => part === 'tw' || part === 'hk' || part === 'mo')) return 'zh-TW';
  return 'zh-CN';
}

/** The string for `key`, with `{name}` placeholders filled from `vars`. */
export function t(lang: UiLang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = catalogs[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

const errorKeys: Record<SaveErrorCode, MessageKey> = {
  quota: 'errorQuota',
  'too-large': 'errorTooLarge',
  'not-article': 'errorNotArticle',
  forbidden: 'errorForbidden',
  'browser-page': 'errorBrowserPage',
  'store-page': 'errorStorePage',
  pdf: 'errorPdf',
  'no-access': 'errorNoAccess',
  // The prompt lives in a page, so there is always one; the popup says this in its own words.
  'no-page': 'errorFailed',
  'no-answer': 'errorNoAnswer',
  failed: 'errorFailed',
};

/** A `_one`/`_other` pair of page-language strings. */
type CountKey = { [K in MessageKey]: K extends `${infer Base}_one` ? Base : never }[MessageKey];

/** "1 image", "12 images": the form for `count` under `lang`'s plural rules (Chinese has only `other`). */
export function tCount(lang: UiLang, base: CountKey, count: number): string {
  const form = new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other';
  return t(lang, `${base}_${form}` as MessageKey, { count: count.toLocaleString(lang) });
}

/** What to tell the reader when a save failed with `code` (an unknown code from a confused sender: the generic failure). */
export function saveErrorText(lang: UiLang, code: SaveErrorCode): string {
  const key = Object.hasOwn(errorKeys, code) ? errorKeys[code] : 'errorFailed';
  return t(lang, key, { limit: formatBytes(MAX_ARTICLE_BYTES, lang) });
}

/** The on-page bridge switch's status line for `view` (null: the background did not answer). */
export function bridgeStatusText(lang: UiLang, view: BridgeView | null): string {
  if (!view) return t(lang, 'bridgeNoAnswer');
  switch (view.state) {
    case 'on':
      return t(lang, 'bridgeOn');
    case 'off':
      return t(lang, 'bridgeOff');
    case 'error':
      return t(lang, 'bridgeErrorNoReason');
    case 'direct':
      return t(lang, 'bridgeDirect');
    case 'controlled-elsewhere':
      return t(lang, 'bridgeControlled');
    case 'unconfigured':
      return t(lang, 'bridgeUnconfigured');
  }
}
