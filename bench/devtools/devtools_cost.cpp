// The cost a connected devtools bridge adds per dispatch, in the dispatching thread:
// the same state_store and actions, dispatched without the bridge and with it (its
// middleware records the action and a copy of the model, and queues the ACTION message
// for the connection thread, which renders and sends it). Both run side by side in one
// process, in alternating batches; the minimum over the batches is reported.
//   devtools_cost <port | -> [batches] [per batch]
// With a port, it connects to the Redux DevTools server there and waits until a monitor
// has started it (bench/devtools/run.mjs starts both); with "-", the bridge runs without
// network (recording only, nothing queued).
#include "../../examples/devtools/todo.hpp"

#include <nanoflux/devtools.hpp>
#include <nanoflux/dispatcher.hpp>
#include <nanoflux/state.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

using todo_store = nanoflux::state_store<todo::model, nanoflux::devtools::monitored<todo::reducer>>;

namespace {

todo::model twenty_items() {
  todo::model m;
  for (int i = 0; i < 20; ++i) m.items.push_back({m.next_id++, "item number " + std::to_string(i), i % 3 == 0});
  return m;
}

// The same workload for both: toggle one of the 20 items, switch the filter.
template <class D>
[[gnu::noinline]] void run(D& d, int n) {
  for (int i = 0; i < n; ++i) {
    d(todo::toggle_todo{i % 20 + 1});
    d(todo::set_filter{i % 2 ? todo::filter::all : todo::filter::active});
  }
}
template <class D>
[[gnu::noinline]] void run_plain(D& d, int n) { run(d, n); }
template <class D>
[[gnu::noinline]] void run_bridged(D& d, int n) { run(d, n); }

}  // namespace

int main(int argc, char** argv) {
  std::string const where = argc > 1 ? argv[1] : "-";
  int const batches = argc > 2 ? std::atoi(argv[2]) : 7;
  int const per_batch = argc > 3 ? std::atoi(argv[3]) : 500;  // 2 dispatches each

  nanoflux::devtools::options opt;
  opt.name = "devtools_cost";
  opt.connect = where != "-";
  if (opt.connect) opt.port = static_cast<std::uint16_t>(std::atoi(where.c_str()));

  todo_store plain{twenty_items()};
  auto d_plain = nanoflux::make_dispatcher<todo::actions>(plain);
  todo_store bridged{twenty_items()};
  nanoflux::devtools::bridge<todo_store, todo::actions> tools{bridged, opt};
  auto d_bridged = nanoflux::make_dispatcher<todo::actions>(bridged).with_middleware(tools.middleware());

  if (opt.connect) {
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!tools.monitored()) {
      tools.poll();
      if (std::chrono::steady_clock::now() > deadline) return std::fprintf(stderr, "no monitor\n"), 1;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::printf("monitored\n");
    std::fflush(stdout);
  }

  using clock = std::chrono::steady_clock;
  double best_plain = 1e18, best_bridged = 1e18;
  int const dispatches = 2 * per_batch;
  for (int b = 0; b < batches; ++b) {
    auto const t0 = clock::now();
    run_plain(d_plain, per_batch);
    auto const t1 = clock::now();
    run_bridged(d_bridged, per_batch);
    auto const t2 = clock::now();
    best_plain = std::min(best_plain, std::chrono::duration<double, std::nano>(t1 - t0).count() / dispatches);
    best_bridged = std::min(best_bridged, std::chrono::duration<double, std::nano>(t2 - t1).count() / dispatches);
    tools.poll();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // let the connection thread send
  }
  if (!(plain.get() == bridged.get())) return std::fprintf(stderr, "the two stores differ\n"), 1;
  auto const s = tools.stats();
  std::printf("plain: %.0f ns/dispatch, bridged: %.0f ns/dispatch (+%.0f ns, %.1fx); min of %d batches of %d\n",
              best_plain, best_bridged, best_bridged - best_plain, best_bridged / best_plain, batches, dispatches);
  std::printf("recorded=%llu sent=%llu dropped=%llu\n", (unsigned long long)s.recorded, (unsigned long long)s.sent,
              (unsigned long long)s.dropped);
  return 0;
}
