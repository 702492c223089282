// Hostile input in real Chromium, not only in happy-dom: the real sanitiser, extraction and backup import
// (bundled with Vite) run the vectors of tests/support/hostile-vectors.ts in a blank loopback page and
// put their output into the live document, where anything left that could run or load would. Then a
// hostile CDT page is saved through the real in-page prompt and read in the reader with the site down.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { type Browser, chromium, type Page, type Request } from 'playwright-core';
import { build } from 'vite';
import type { HostilePage } from '../support/hostile-page.ts';
import { HOSTILE_ARTICLE, HOSTILE_BACKUP_HTML, SANITIZER_VECTORS } from '../support/hostile-vectors.ts';
import { type ChromiumSession, findChrome, launchChromium, ROOT, waitFor } from './browsers.ts';
import { boxText, chromiumOnPage, clickControl, saveButton, waitForControl } from './on-page.ts';
import { type FixtureServer, PATHS, startFixtureServer } from './server.ts';

const FIXTURE = path.join(ROOT, 'tests/fixtures', HOSTILE_ARTICLE.fixture);

/** The page entry bundled for the browser, as one ES module. */
async function bundle(): Promise<string> {
  const result = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: path.join(ROOT, 'tests/support/hostile-page.ts'), formats: ['es'], fileName: 'hostile' },
    },
  });
  const outputs = Array.isArray(result) ? result : [result];
  for (const output of outputs) {
    if (!('output' in output)) continue;
    const chunk = output.output.find((item) => item.type === 'chunk' && item.isEntry);
    if (chunk && chunk.type === 'chunk') return chunk.code;
  }
  throw new Error('Vite produced no entry chunk for tests/support/hostile-page.ts');
}

const BLANK_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>hostile</title>' +
  '<script type="module" src="/hostile.js"></script></head><body></body></html>';

/** A loopback server for the blank page and the bundle; nothing else. */
async function serve(code: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const [type, body] = req.url === '/hostile.js' ? ['text/javascript', code] : ['text/html', BLANK_PAGE];
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** What a page did: calls of the functions vectors call, dialogs, errors, navigations and requests. */
interface Watch {
  page: Page;
  requests: string[];
  dialogs: string[];
  errors: string[];
  navigations: string[];
  ran(): Promise<string[]>;
}

// Vectors call alert(), pwned() or x(); each call is recorded instead. An error thrown by a vector
// (msgbox, say) shows up as a page error.
function recordCalls(): void {
  const ran: string[] = [];
  const record = (name: string) => (arg?: unknown) => void ran.push(`${name}(${String(arg ?? '')})`);
  Object.assign(window, {
    __ran: ran,
    alert: record('alert'),
    confirm: record('confirm'),
    prompt: record('prompt'),
    pwned: record('pwned'),
    x: record('x'),
  });
}

async function watchedPage(browser: Browser, origin: string): Promise<Watch> {
  const page = await browser.newPage();
  const watch: Watch = {
    page,
    requests: [],
    dialogs: [],
    errors: [],
    navigations: [],
    ran: () => page.evaluate(() => (window as unknown as { __ran: string[] }).__ran),
  };
  await page.addInitScript(recordCalls);
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => watch.errors.push(error.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'coralHostile' in window);
  page.on('request', (request: Request) => watch.requests.push(request.url()));
  page.on('framenavigated', (frame) => watch.navigations.push(frame.url()));
  return watch;
}

/**
 * Waits until whatever the shown output could still do has had its turn: every image has loaded or
 * failed (an onerror fires after that), then a control image that does call pwned() has done so.
 */
async function settled(watch: Watch): Promise<void> {
  await watch.page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await watch.page.evaluate(() => {
    const control = document.createElement('div');
    control.innerHTML = '<img src="data:," onerror="pwned(\'control\')">';
    document.body.append(control);
  });
  await watch.page.waitForFunction(() => (window as unknown as { __ran: string[] }).__ran.includes('pwned(control)'));
}

async function assertNothingRan(watch: Watch): Promise<void> {
  await settled(watch);
  assert.deepEqual(await watch.ran(), ['pwned(control)'], 'no vector called a function');
  assert.deepEqual(watch.dialogs, [], 'no dialog opened');
  assert.deepEqual(watch.errors, [], 'no script error (a vector that ran and failed)');
  assert.deepEqual(watch.navigations, [], 'the page did not navigate');
}

let browser: Browser | undefined;
let site: { origin: string; server: Server } | undefined;
const pages: Page[] = [];

describe('hostile input in real Chromium, the real modules in a blank page', () => {
  before(async () => {
    const executablePath = findChrome();
    if (!executablePath) throw new Error('No Chromium or Chrome found: set CHROME_PATH to its executable.');
    site = await serve(await bundle());
    browser = await chromium.launch({
      executablePath,
      headless: true,
      // Every host but the loopback page fails at once: a request is still seen, and nothing leaves.
      args: ['--no-sandbox', '--disable-gpu', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
    });
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.server.close(resolve));
  });

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });

  async function open(): Promise<Watch> {
    const watch = await watchedPage(browser as Browser, (site as { origin: string }).origin);
    pages.push(watch.page);
    return watch;
  }

  test('the sanitiser leaves every vector inert, its text kept, loading nothing from elsewhere', async () => {
    const watch = await open();
    const results = await watch.page.evaluate(() =>
      (window as unknown as { coralHostile: HostilePage }).coralHostile.sanitizeAll(),
    );
    assert.equal(results.length, SANITIZER_VECTORS.length);
    for (const [i, { html, kept }] of SANITIZER_VECTORS.entries()) {
      const result = results[i];
      assert.deepEqual(result?.problems, [], `${html} gave ${result?.html}`);
      assert.doesNotMatch(result?.html ?? '', /alert|javascript|vbscript|data:text|attacker\.test/i, html);
      assert.equal(result?.text, kept, `text kept of ${html}`);
    }
    await assertNothingRan(watch);
    // Absolute http(s) images are the one thing the sanitiser keeps by design (extraction turns them into
    // slots, the reader into blobs): the only loads are the images its output names, on the article's site.
    const named = new Set(results.flatMap((result) => [...result.html.matchAll(/ src="([^"]+)"/g)].map((m) => m[1])));
    for (const url of watch.requests) {
      assert.ok(named.has(url), `a request only for an image the output names: ${url}`);
      assert.equal(new URL(url).hostname, 'chinadigitaltimes.net', url);
    }
  });

  test('extraction of the hostile CDT page keeps the article and nothing live, and loads nothing', async () => {
    const watch = await open();
    const pageHtml = await readFile(FIXTURE, 'utf8');
    const result = await watch.page.evaluate(
      (html) => (window as unknown as { coralHostile: HostilePage }).coralHostile.extract(html),
      pageHtml,
    );
    assert.deepEqual(result.problems, [], result.html);
    assert.doesNotMatch(result.html, /pwned|attacker\.test|javascript|<script|\son\w+=/i);
    assert.equal(result.title, HOSTILE_ARTICLE.title);
    for (const sentence of HOSTILE_ARTICLE.kept) assert.ok(result.plainText.includes(sentence), sentence);
    assert.deepEqual(
      result.images.map((url) => url.split('/').pop()),
      [...HOSTILE_ARTICLE.imageFiles],
      'the images kept as slots',
    );
    await assertNothingRan(watch);
    assert.deepEqual(watch.requests, [], 'showing the extracted article made no request');
  });

  test('backup import sanitises again: the hostile version HTML comes out inert', async () => {
    const watch = await open();
    const exact = await watch.page.evaluate(
      (html) => (window as unknown as { coralHostile: HostilePage }).coralHostile.importBackupWith(html),
      HOSTILE_BACKUP_HTML.html,
    );
    assert.equal(exact.html, HOSTILE_BACKUP_HTML.sanitized);
    const all = await watch.page.evaluate(
      (html) => (window as unknown as { coralHostile: HostilePage }).coralHostile.importBackupWith(html),
      SANITIZER_VECTORS.map((vector) => vector.html).join(''),
    );
    assert.deepEqual(all.problems, [], all.html);
    assert.doesNotMatch(all.html, /alert|javascript|vbscript|data:text|attacker\.test/i);
    await assertNothingRan(watch);
    for (const url of watch.requests) assert.equal(new URL(url).hostname, 'chinadigitaltimes.net', url);
  });
});

describe('a hostile CDT page saved through the in-page prompt, read offline', () => {
  let session: ChromiumSession | undefined;
  let server: FixtureServer | undefined;

  afterEach(async () => {
    await session?.close();
    await server?.stop();
    session = undefined;
    server = undefined;
  });

  test('the reader shows the text, runs nothing and requests nothing', async () => {
    server = await startFixtureServer();
    session = await launchChromium();
    const { context } = session;
    // In the reader, pwned() would record a call the CSP let through; the page defines its own.
    await context.addInitScript(recordCalls);
    const page = await context.newPage();
    await page.goto(server.url(PATHS.hostileArticle));
    const prompt = chromiumOnPage(page);
    await waitForControl(prompt, saveButton(/Save offline/));
    // The same markup runs where it is not sanitised: the vectors are live.
    const live = await waitFor(
      async () => {
        const calls = await page.evaluate(() => (window as unknown as { __pwned?: string[] }).__pwned ?? []);
        return HOSTILE_ARTICLE.liveVectors.every((name) => calls.includes(name)) ? calls : undefined;
      },
      `the live page ran ${HOSTILE_ARTICLE.liveVectors.join(', ')}`,
    );
    assert.ok(live.length >= HOSTILE_ARTICLE.liveVectors.length);

    await clickControl(prompt, saveButton(/Save offline/));
    await waitFor(async () => /Saved/.test(await boxText(prompt, 'coral-save-offer')), 'the prompt to say saved');
    await server.stop();
    const served = server.requests.length;

    // Listening on the context from before the click, so the reader's first requests are seen too.
    const requests: string[] = [];
    const consoleMessages: string[] = [];
    const errors: string[] = [];
    const fromArticlePage = (from: Page | null) => from === page;
    context.on('request', (request: Request) => {
      let from: Page | null = null;
      try {
        from = request.serviceWorker() ? null : request.frame().page();
      } catch {}
      if (!fromArticlePage(from)) requests.push(request.url());
    });
    context.on('console', (message) => {
      if (!fromArticlePage(message.page())) consoleMessages.push(`${message.type()}: ${message.text()}`);
    });
    context.on('weberror', (error) => {
      if (!fromArticlePage(error.page())) errors.push(error.error().message);
    });
    context.on('dialog', (dialog) => {
      errors.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    const opened = context.waitForEvent('page', { timeout: 15_000 });
    await clickControl(prompt, saveButton(/Read offline/));
    const reader = await opened;
    await reader.waitForURL(/\/reader\.html\?id=/, { timeout: 15_000 });
    // The first load can start before Playwright is attached to the new tab; a reload is surely watched.
    const reloaded = requests.length;
    await reader.reload();
    await waitFor(
      async () => (await reader.locator('h1').first().textContent())?.trim() === HOSTILE_ARTICLE.title,
      'reader h1',
    );
    // biome-ignore lint/performance/useDomNodeTextContent: the visible text is the point here.
    const shown = (await reader.locator('body').innerText()).replace(/\s+/g, ' ');
    for (const sentence of HOSTILE_ARTICLE.kept) assert.ok(shown.includes(sentence), `reader shows: ${sentence}`);

    // The stored image has loaded and the failed ones are boxes: nothing is left to load or fire.
    await reader.waitForFunction(
      () => [...document.images].length > 0 && [...document.images].every((i) => i.complete),
    );
    const found = await reader.evaluate(() => {
      const attrs = [...document.body.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].map((attr) => ({ el: el.localName, name: attr.name, value: attr.value })),
      );
      const live = 'script:not([src]), iframe, object, embed, form, meta[http-equiv], base, svg script, math';
      const problems = [
        ...attrs.filter((a) => a.name.startsWith('on')).map((a) => `${a.name} on <${a.el}>`),
        ...attrs.filter((a) => /javascript:|attacker\.test/i.test(a.value)).map((a) => `${a.name}="${a.value}"`),
        ...[...document.querySelectorAll(live)].map((el) => `<${el.localName}>`),
      ];
      return { problems, ran: (window as unknown as { __ran?: string[] }).__ran ?? ['no recorder'] };
    });
    assert.deepEqual(found.problems, [], 'the reader page holds nothing live from the article');
    assert.deepEqual(found.ran, [], 'no vector called a function in the reader');
    assert.deepEqual(errors, [], 'no script error or dialog in the reader');
    assert.deepEqual(
      consoleMessages.filter((message) => /Refused|Content Security Policy|pwned/i.test(message)),
      [],
      'the CSP had nothing to refuse: the sanitiser already removed it',
    );
    const outside = requests.filter((url) => !/^(chrome-extension|blob|data):/.test(url));
    assert.deepEqual(outside, [], 'the reader made no network request');
    assert.ok(requests.length > reloaded, 'the request listener saw the reader load its own files');
    assert.equal(server.requests.length, served, 'the site got no request after it was stopped');
  });
});
