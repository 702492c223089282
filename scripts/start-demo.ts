// `npm start`: serves the CDT fixtures as chinadigitaltimes.net and opens a visible Chromium with the
// freshly built extension, pinned to the toolbar, on the English article, so a person can try saving
// and reading offline.
import { createHash } from 'node:crypto';
import { existsSync, realpathSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROME_EXT_DIR, findChrome, launchChromium } from '../tests/e2e/browsers.ts';
import { PATHS, startFixtureServer } from '../tests/e2e/server.ts';

function exitWith(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!existsSync(path.join(CHROME_EXT_DIR, 'manifest.json'))) {
  exitWith(`No built extension at ${CHROME_EXT_DIR}. Run \`npm start\` (it builds first) or \`npx wxt build\`.`);
}

const executablePath = findChrome();
if (!executablePath) {
  exitWith(
    [
      'No Chromium or Google Chrome found. Install one, or point CHROME_PATH at its executable, e.g.',
      '  CHROME_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" npm start',
      '  (Debian/Ubuntu: sudo apt-get install chromium)',
    ].join('\n'),
  );
}

const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const headless = process.env.HEADLESS === '1';
if (noDisplay && !headless) {
  exitWith(
    [
      'No display ($DISPLAY and $WAYLAND_DISPLAY are not set): the demo opens a browser window and needs one.',
      `The extension is built in ${path.relative(process.cwd(), CHROME_EXT_DIR) || CHROME_EXT_DIR}. Either:`,
      '  - run the demo on a virtual display: xvfb-run npm start   (Debian/Ubuntu: sudo apt-get install xvfb)',
      '  - or load it by hand on a machine with a desktop: chrome://extensions, Developer mode, Load unpacked',
      '  - or check that it loads, with no window: HEADLESS=1 npm start',
    ].join('\n'),
  );
}

/**
 * Chromium's id for an unpacked extension: the first 128 bits of the SHA-256 of its real path, written
 * with the letters a to p. (Windows hashes the path differently; then the icon is simply not pinned.)
 */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return Array.from(hex, (digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

// A new profile that already has Coral pinned to the toolbar, so its icon (the popup) is in sight.
const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'coral-demo-'));
// On any way out: Playwright's own Ctrl+C handler closes the browser and exits before our stop() ends.
process.on('exit', () => rmSync(userDataDir, { recursive: true, force: true }));
const expectedId = unpackedExtensionId(CHROME_EXT_DIR);
await mkdir(path.join(userDataDir, 'Default'));
await writeFile(
  path.join(userDataDir, 'Default', 'Preferences'),
  JSON.stringify({ extensions: { pinned_extensions: [expectedId] } }),
);

const server = await startFixtureServer();
const session = await launchChromium({ headless, executablePath, userDataDir }).catch((error: unknown) => {
  exitWith(`Could not start ${executablePath} with the extension: ${error instanceof Error ? error.message : error}`);
});
const page = session.context.pages()[0] ?? (await session.context.newPage());
await page.goto(server.url(PATHS.enArticle));

console.log(`
Coral demo running (Chromium: ${executablePath}${headless ? ', headless' : ''}).
Fixture site (only this browser resolves the name to 127.0.0.1, port ${server.port}):
  English article  ${server.url(PATHS.enArticle)}
  Chinese article  ${server.url(PATHS.zhArticle)}
  Home page        ${server.url(PATHS.home)}   (not an article: no prompt)
Extension: ${session.extensionOrigin}  (reader pages open at ${session.extensionOrigin}/reader.html?id=…)
Try: click "Save offline" under the title, then "Read offline"; the library is Coral's icon in the toolbar.${
  session.extensionId === expectedId ? '' : '\n(Coral could not be pinned here: find it under the puzzle-piece menu.)'
}
Stop: press Ctrl+C here (or close the browser window).`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await session.close();
  await server.stop();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
session.context.on('close', stop);
