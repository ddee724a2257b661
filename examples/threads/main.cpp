// Worker threads post actions into a multi_producer action_queue; the main thread
// sleeps in q.wait() (C++20 std::atomic::wait: no spinning, no mutex) and drains them
// into its stores through a run-to-completion dispatcher, whose handlers may dispatch
// follow-up actions (deferred to the same queue, hence multi_producer: the main thread
// posts to it too).
#include <nanoflux/nanoflux.hpp>
#include <nanoflux/queue.hpp>

#include <array>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

namespace {

constexpr int workers = 3;
constexpr int jobs_per_worker = 1000;

// Actions: posted by the workers...
struct job_done {
  int worker;
  int job;
  long result;
};
struct worker_finished {
  int worker;
};
// ...and dispatched by a handler on the main thread (deferred).
struct all_finished {};

using actions = nanoflux::actions<job_done, worker_finished, all_finished>;
using queue = nanoflux::action_queue<actions, 128, nanoflux::multi_producer>;

class progress_store : public nanoflux::store<progress_store> {
public:
  std::function<void(all_finished)> dispatch;  // set by main: the queued dispatcher

  void on(job_done const& j) {
    auto& w = workers_[std::size_t(j.worker)];
    w.in_order = w.in_order && j.job == w.done;  // each worker's actions arrive in order
    ++w.done;
    total_ += j.result;
  }
  void on(worker_finished const& f) {
    std::printf("worker %d finished: %d jobs\n", f.worker, workers_[std::size_t(f.worker)].done);
    if (++finished_ == workers) dispatch(all_finished{});  // deferred: runs after this action
  }
  void on(all_finished) {
    done_ = true;
    notify();
  }

  bool done() const { return done_; }
  long total() const { return total_; }
  int jobs() const {
    int n = 0;
    for (auto const& w : workers_) n += w.done;
    return n;
  }
  bool in_order() const {
    for (auto const& w : workers_)
      if (!w.in_order) return false;
    return true;
  }

private:
  struct worker_state {
    int done = 0;
    bool in_order = true;
  };
  std::array<worker_state, workers> workers_{};
  int finished_ = 0;
  long total_ = 0;
  bool done_ = false;
};

long work(int worker, int job) { return long(worker) * 100000 + job; }

}  // namespace

int main() {
  static queue q;  // shared by the workers (post) and the main thread (wait, drain)
  progress_store progress;
  auto d = nanoflux::make_dispatcher<actions>(progress).with_queue(q);
  progress.dispatch = [&](all_finished a) { d(a); };
  nanoflux::subscription report = progress.subscribe([](progress_store const& p) {
    std::printf("all workers finished: %d jobs, total %ld, each worker's order kept: %s\n", p.jobs(), p.total(),
                p.in_order() ? "yes" : "no");
  });

  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w)
    threads.emplace_back([w] {
      for (int j = 0; j < jobs_per_worker; ++j) {
        job_done action{w, j, work(w, j)};
        while (!q.post(action)) std::this_thread::yield();  // full: the main thread is behind
      }
      while (!q.post(worker_finished{w})) std::this_thread::yield();
    });

  long wakeups = 0;
  while (!progress.done()) {
    q.wait();   // sleeps until a worker posts
    d.drain();  // dispatches everything queued, including what the handlers defer
    ++wakeups;
  }
  for (auto& t : threads) t.join();

  long expected = 0;
  for (int w = 0; w < workers; ++w)
    for (int j = 0; j < jobs_per_worker; ++j) expected += work(w, j);
  std::printf("main thread drained in %ld wake-ups; refused posts (queue full, retried): %zu\n", wakeups,
              q.dropped());
  std::printf("threads: %s\n", progress.total() == expected && progress.in_order() && q.empty() ? "ok" : "FAILED");
  return progress.total() == expected ? 0 : 1;
}
