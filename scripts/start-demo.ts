// `npm start`: serves the CDT fixtures as chinadigitaltimes.net and opens a visible Chromium with the
// freshly built extension on the English article, so a person can try saving and reading offline.
import { existsSync } from 'node:fs';
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
const headless = noDisplay || process.env.HEADLESS === '1';
if (noDisplay) {
  console.warn(
    'No display ($DISPLAY is not set): a visible browser needs one (a desktop session, `ssh -X`, or `xvfb-run npm start`).\n' +
      'Starting headless instead so you can still check that everything loads; press Ctrl+C to stop.',
  );
}

const server = await startFixtureServer();
const session = await launchChromium({ headless, executablePath }).catch((error: unknown) => {
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
Try: click "Save offline" under the title, then "Read offline".
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
