// Launch helpers for the end-to-end tests, the demo and the benchmark: the system's Chromium (through
// playwright-core) and Firefox ESR (through puppeteer-core), each with the built extension loaded and
// chinadigitaltimes.net mapped to the loopback address. Never downloads a browser.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CDT_HOST } from './server.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
// CORAL_*_EXT point the harness at another build (e.g. a stub while the extension is being written).
export const CHROME_EXT_DIR = path.resolve(process.env.CORAL_CHROME_EXT ?? path.join(ROOT, '.output/chrome-mv3'));
export const FIREFOX_EXT_DIR = path.resolve(process.env.CORAL_FIREFOX_EXT ?? path.join(ROOT, '.output/firefox-mv2'));
export const SCREENSHOT_DIR = path.join(ROOT, '.tmp/screenshots');

const CHROME_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];
const FIREFOX_CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
  'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
];

export function findChrome(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CHROME_CANDIDATES.find((candidate) => existsSync(candidate));
}

export function findFirefox(): string | undefined {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return FIREFOX_CANDIDATES.find((candidate) => existsSync(candidate));
}

/** Throws a message that says what to run when the extension has not been built. */
export function assertBuilt(extensionDir: string): void {
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    const flag = extensionDir.includes('firefox') ? ' -b firefox' : '';
    throw new Error(`No built extension at ${extensionDir}: run \`npx wxt build${flag}\` first.`);
  }
}

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  /** chrome-extension://<id> */
  extensionOrigin: string;
  userDataDir: string;
  close(): Promise<void>;
}

export interface ChromiumOptions {
  headless?: boolean;
  extensionDir?: string;
  /** Reuse a profile (kept on close); a fresh temporary one otherwise (deleted on close). */
  userDataDir?: string;
  executablePath?: string;
  /** More host names the browser resolves to 127.0.0.1, besides CDT's. */
  hosts?: readonly string[];
  /** The browser's UI language (e.g. `en-US`), which the popup, options and reader follow; the system's otherwise. */
  uiLanguage?: string;
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumSession> {
  const extensionDir = options.extensionDir ?? CHROME_EXT_DIR;
  assertBuilt(extensionDir);
  const executablePath = options.executablePath ?? findChrome();
  if (!executablePath) throw new Error('No Chromium or Chrome found: set CHROME_PATH to its executable.');
  const ownProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'coral-chromium-')));
  const hostRules = [CDT_HOST, `www.${CDT_HOST}`, ...(options.hosts ?? [])]
    .map((host) => `MAP ${host} 127.0.0.1`)
    .join(', ');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    // --lang (which `locale` adds) sets it on Windows and macOS; Linux reads LANGUAGE.
    ...(options.uiLanguage && {
      locale: options.uiLanguage,
      env: { ...process.env, LANGUAGE: options.uiLanguage.replace('-', '_') },
    }),
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Everything but the fixture hosts fails at once, so the tests never depend on the internet.
      // 127.0.0.1 itself is left alone: the bridge tests' proxies listen there.
      `--host-resolver-rules=${hostRules}, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1`,
    ],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    return {
      context,
      extensionId,
      extensionOrigin: `chrome-extension://${extensionId}`,
      userDataDir,
      close: async () => {
        await context.close().catch(() => {});
        if (ownProfile) await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close().catch(() => {});
    if (ownProfile) await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

export interface FirefoxSession {
  browser: Browser;
  extensionId: string;
  close(): Promise<void>;
}

export async function launchFirefox(
  options: {
    headless?: boolean;
    extensionDir?: string;
    hosts?: readonly string[];
    /** More preferences, over the ones every test needs. */
    prefs?: Record<string, unknown>;
  } = {},
): Promise<FirefoxSession> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXT_DIR;
  assertBuilt(extensionDir);
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('No Firefox found: set FIREFOX_PATH to its executable.');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: options.headless ?? true,
    defaultViewport: { width: 1280, height: 900 },
    extraPrefsFirefox: {
      'network.dns.localDomains': [CDT_HOST, `www.${CDT_HOST}`, ...(options.hosts ?? [])].join(','),
      // The fixtures are plain HTTP; nothing may upgrade them to HTTPS.
      'dom.security.https_first': false,
      'dom.security.https_first_pbm': false,
      'dom.security.https_only_mode': false,
      'network.stricttransportsecurity.preloadlist': false,
      'browser.fixup.fallback-to-https': false,
      'extensions.autoDisableScopes': 0,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.reportingpolicy.firstRun': false,
      ...options.prefs,
    },
  });
  try {
    const extensionId = await browser.installExtension(extensionDir);
    return { browser, extensionId, close: () => browser.close().catch(() => {}) };
  } catch (error) {
    await browser.close().catch(() => {});
    throw error;
  }
}

/**
 * Polls until `check` returns something truthy (which it then returns), like an expect-style
 * assertion; throws `message` with the last value or error after `timeout` ms.
 */
export async function waitFor<T>(
  check: () => Promise<T> | T,
  message: string,
  { timeout = 15_000, interval = 100 }: { timeout?: number; interval?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms: ${message} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

export interface LibraryStats {
  exists: boolean;
  articles: number;
  versions: number;
  images: number;
  /** Sizes of the image blobs. */
  imageBytes: number;
  /** Sizes of the JSON of the article and version records. */
  recordBytes: number;
  /** UTF-8 sizes of the versions' plain text and HTML. */
  textBytes: number;
  htmlBytes: number;
}

/**
 * Walks the extension's IndexedDB library from an extension page. Never creates the database: opening
 * a missing one would make an empty version 1 that the extension's own upgrade might then skip.
 */
export function readLibrary(extensionPage: Page): Promise<LibraryStats> {
  return extensionPage.evaluate(async () => {
    const empty = {
      exists: false,
      articles: 0,
      versions: 0,
      images: 0,
      imageBytes: 0,
      recordBytes: 0,
      textBytes: 0,
      htmlBytes: 0,
    };
    const known = await indexedDB.databases();
    if (!known.some((info) => info.name === 'coral')) return empty;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('coral');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string) =>
      db.objectStoreNames.contains(store)
        ? new Promise<unknown[]>((resolve, reject) => {
            const request = db.transaction(store).objectStore(store).getAll();
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          })
        : Promise.resolve([]);
    const [articles, versions, images] = await Promise.all([all('articles'), all('versions'), all('images')]);
    db.close();
    const json = (records: unknown[]) =>
      records.reduce<number>((sum, record) => sum + new Blob([JSON.stringify(record)]).size, 0);
    const imageBytes = (images as Array<{ blob?: Blob }>).reduce((sum, image) => sum + (image.blob?.size ?? 0), 0);
    const utf8 = (field: 'text' | 'html') =>
      (versions as Array<Record<string, unknown>>).reduce(
        (sum, version) => sum + new Blob([String(version[field] ?? '')]).size,
        0,
      );
    return {
      exists: true,
      articles: articles.length,
      versions: versions.length,
      images: images.length,
      imageBytes,
      recordBytes: json(articles) + json(versions),
      textBytes: utf8('text'),
      htmlBytes: utf8('html'),
    };
  });
}
