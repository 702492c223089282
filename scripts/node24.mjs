// Runs a command with the Node this project needs (the major version in .nvmrc), so that `npm install`,
// `npm start`, `npm test` and `npm run bench` work on a machine whose `node` is older. Plain JavaScript
// that any Node since 14 can run.
//
//   node scripts/node24.mjs wxt prepare                     a command and its arguments
//   node scripts/node24.mjs "wxt build && node x.ts"        a first argument with a space: a shell command line
//   node scripts/node24.mjs --check                         exit 0 when `node` itself is new enough
//   node scripts/node24.mjs --bin-dir                       print the folder of a new enough `node`
//
// When `node` is older, the Node from the npm registry's `node` package is used, installed once into
// $CORAL_NODE_CACHE (default ~/.cache/coral-node<major>, the place .ci/run uses), and the command runs
// with that folder first on PATH, so everything it starts (wxt, vitest, npx, node) gets that Node too.
// It says so in one line on stderr; it prints nothing when `node` is already new enough.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wanted = Number(readFileSync(path.join(root, '.nvmrc'), 'utf8').trim().split('.')[0]);
const cache = process.env.CORAL_NODE_CACHE || path.join(os.homedir(), '.cache', `coral-node${wanted}`);
const cacheBin = path.join(cache, 'node_modules', 'node', 'bin');
const home = os.homedir();
const shown = (dir) => (dir.startsWith(home + path.sep) ? `~${dir.slice(home.length)}` : dir);
const major = (version) => Number(String(version).replace(/^v/, '').split('.')[0]);

function say(line) {
  process.stderr.write(`coral: ${line}\n`);
}

/** The version of the Node in the cache, or undefined when there is none that runs. */
function cachedVersion() {
  const node = path.join(cacheBin, process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(node)) return undefined;
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** The folder of a Node >= wanted: this one's, or the cache's (installed there first if need be). */
function binDir() {
  if (major(process.version) >= wanted) return path.dirname(process.execPath);
  const why = `Node ${process.version} is older than the ${wanted} Coral needs`;
  // npm checks its packages' `engines` against the Node that runs npm, before any script of ours runs.
  const warnings = process.env.npm_lifecycle_event === 'postinstall' ? ' (hence the EBADENGINE warnings above)' : '';
  const found = cachedVersion();
  if (found && major(found) >= wanted) {
    say(`${why}${warnings}: using Node ${found} from ${shown(cache)}`);
    return cacheBin;
  }
  say(`${why}${warnings}: installing Node ${wanted} from the npm registry into ${shown(cache)} (once)`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(
    npm,
    [
      'install',
      '--prefix',
      cache,
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      '--loglevel=error',
      `node@${wanted}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' },
  );
  const installed = cachedVersion();
  if (install.status !== 0 || !installed || major(installed) < wanted) {
    say(
      `could not install Node ${wanted}; install it yourself (e.g. \`nvm install\`, which reads .nvmrc) and run again`,
    );
    process.exit(1);
  }
  return cacheBin;
}

function run(argv, dir) {
  const node = path.join(dir, process.platform === 'win32' ? 'node.exe' : 'node');
  const env = { ...process.env, PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}` };
  // npm hands its scripts the path of the Node that runs npm; tools that honour these must get ours.
  if (env.NODE) env.NODE = node;
  if (env.npm_node_execpath) env.npm_node_execpath = node;
  const [command, ...args] = argv;
  const child = /\s/.test(command)
    ? spawn(argv.join(' '), { stdio: 'inherit', env, shell: true })
    : spawn(command, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  // Ctrl+C reaches the child as well (same process group): wait while it cleans up. A TERM sent to
  // this process alone is passed on.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('error', (error) => {
    say(`could not run ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    }
    process.exit(code ?? 1);
  });
}

const argv = process.argv.slice(2);
if (argv[0] === '--check') {
  process.exit(major(process.version) >= wanted ? 0 : 1);
} else if (argv[0] === '--bin-dir') {
  process.stdout.write(`${binDir()}\n`);
} else if (argv.length === 0) {
  say('usage: node scripts/node24.mjs <command> [arguments…]');
  process.exit(2);
} else {
  run(argv, binDir());
}
