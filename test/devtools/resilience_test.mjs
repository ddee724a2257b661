// devtools.resilience: the application never suffers from the monitor. Server absent at
// start, killed mid-session, restarted; a server that accepts and never answers; one
// that sends garbage (not JSON, wrong shapes, binary frames, a message over the size
// limit, bad commands): the application keeps dispatching at once, loses no action of
// its own state, and the bridge reconnects; what it recorded reaches the monitor.
//   node resilience_test.mjs <devtools_todo binary>
import net from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { waitFor, check, fail, freePort, here, kill, log, sleep, startApp, startMonitor, startServer, track } from './harness.mjs';

const require = createRequire(path.join(here, 'package.json'));
const { WebSocketServer } = require('ws');

const binary = process.argv[2] || fail('usage: node resilience_test.mjs <devtools_todo>');
const port = await freePort();
const app = startApp(binary, ['--devtools', `127.0.0.1:${port}`]);

// Dispatches `text` and checks the application shows it within 500 ms (no wait on the network).
let count = 0;
async function add(text) {
  const mark = app.lines.length;
  const start = Date.now();
  app.send(`add ${text}`);
  ++count;
  await app.next(new RegExp(`^state: .*${text}\\(${count}\\) \\| all$`), `the application shows ${text}`, mark, 2000);
  const ms = Date.now() - start;
  if (ms > 500) fail(`${text}: the application took ${ms} ms`);
  return ms;
}
// The monitor sees this application's lifted state with exactly `texts` added.
async function monitorSees(monitor, texts, what) {
  const state = await monitor.next((m) => m.type === 'STATE' &&
    m.lifted.computedStates.at(-1).state.items.map((i) => i.text).join() === texts.join(), what, 0, 10000);
  check(!!state, what);
}

// 1. No server.
await add('a');
await add('b');
let stats = await app.stats();
check(stats.connected === 0 && stats.recorded === 2, 'server absent: the application runs, actions recorded');

// 2. The server starts: the bridge connects and the monitor gets everything.
let server = await startServer(port);
let monitor = await startMonitor(port);
await monitorSees(monitor, ['a', 'b'], 'server started: the monitor gets the actions dispatched while it was absent');
await add('c');
await monitor.next((m) => m.type === 'ACTION' && JSON.parse(m.action).action.payload.text === 'c', 'live ACTION c');

// 3. Killed mid-session.
await kill(server);
monitor.close();
for (const t of ['d', 'e']) await add(t);
stats = await app.waitStats((s) => s.connected === 0, 'the bridge notices the server is gone');
check(stats.failures >= 1, `server killed: the application goes on (failures=${stats.failures})`);

// 4. Restarted.
server = await startServer(port);
monitor = await startMonitor(port);
await monitorSees(monitor, ['a', 'b', 'c', 'd', 'e'], 'server restarted: the bridge reconnects, nothing of its record lost');
stats = await app.stats();
check(stats.connects === 2, 'two sessions');
await kill(server);
monitor.close();

// 5. A server that accepts and never answers (slow or hung): the login times out.
const held = new Set();
const silent = net.createServer((s) => { held.add(s); s.on('error', () => {}); }).listen(port, '127.0.0.1');
await new Promise((r) => silent.once('listening', r));
await add('f');
await waitFor(() => held.size >= 1, 'the bridge connects to the silent server', 10000);
const heldAt = Date.now();
const failuresBefore = (await app.stats()).failures;
stats = await app.waitStats((s) => s.failures > failuresBefore, 'a hung server counted as a failure', 10000);
log(`the login timed out after ${Date.now() - heldAt} ms`);
check(stats.connected === 0, `a silent server: the login times out (failures ${failuresBefore} -> ${stats.failures}), the application is not affected`);
for (const s of held) s.destroy();
await new Promise((r) => silent.close(r));
log('silent server closed');

// 6. A server that sends garbage.
const wss = new WebSocketServer({ host: '127.0.0.1', port });
let sessions = 0;
wss.on('connection', (ws) => {
  ++sessions;
  ws.on('message', (data) => {
    const text = data.toString();
    const packet = text ? JSON.parse(text) : null;
    const channel = 'respond';
    const publish = (d) => ws.send(JSON.stringify({ event: '#publish', data: { channel, data: d } }));
    if (packet?.event === '#handshake') {
      for (const junk of ['{', 'null', '[]', '{"rid":"x"}', '{"event":7}', '\u0000\u00ff', '{"a":1,"a":2}', '1e999',
        '{"event":"#publish","data":{"channel":"respond","data":"x"}}', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[']) ws.send(junk);
      ws.send(Buffer.from([1, 2, 3]), { binary: true });
      ws.send(JSON.stringify({ rid: packet.cid, data: { id: 'garbage-session', pingTimeout: 20000 } }));
    } else if (packet?.event === 'login') {
      ws.send(JSON.stringify({ rid: packet.cid, data: 'respond' }));
    } else if (packet?.event === '#subscribe') {
      ws.send(JSON.stringify({ rid: packet.cid }));
    } else if (packet?.event === 'log' && packet.data.type === 'START') {
      publish({ type: 'DISPATCH', action: { type: 'JUMP_TO_STATE', index: -1 } });
      publish({ type: 'DISPATCH', action: { type: 'JUMP_TO_STATE', index: 1e300 } });
      publish({ type: 'DISPATCH', action: { type: 'TOGGLE_ACTION', id: 'x' } });
      publish({ type: 'DISPATCH', action: { type: 'REORDER_ACTION', actionId: 99, beforeActionId: 1 } });
      publish({ type: 'IMPORT', state: '{"actionsById":{},"stagedActionIds":[5],"committedState":7}' });
      publish({ type: 'DISPATCH', action: { type: 'JUMP_TO_STATE', index: 999 } });
      ws.send('x'.repeat(2 * 1024 * 1024));  // over max_message_bytes: the session ends
    }
  });
});
await new Promise((r) => wss.once('listening', r));
await add('g');
stats = await app.waitStats((s) => s.malformed >= 10 && s.bad_imports >= 1 && sessions >= 2, 'garbage counted', 15000);
check(stats.malformed >= 10, `garbage: malformed messages counted (malformed=${stats.malformed}, bad imports=${stats.bad_imports})`);
check(sessions >= 2, `the oversized message ended the session; the bridge came back (${sessions} sessions)`);
await add('h');
for (const c of wss.clients) c.terminate();
await new Promise((r) => wss.close(r));

// 7. The real server once more: everything the application did is there.
server = await startServer(port);
monitor = await startMonitor(port);
await monitorSees(monitor, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 'after all that: the monitor gets every action, in order');
const mark = app.lines.length;
await monitor.command({ type: 'JUMP_TO_STATE', index: 2 });
await app.next(/^state: a\(1\) b\(2\) \| all$/, 'commands work again', mark);
check(true, 'commands work again after the garbage');
check((await app.quit()) === 0, 'the application exits normally');
const finalLine = app.lines.find((l) => l.startsWith('final:'));
check(finalLine === 'final: a(1) b(2) | all', 'final model as the monitor left it');
monitor.close();
await kill(server);
log('devtools.resilience: all checks passed');
process.exit(0);
