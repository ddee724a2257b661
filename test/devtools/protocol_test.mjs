// devtools.protocol: the example application against the real Redux DevTools server.
// A monitor checks that INIT, the lifted state and each ACTION arrive in order with the
// model after it, then sends every command the bridge supports and checks the effect the
// application prints ("state: ...") and the lifted state it sends back.
//   node protocol_test.mjs <devtools_todo binary>
import { check, fail, freePort, kill, log, startApp, startMonitor, startServer } from './harness.mjs';

const binary = process.argv[2] || fail('usage: node protocol_test.mjs <devtools_todo>');
const port = await freePort();
const server = await startServer(port);
const monitor = await startMonitor(port);
const app = startApp(binary, ['--devtools', `127.0.0.1:${port}`]);
try {
  // Connect: START from the application, START back, then INIT and the whole lifted state.
  await monitor.next((m) => m.type === 'START', 'the application logs in');
  const init = await monitor.next((m) => m.type === 'INIT', 'INIT');
  check(JSON.parse(init.payload).items.length === 0, 'INIT carries the initial model');
  check(init.libConfig.features.jump && init.libConfig.features.skip, 'INIT announces jump and skip');
  await monitor.next((m) => m.type === 'STATE', 'the lifted state');

  // Actions, in order, each with the model after it.
  let from = monitor.messages.length;
  for (const line of ['add milk', 'add eggs', 'toggle 1', 'filter done']) app.send(line);
  await monitor.next((m, i) => monitor.messages.slice(from).filter((x) => x.type === 'ACTION').length === 4, '4 ACTIONs', from);
  const actions = monitor.messages.slice(from).filter((m) => m.type === 'ACTION');
  const lifted = actions.map((m) => JSON.parse(m.action));
  const states = actions.map((m) => JSON.parse(m.payload));
  check(JSON.stringify(lifted.map((l) => l.action)) === JSON.stringify([
    { type: 'addTodo', payload: { text: 'milk' } }, { type: 'addTodo', payload: { text: 'eggs' } },
    { type: 'toggleTodo', payload: { id: 1 } }, { type: 'setFilter', payload: { shown: 'done' } }]),
  'the actions arrive in order, as the name layer writes them');
  check(actions.map((m) => m.nextActionId).join() === '2,3,4,5', 'action ids ascend (nextActionId 2..5)');
  check(states[0].items.length === 1 && states[1].items.length === 2 && states[2].items[0].done === true &&
        states[3].shown === 'done', 'each ACTION carries the model after it');
  check(lifted.every((l, i) => i === 0 || l.timestamp >= lifted[i - 1].timestamp), 'timestamps do not go back');

  // Time travel: the application shows what the monitor picks.
  let mark = app.lines.length;
  let state = await monitor.command({ type: 'JUMP_TO_STATE', index: 1, actionId: 1 });
  await app.next(/^state: milk\(1\) \| all$/, 'JUMP_TO_STATE 1: the app shows the model after the first action', mark);
  check(state.lifted.currentStateIndex === 1, 'JUMP_TO_STATE: the lifted state says index 1');

  mark = app.lines.length;
  state = await monitor.command({ type: 'JUMP_TO_ACTION', actionId: 4 });
  await app.next(/^state: \[x\]milk\(1\) eggs\(2\) \| done$/, 'JUMP_TO_ACTION 4', mark);
  check(state.lifted.currentStateIndex === 4, 'JUMP_TO_ACTION: index 4');

  // Skip: the reducer replays without the toggle; unskip brings it back.
  mark = app.lines.length;
  state = await monitor.command({ type: 'TOGGLE_ACTION', id: 3 });
  await app.next(/^state: milk\(1\) eggs\(2\) \| done$/, 'TOGGLE_ACTION 3 (skip): replayed without the toggle', mark);
  check(JSON.stringify(state.lifted.skippedActionIds) === '[3]', 'TOGGLE_ACTION: skippedActionIds [3]');
  check(state.lifted.computedStates[3].state.items[0].done === false, 'TOGGLE_ACTION: the skipped step keeps the model before it');
  mark = app.lines.length;
  state = await monitor.command({ type: 'TOGGLE_ACTION', id: 3 });
  await app.next(/^state: \[x\]milk\(1\) eggs\(2\) \| done$/, 'TOGGLE_ACTION 3 again (unskip)', mark);
  check(state.lifted.skippedActionIds.length === 0, 'unskipped');

  // SET_ACTIONS_ACTIVE: skip ids [2, 4) (eggs, toggle).
  mark = app.lines.length;
  state = await monitor.command({ type: 'SET_ACTIONS_ACTIVE', start: 2, end: 4, active: false });
  await app.next(/^state: milk\(1\) \| done$/, 'SET_ACTIONS_ACTIVE [2,4) inactive', mark);
  mark = app.lines.length;
  state = await monitor.command({ type: 'SET_ACTIONS_ACTIVE', start: 2, end: 4, active: true });
  await app.next(/^state: \[x\]milk\(1\) eggs\(2\) \| done$/, 'SET_ACTIONS_ACTIVE [2,4) active again', mark);

  // Reorder: the toggle (3) before the first add (1): it toggles nothing then.
  mark = app.lines.length;
  state = await monitor.command({ type: 'REORDER_ACTION', actionId: 3, beforeActionId: 1 });
  await app.next(/^state: milk\(1\) eggs\(2\) \| done$/, 'REORDER_ACTION 3 before 1: replayed in the new order', mark);
  check(state.lifted.stagedActionIds.join() === '0,3,1,2,4', 'REORDER_ACTION: stagedActionIds 0,3,1,2,4');

  // Sweep: skip the filter, sweep it away.
  await monitor.command({ type: 'TOGGLE_ACTION', id: 4 });
  state = await monitor.command({ type: 'SWEEP' });
  check(state.lifted.stagedActionIds.join() === '0,3,1,2' && state.lifted.skippedActionIds.length === 0,
    'SWEEP: the skipped action is gone');

  // Import: an exported log (the UI's Export button writes this lifted state).
  const exported = {
    actionsById: {
      0: { type: 'PERFORM_ACTION', action: { type: '@@INIT' }, timestamp: 1 },
      1: { type: 'PERFORM_ACTION', action: { type: 'addTodo', payload: { text: 'bread' } }, timestamp: 2 },
      2: { type: 'PERFORM_ACTION', action: { type: 'addTodo', payload: { text: 'jam' } }, timestamp: 3 },
      3: { type: 'PERFORM_ACTION', action: { type: 'toggleTodo', payload: { id: 2 } }, timestamp: 4 },
    },
    committedState: { items: [], shown: 'all', next_id: 1 },
    computedStates: [],
    stagedActionIds: [0, 1, 2, 3], skippedActionIds: [], currentStateIndex: 3, nextActionId: 4,
  };
  mark = app.lines.length;
  from = monitor.messages.length;
  await monitor.send({ type: 'IMPORT', state: JSON.stringify(exported), instanceId: 'nanoflux todo' });
  await app.next(/^state: bread\(1\) \[x\]jam\(2\) \| all$/, 'IMPORT: the app replays the imported actions', mark);
  state = await monitor.next((m) => m.type === 'STATE', 'STATE after IMPORT', from);
  check(state.lifted.stagedActionIds.join() === '0,1,2,3', 'IMPORT: the lifted state is the imported one');
  // A log with an action the application does not know: refused as a whole.
  const bad = structuredClone(exported);
  bad.actionsById[2].action = { type: 'formatDisk' };
  mark = app.lines.length;
  await monitor.send({ type: 'IMPORT', state: JSON.stringify(bad), instanceId: 'nanoflux todo' });
  await monitor.send({ type: 'IMPORT', state: '{"not": "a lifted state"', instanceId: 'nanoflux todo' });
  let stats = await app.waitStats((s) => s.bad_imports === 2, 'two refused imports');
  check(stats.bad_imports === 2, 'IMPORT of an unknown action or broken JSON: refused, counted (bad_imports=2)');
  check(!app.lines.slice(mark).some((l) => l.startsWith('state:')), 'refused imports change nothing');

  // Commit, then an action, then rollback: back to the committed model.
  state = await monitor.command({ type: 'COMMIT' });
  check(state.lifted.stagedActionIds.join() === '0' && state.lifted.committedState.items.length === 2,
    'COMMIT: the current model is committed, the actions forgotten');
  from = monitor.messages.length;
  mark = app.lines.length;
  app.send('add tea');
  await app.next(/^state: bread\(1\) \[x\]jam\(2\) tea\(3\) \| all$/, 'add tea', mark);
  const tea = await monitor.next((m) => m.type === 'ACTION', 'ACTION after COMMIT', from);
  check(tea.nextActionId === 5, 'ids go on after COMMIT (nextActionId 5)');
  mark = app.lines.length;
  state = await monitor.command({ type: 'ROLLBACK' });
  await app.next(/^state: bread\(1\) \[x\]jam\(2\) \| all$/, 'ROLLBACK: back to the committed model', mark);

  // Pause: the application goes on, nothing is sent per action; on resume the lifted
  // state holds the latest model only.
  state = await monitor.command({ type: 'PAUSE_RECORDING', status: true });
  check(state.lifted.isPaused === true, 'PAUSE_RECORDING true');
  from = monitor.messages.length;
  mark = app.lines.length;
  app.send('add rice');
  await app.next(/^state: .*rice\(3\)/, 'the application dispatches while paused', mark);
  await app.waitStats((s) => s.recorded > 0, 'stats');
  check(!monitor.messages.slice(from).some((m) => m.type === 'ACTION'), 'paused: no ACTION sent');
  state = await monitor.command({ type: 'PAUSE_RECORDING', status: false });
  check(state.lifted.isPaused === false && state.lifted.committedState.items.length === 3 &&
        state.lifted.stagedActionIds.join() === '0', 'resumed: the paused actions are committed');

  // Lock: the application's actions are refused while locked.
  state = await monitor.command({ type: 'LOCK_CHANGES', status: true });
  check(state.lifted.isLocked === true, 'LOCK_CHANGES true');
  mark = app.lines.length;
  app.send('add soap');
  stats = await app.waitStats((s) => s.locked_out === 1, 'the locked-out action');
  check(stats.locked_out === 1 && !app.lines.slice(mark).some((l) => l.startsWith('state:')),
    'locked: the action is refused (locked_out=1), the model unchanged');
  await monitor.command({ type: 'LOCK_CHANGES', status: false });
  mark = app.lines.length;
  app.send('add salt');
  await app.next(/^state: .*salt\(4\)/, 'unlocked: actions apply again', mark);

  // Reset: the initial model, no actions.
  mark = app.lines.length;
  state = await monitor.command({ type: 'RESET' });
  await app.next(/^state: \| all$/, 'RESET: the initial model', mark);
  check(state.lifted.stagedActionIds.join() === '0', 'RESET: no actions');

  // START again (a monitor that reconnects): INIT and the lifted state once more.
  from = monitor.messages.length;
  await monitor.send({ type: 'START' });
  await monitor.next((m) => m.type === 'INIT', 'INIT again after START', from);
  await monitor.next((m) => m.type === 'STATE', 'STATE again after START', from);

  // Commands for another instance, and garbage, are ignored.
  mark = app.lines.length;
  await monitor.socket.transmit(`sc-${monitor.appId}`, { type: 'DISPATCH', action: { type: 'RESET' }, instanceId: 'someone else' });
  await monitor.socket.transmit(`sc-${monitor.appId}`, { type: 'DISPATCH', action: { type: 'JUMP_TO_STATE', index: 'one' } });
  await monitor.socket.transmit(`sc-${monitor.appId}`, 'not an object');
  stats = await app.waitStats((s) => s.ignored >= 1 && s.malformed >= 2, 'ignored and malformed commands');
  check(stats.ignored >= 1 && stats.malformed >= 2, `another instance's command ignored, malformed ones counted (${JSON.stringify(stats)})`);

  // Send-only: a second application refuses every state-changing command.
  const firstId = monitor.appId;
  from = monitor.messages.length;
  const ro = startApp(binary, ['--devtools', `127.0.0.1:${port}`, '--send-only']);
  const hello = await monitor.next((m) => m.type === 'START' && m.id !== firstId, 'the send-only application', from);
  ro.send('add one');
  await ro.next(/^state: one\(1\)/, 'send-only app dispatches', 0);
  await monitor.socket.transmit(`sc-${hello.id}`, { type: 'DISPATCH', action: { type: 'RESET' } });
  await monitor.socket.transmit(`sc-${hello.id}`, { type: 'DISPATCH', action: { type: 'JUMP_TO_STATE', index: 0 } });
  const rs = await ro.waitStats((s) => s.refused === 2, 'two refused commands');
  check(rs.refused === 2, 'send-only: RESET and JUMP_TO_STATE refused (refused=2)');
  check(ro.lines.filter((l) => l.startsWith('state:')).length === 1, 'send-only: the model was not changed');
  check((await ro.quit()) === 0, 'the send-only application exits normally');

  // The first application stays as it was (its commands went to its own channel).
  check((await app.quit()) === 0, 'the application exits normally');
  log('devtools.protocol: all checks passed');
} finally {
  monitor.close();
  await kill(server);
  if (app.child.exitCode === null) app.child.kill('SIGKILL');
}
process.exit(0);
