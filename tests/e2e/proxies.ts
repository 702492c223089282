// Real proxies for the bridge's browser tests: tinyproxy (HTTP) and microsocks (SOCKS5) on loopback
// ports. Each runs in its own mount namespace with a hosts file of its own, so the proxy resolves the
// test sites to 127.0.0.2 while the browser (outside) resolves them to 127.0.0.1: which server instance
// got a request tells whether it went through the proxy, with no need to trust the proxy's logs.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The address the proxies resolve the test sites to (the server instance for proxied requests). */
export const PROXIED_ADDRESS = '127.0.0.2';

export interface RunningProxy {
  kind: 'http' | 'socks5';
  port: number;
  /** What the options page takes, e.g. http://127.0.0.1:41234 */
  url: string;
  /** tinyproxy's log so far (microsocks logs nothing); for failure messages only. */
  log(): Promise<string>;
  /** Kills the proxy and waits for it to exit; later connections are refused. */
  stop(): Promise<void>;
}

/** Whether the machine can run these tests: both proxies installed, and root for the mount namespace. */
export function proxiesMissing(): string | undefined {
  for (const bin of ['tinyproxy', 'microsocks', 'unshare']) {
    const found = ['/usr/bin', '/usr/sbin', '/bin', '/usr/local/bin'].some((dir) => existsSync(path.join(dir, bin)));
    if (!found) return `${bin} is not installed (Debian: apt-get install tinyproxy microsocks)`;
  }
  if (process.getuid?.() !== 0) return 'the proxies need root to give themselves their own /etc/hosts (unshare -m)';
  return undefined;
}

/** A loopback port nothing listens on at the moment. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function accepts(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the proxy exited (${child.exitCode ?? child.signalCode}) before listening: ${output()}`);
    }
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the proxy did not listen on 127.0.0.1:${port} within 10 s: ${output()}`);
}

const sh = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

interface Spawned {
  dir: string;
  child: ChildProcess;
  output: () => string;
}

/** Runs `command` with its own /etc/hosts (written into `dir`) mapping `hosts` to PROXIED_ADDRESS. */
async function spawnWithHosts(dir: string, command: string[], hosts: readonly string[]): Promise<Spawned> {
  const hostsFile = path.join(dir, 'hosts');
  await writeFile(hostsFile, `127.0.0.1 localhost\n${PROXIED_ADDRESS} ${hosts.join(' ')}\n`);
  const script = `mount --bind ${sh(hostsFile)} /etc/hosts && exec ${command.map(sh).join(' ')}`;
  // unshare and sh both exec: the child's pid is the proxy's, so killing it stops the proxy.
  const child = spawn('unshare', ['-m', 'sh', '-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Should the test process end without its after-hooks (a signal, process.exit), take the proxy along.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  let text = '';
  child.stdout?.on('data', (chunk) => {
    text = (text + chunk).slice(-4000);
  });
  child.stderr?.on('data', (chunk) => {
    text = (text + chunk).slice(-4000);
  });
  return { dir, child, output: () => text };
}

function stopper(spawned: Spawned): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      const { child } = spawned;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(spawned.dir, { recursive: true, force: true });
    })();
    return stopping;
  };
}

async function start(
  kind: RunningProxy['kind'],
  launch: (port: number, dir: string) => Promise<{ command: string[]; logFile?: string }>,
  hosts: readonly string[],
): Promise<RunningProxy> {
  let lastError: unknown;
  // A free port can be taken between the check and the proxy's bind: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const dir = await mkdtemp(path.join(os.tmpdir(), `coral-${kind}-proxy-`));
    const { command, logFile } = await launch(port, dir);
    const spawned = await spawnWithHosts(dir, command, hosts);
    const stop = stopper(spawned);
    try {
      await waitForPort(port, spawned.child, spawned.output);
    } catch (error) {
      lastError = error;
      await stop();
      continue;
    }
    return {
      kind,
      port,
      url: `${kind}://127.0.0.1:${port}`,
      log: async () => (logFile ? await readFile(logFile, 'utf8').catch(() => '') : '') + spawned.output(),
      stop,
    };
  }
  throw lastError;
}

/** tinyproxy on 127.0.0.1, logging at Info level; it resolves `hosts` to PROXIED_ADDRESS. */
export function startTinyproxy(hosts: readonly string[]): Promise<RunningProxy> {
  return start(
    'http',
    async (port, dir) => {
      const logFile = path.join(dir, 'tinyproxy.log');
      const conf = path.join(dir, 'tinyproxy.conf');
      const user = os.userInfo().username;
      await writeFile(
        conf,
        [
          `User ${user}`,
          `Port ${port}`,
          'Listen 127.0.0.1',
          'Timeout 30',
          `LogFile "${logFile}"`,
          'LogLevel Info',
          'MaxClients 50',
          'Allow 127.0.0.1',
          // The destinations are on odd ports; CONNECT (HTTPS) is not used by the tests.
          'ConnectPort 443',
          '',
        ].join('\n'),
      );
      return { command: ['tinyproxy', '-d', '-c', conf], logFile };
    },
    hosts,
  );
}

/** microsocks (SOCKS5, no login) on 127.0.0.1; it resolves `hosts` to PROXIED_ADDRESS. */
export function startMicrosocks(hosts: readonly string[]): Promise<RunningProxy> {
  return start('socks5', async (port) => ({ command: ['microsocks', '-i', '127.0.0.1', '-p', String(port)] }), hosts);
}
