// The JavaScript nanoflux 1.1.1 perf scenario, as in the package's perf/fluxy-perf.js
// and perf/fullflux-perf.js (same stores, actions, subscriber and exec), timed with
// the package's PerfTest loop: 3 rounds, each calling exec until 1000 ms have passed.
// An op is one exec: two actions, each dispatch -> store -> notify -> one subscriber.
// (The package's own perf/benchmark.js cannot run as shipped: it requires
// '../perf/perftest' but the file is PerfTest.js, and it needs the other libraries'
// builds; the two nanoflux scenarios are reproduced here verbatim instead.)
'use strict';
const NanoFlux = require('nanoflux/dist/nanoflux.min');
const version = require('nanoflux/package.json').version;

function perfTest(name, runner) {
  // The PerfTest.start() loop of nanoflux 1.1.1 (perf/PerfTest.js).
  runner.before.call(runner);
  let overallElapsed = 0;
  let iterations = 0;
  const rounds = 3;
  for (let i = 0; i < rounds; ++i) {
    const start = Date.now();
    let elapsed = 0;
    while (elapsed <= 1000) {
      runner.exec.call(runner, i);
      elapsed = Date.now() - start;
      ++iterations;
    }
    overallElapsed += elapsed;
  }
  const opsPerSecond = iterations / (overallElapsed / 1000);
  return { name, opsPerSecond, nsPerOp: 1e9 / opsPerSecond, iterations, ms: overallElapsed };
}

// perf/fluxy-perf.js: actions are dispatcher methods.
const fluxy = {
  dispatcher: NanoFlux.createDispatcher('myDispatcher', ['action1', 'action2']),
  store: NanoFlux.createStore('myStore', {
    onAction1: function (test) { this.notify({ data: test }); },
    onAction2: function (test) { this.notify({ data: test }); },
  }),
  before: function () {
    this.dispatcher.connectTo(this.store);
    this.store.subscribe(this, function (data) {
      var localData = data; // copy operation
    });
  },
  exec: function (i) {
    this.dispatcher.action1('test 1.' + i);
    this.dispatcher.action2('test 2.' + i);
  },
};

// perf/fullflux-perf.js: an action provider calls dispatcher.dispatch(name, data).
function ActionProvider(dispatcher) {
  this.action1 = function (data) { dispatcher.dispatch('action1', data); };
  this.action2 = function (data) { dispatcher.dispatch('action2', data); };
}
const fullflux = {
  dispatcher: NanoFlux.createDispatcher('myOtherDispatcher'),
  store: NanoFlux.createStore('myOtherStore', {
    onAction1: function (test) { this.notify({ data: test }); },
    onAction2: function (test) { this.notify({ data: test }); },
  }),
  actions: {},
  before: function () {
    this.actions = new ActionProvider(this.dispatcher);
    this.dispatcher.connectTo(this.store);
    this.store.subscribe(this, function (data) {
      var localData = data; // copy operation
    });
  },
  exec: function (i) {
    this.actions.action1('test 1.' + i);
    this.actions.action2('test 2.' + i);
  },
};

// The same exec in batches of 10000 between clock reads (the PerfTest loop above reads
// Date.now() after every op, which is part of what it measures), timed in CPU time
// (user + system) like the C++ side's Google Benchmark, so that a loaded machine does
// not count against either.
function batched(name, runner) {
  const batch = 10000;
  let ops = 0;
  let i = 0;
  const start = process.cpuUsage();
  let us = 0;
  while (us < 3000000) {
    for (let k = 0; k < batch; ++k) runner.exec.call(runner, i);
    ops += batch;
    i = (i + 1) % 3;
    const used = process.cpuUsage(start);
    us = used.user + used.system;
  }
  const opsPerSecond = ops / (us / 1e6);
  return { name: name + ' (batched, CPU time)', opsPerSecond, nsPerOp: 1e9 / opsPerSecond, iterations: ops, ms: us / 1e3 };
}

const results = [perfTest('nanoflux-fluxy-perf', fluxy), perfTest('nanoflux-fullflux-perf', fullflux),
                 batched('nanoflux-fluxy-perf', fluxy), batched('nanoflux-fullflux-perf', fullflux)];
const json = process.argv.includes('--json');
for (const r of results) {
  if (json) {
    console.log(JSON.stringify({ node: process.version, nanoflux: version, ...r }));
  } else {
    console.log(`${r.name} (nanoflux ${version}, node ${process.version}): ` +
                `${Math.round(r.opsPerSecond)} op/s, ${r.nsPerOp.toFixed(1)} ns per op`);
  }
}
