// A static server for the CDT fixtures at their real paths, so a browser that maps chinadigitaltimes.net
// to the loopback address sees the pages where the extension expects them. It logs every request so a
// test can prove the reader made none, and it can be stopped for real (sockets included) so "read
// offline" means offline.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const CDT_HOST = 'chinadigitaltimes.net';
/** A host outside CDT, for telling what the bridge routes from what it leaves alone. */
export const OTHER_HOST = 'other.test';
export const FIXTURE_DIR = path.resolve(import.meta.dirname, '../fixtures/cdt');
/** Names that mean the user's own network: the bridge must leave them direct, even for "Everything". */
export const LOCAL_NAME_HOSTS = ['printer.lan', 'nas.home.arpa', 'router.internal', 'something.local', 'nas'];
/** A CDT mirror for the bridge tests, and the subdomains the subdomain page uses on CDT and on it. */
export const MIRROR_HOST = 'mirror.test';
export const SUBDOMAIN_HOSTS = [CDT_HOST, MIRROR_HOST].flatMap((domain) => [`sub.${domain}`, `static.${domain}`]);
/** On `sub.<domain>`: a page whose image is on `static.<domain>`, with the page's query passed on. */
export const SUBDOMAIN_PAGE = '/subdomain/';
const SUBDOMAIN_IMAGE = '/files/2019/07/cdt-logo.png';

export const PATHS = {
  enArticle: '/2019/07/china-rebuked-by-22-nations-over-xinjiang/',
  zhArticle: '/chinese/702345.html',
  home: '/',
  hostileArticle: '/2024/05/netizen-voices-the-flood-report-that-vanished/',
  tagListing: '/tag/xinjiang/',
  /** An article whose page script dresses Coral's boxes up as its own "Continue reading" (?decoy=…). */
  decoyArticle: '/2019/07/continue-reading-decoy/',
  /** An article whose page script names another article (?forge=…, the English one) as its canonical. */
  forgingArticle: '/2021/07/minitrue-do-not-hype-flood-deaths/',
  /** An article with 12 images whose requests are never answered (HANGING_IMAGES). */
  hangingImages: '/2026/11/flood-photos-the-censors-removed/',
  /** A Chinese article with an emoji and a Weibo emoticon that cannot be fetched, and a YouTube video. */
  inlineEmoji: '/chinese/709001.html',
  /** An English page whose `<article lang="ug" dir="rtl">` is in Uyghur. */
  rtlArticle: '/2024/06/uyghur-testimony-camps/',
} as const;
/** Requests under this path are logged and never answered, until the server stops. */
export const HANGING_IMAGES = '/files/hang/';

const PAGES: Record<string, string> = {
  [PATHS.enArticle]: 'cdt-en-article.html',
  [PATHS.zhArticle]: 'cdt-zh-article.html',
  [PATHS.home]: 'cdt-en-home.html',
  [PATHS.hostileArticle]: '../variants/hostile-article.html',
  [PATHS.tagListing]: '../variants/tag-page.html',
  [PATHS.decoyArticle]: '../variants/lantern-widget-off.html',
  [PATHS.forgingArticle]: '../variants/no-jsonld-article.html',
  [PATHS.hangingImages]: '../variants/hanging-images.html',
  [PATHS.inlineEmoji]: '../variants/inline-emoji.html',
  [PATHS.rtlArticle]: 'cdt-en-uyghur-article.html',
};
const OTHER_PAGE =
  '<!doctype html><html lang="en"><head><title>Other site</title></head><body><h1>Other site</h1></body></html>\n';
const IMAGE_DIRS = ['/files/2019/07/', '/chinese/files/2024/08/'];

export interface LoggedRequest {
  method: string;
  /** Host header (or the host of an absolute request target). */
  host: string;
  path: string;
  status: number;
  at: number;
  /** The Via header, which HTTP proxies such as tinyproxy add. */
  via?: string;
}

export interface FixtureServer {
  port: number;
  /** e.g. http://chinadigitaltimes.net:41234 */
  origin: string;
  url(pathname: string): string;
  /** Every request received, in order; never cleared by the server. */
  requests: LoggedRequest[];
  /** The address it listens on (127.0.0.1 unless asked otherwise). */
  address: string;
  /** Closes the listener and every open socket; later connections are refused. */
  stop(): Promise<void>;
  running(): boolean;
}

/** Page scripts served inside a fixture page, at the end of its body: the decoy is an article plus its trick. */
const PAGE_SCRIPTS: Record<string, string> = {
  [PATHS.decoyArticle]: '../variants/decoy.js',
  [PATHS.forgingArticle]: '../variants/forge-canonical.js',
};

function fileFor(pathname: string): { file: string; type: string; script?: string } | undefined {
  const page = PAGES[pathname];
  const script = PAGE_SCRIPTS[pathname];
  if (page) {
    const html = { file: path.join(FIXTURE_DIR, page), type: 'text/html; charset=utf-8' };
    return script ? { ...html, script: path.join(FIXTURE_DIR, script) } : html;
  }
  for (const dir of IMAGE_DIRS) {
    if (!pathname.startsWith(dir)) continue;
    const name = pathname.slice(dir.length);
    // Only plain file names: no traversal out of the fixture folder.
    if (/^[a-z0-9-]+\.png$/.test(name)) return { file: path.join(FIXTURE_DIR, 'files', name), type: 'image/png' };
  }
  return undefined;
}

const readsBody = (method: string) => method === 'GET' || method === 'HEAD';

const isUnder = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** The page on sub.<domain> that loads an image from static.<domain> on the same port. */
function subdomainPage(target: URL): string | undefined {
  if (target.pathname !== SUBDOMAIN_PAGE || !target.hostname.startsWith('sub.')) return undefined;
  const image = new URL(SUBDOMAIN_IMAGE + target.search, target);
  image.hostname = `static.${target.hostname.slice(4)}`;
  const src = image.href.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<!doctype html><html lang="en"><head><title>Subdomain</title></head><body><h1>Subdomain</h1><img src="${src}" alt="logo"></body></html>\n`;
}

/** What the server answers for a request: a plain page, a fixture file, or nothing. */
async function answerFor(method: string, target: URL): Promise<{ type: string; body: string | Buffer } | undefined> {
  if (!readsBody(method)) return undefined;
  const host = target.hostname;
  if (host === OTHER_HOST || LOCAL_NAME_HOSTS.includes(host))
    return { type: 'text/html; charset=utf-8', body: OTHER_PAGE };
  const sub = subdomainPage(target);
  if (sub) return { type: 'text/html; charset=utf-8', body: sub };
  const cdtLike = isUnder(host, CDT_HOST) || isUnder(host, MIRROR_HOST) || host === '127.0.0.1';
  const found = cdtLike ? fileFor(target.pathname) : undefined;
  const body = found ? await readFile(found.file) : undefined;
  if (!found || !body) return undefined;
  if (!found.script) return { type: found.type, body };
  const script = await readFile(found.script, 'utf8');
  return { type: found.type, body: body.toString('utf8').replace('</body>', `<script>\n${script}</script>\n</body>`) };
}

async function handle(req: IncomingMessage, res: ServerResponse, log: LoggedRequest[]): Promise<void> {
  // An absolute request target (a browser using us as a proxy) carries its own host.
  const target = new URL(req.url ?? '/', `http://${req.headers.host ?? CDT_HOST}`);
  const method = req.method ?? 'GET';
  const entry: LoggedRequest = {
    method,
    host: target.hostname,
    path: target.pathname + target.search,
    status: 404,
    at: Date.now(),
  };
  if (req.headers.via) entry.via = req.headers.via;
  log.push(entry);
  // An image host that accepted the connection and then went silent: no status, no bytes, no close.
  if (target.pathname.startsWith(HANGING_IMAGES)) return;
  const answer = await answerFor(method, target);
  if (!answer) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('Not found\n');
    return;
  }
  entry.status = 200;
  // no-store: a reload must reach the server (and be logged), never a cache.
  const headers = { 'content-type': answer.type, 'cache-control': 'no-store' };
  res.writeHead(200, typeof answer.body === 'string' ? headers : { ...headers, 'content-length': answer.body.length });
  res.end(method === 'HEAD' ? undefined : answer.body);
}

export async function startFixtureServer(options: { port?: number; host?: string } = {}): Promise<FixtureServer> {
  const requests: LoggedRequest[] = [];
  const server = createServer((req, res) => {
    handle(req, res, requests).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  // Refuse HTTPS tunnels: nothing outside the fixtures is served.
  server.on('connect', (req: IncomingMessage, socket) => {
    requests.push({ method: 'CONNECT', host: req.url ?? '', path: '', status: 403, at: Date.now() });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const address = options.host ?? '127.0.0.1';
  const origin = port === 80 ? `http://${CDT_HOST}` : `http://${CDT_HOST}:${port}`;
  let open = true;
  return {
    port,
    origin,
    url: (pathname) => origin + pathname,
    requests,
    address,
    running: () => open,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!open) return resolve();
        open = false;
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The same site twice on one port: on 127.0.0.1, where the browser resolves the test hosts (requests
 * that went direct), and on `proxiedAddress`, where the proxies resolve them (requests that went
 * through a proxy). Which log a request lands in says which way it went.
 */
export interface TwinServers {
  direct: FixtureServer;
  proxied: FixtureServer;
  stop(): Promise<void>;
}

export async function startTwinServers(proxiedAddress: string): Promise<TwinServers> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const direct = await startFixtureServer();
    try {
      const proxied = await startFixtureServer({ port: direct.port, host: proxiedAddress });
      return { direct, proxied, stop: async () => void (await Promise.all([direct.stop(), proxied.stop()])) };
    } catch (error) {
      // The port was free on 127.0.0.1 but taken on the other address: pick another.
      lastError = error;
      await direct.stop();
    }
  }
  throw lastError;
}

// `node tests/e2e/server.ts [port]` serves the fixtures by hand.
if (import.meta.main) {
  const server = await startFixtureServer({ port: Number(process.argv[2] ?? 0) });
  console.log(`Serving ${FIXTURE_DIR} on 127.0.0.1:${server.port} as ${server.origin}`);
}
