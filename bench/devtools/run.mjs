// Runs bench_devtools_cost against the real Redux DevTools server with a monitor
// attached (so the bridge records and sends every action), then once more under
// callgrind for the instructions of the dispatching thread.
//   node bench/devtools/run.mjs <bench_devtools_cost>   (after test/devtools/install.sh)
import { spawnSync, spawn } from 'node:child_process';
import { fail, freePort, kill, log, startMonitor, startServer, track } from '../../test/devtools/harness.mjs';

const binary = process.argv[2] || fail('usage: node run.mjs <bench_devtools_cost>');
const port = await freePort();
const server = await startServer(port);
const monitor = await startMonitor(port);

function run(command, args) {
  return new Promise((resolve) => {
    const child = track(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

const timed = await run(binary, [String(port), '15', '500']);
if (timed.code !== 0) fail(`bench failed: ${timed.err}`);
console.log(`time (connected, monitored): ${timed.out.trim()}`);
const offline = await run(binary, ['-', '15', '500']);
console.log(`time (bridge without network): ${offline.out.trim()}`);

// Callgrind: inclusive instructions of run_plain and run_bridged (the dispatching thread only).
const out = `/tmp/devtools_cost.callgrind.${process.pid}`;
const cg = await run('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, binary, String(port), '3', '500']);
if (cg.code !== 0) fail(`callgrind run failed: ${cg.err.slice(-2000)}`);
const annotate = spawnSync('callgrind_annotate', ['--inclusive=yes', out], { encoding: 'utf8' }).stdout;
const count = (name) => {
  const line = annotate.split('\n').find((l) => l.includes(`${name}<`) && !l.includes('run<'));
  return line ? Number(line.trim().split(/\s+/)[0].replace(/,/g, '')) : NaN;
};
const plain = count('run_plain');
const bridged = count('run_bridged');
const dispatches = 3 * 1000;
console.log(`callgrind: run_plain ${plain} Ir, run_bridged ${bridged} Ir over ${dispatches} dispatches each: ` +
  `${(plain / dispatches).toFixed(0)} vs ${(bridged / dispatches).toFixed(0)} instructions per dispatch ` +
  `(+${((bridged - plain) / dispatches).toFixed(0)})`);
monitor.close();
await kill(server);
process.exit(0);
