// Shared by the devtools tests: a free loopback port, the Redux DevTools server
// (@redux-devtools/cli 4.0.3), the example application (its stdout lines), and a small
// monitor (socketcluster-client) that speaks to the application as the web UI does.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, 'package.json'));
export const sc = require('socketcluster-client');

export function log(...args) {
  console.log(`[${(performance.now() / 1000).toFixed(2)}s]`, ...args);
}
// Every child process dies with the test (a failed check exits at once).
const children = new Set();
process.on('exit', () => { for (const c of children) if (c.exitCode === null) c.kill('SIGKILL'); });
export function track(child) { children.add(child); return child; }

export function fail(message) {
  console.error('FAILED:', message);
  process.exit(1);
}
export function check(condition, message) {
  if (!condition) fail(message);
  log('ok:', message);
}
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(predicate, what, timeoutMs = 8000) {
  const start = Date.now();
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() - start > timeoutMs) fail(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function accepts(port) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.once('connect', () => { c.destroy(); resolve(true); });
    c.once('error', () => resolve(false));
  });
}

// The Redux DevTools server on 127.0.0.1:port; resolves once it accepts connections.
export async function startServer(port) {
  const server = track(spawn(path.join(here, 'node_modules/.bin/redux-devtools'),
    [`--hostname=127.0.0.1`, `--port=${port}`, '--logLevel=1'], { stdio: ['ignore', 'ignore', 'inherit'] }));
  const start = Date.now();
  while (!(await accepts(port))) {
    if (server.exitCode !== null) fail(`redux-devtools exited with ${server.exitCode}`);
    if (Date.now() - start > 20000) fail('redux-devtools did not start within 20 s');
    await sleep(100);
  }
  log(`server up on ${port} after ${Date.now() - start} ms`);
  return server;
}
export function kill(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

// The example application; lines() holds its stdout lines so far.
export function startApp(binary, args) {
  const child = track(spawn(binary, args, { stdio: ['pipe', 'pipe', 'inherit'] }));
  const lines = [];
  let partial = '';
  child.stdout.on('data', (chunk) => {
    partial += chunk.toString();
    let eol;
    while ((eol = partial.indexOf('\n')) >= 0) {
      lines.push(partial.slice(0, eol));
      partial = partial.slice(eol + 1);
    }
  });
  return {
    child,
    lines,
    send(line) { child.stdin.write(line + '\n'); },
    // The next stdout line after `from` that matches re.
    async next(re, what, from, timeoutMs) {
      return waitFor(() => lines.slice(from).find((l) => re.test(l)), what, timeoutMs);
    },
    async stats() {
      const from = lines.length;
      this.send('stats');
      const line = await this.next(/^stats: /, 'stats', from);
      return Object.fromEntries(line.slice(7).split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
    },
    // Asks for stats until pred(stats) holds.
    async waitStats(pred, what, timeoutMs = 8000) {
      const start = Date.now();
      for (;;) {
        const s = await this.stats();
        if (pred(s)) return s;
        if (Date.now() - start > timeoutMs) fail(`timed out waiting for ${what}: ${JSON.stringify(s)}`);
        await sleep(50);
      }
    },
    async quit() {
      child.stdin.end('quit\n');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
      return child.exitCode;
    },
  };
}

// A monitor as the web UI: logs in (not as "master"), watches "log", sends START to
// every application ("respond") once subscribed, answers an application's START with
// START, and sends commands to "sc-<id>".
export async function startMonitor(port) {
  const socket = sc.create({ hostname: '127.0.0.1', port, autoReconnect: false });
  await socket.listener('connect').once();
  const channel = await socket.invoke('login', 'monitor');
  const messages = [];
  const monitor = {
    socket,
    messages,
    appId: null,
    send(data) { return socket.transmit(`sc-${monitor.appId}`, data); },
    dispatch(action) { return monitor.send({ type: 'DISPATCH', action, instanceId: 'nanoflux todo' }); },
    async next(predicate, what, from, timeoutMs) {
      return waitFor(() => messages.slice(from).find(predicate), what, timeoutMs);
    },
    // Sends a command and waits for the STATE the application answers with.
    async command(action) {
      const from = messages.length;
      await monitor.dispatch(action);
      return monitor.next((m) => m.type === 'STATE', `STATE after ${action.type}`, from);
    },
    close() { socket.disconnect(); },
  };
  const log = socket.subscribe(channel);
  await log.listener('subscribe').once();
  socket.transmit('respond', { type: 'START' });  // applications already connected start sending
  (async () => {
    for await (const data of log) {
      if (data.type === 'STATE') data.lifted = JSON.parse(data.payload);
      messages.push(data);
      if ((data.type === 'INIT' || data.type === 'STATE') && !monitor.appId) monitor.appId = data.id;
      if (data.type === 'START') {
        monitor.appId = data.id;
        socket.transmit(`sc-${data.id}`, { type: 'START' });
      }
    }
  })();
  return monitor;
}
