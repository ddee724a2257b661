// A typed-state todo list connected to Redux DevTools. Start the server
// (test/devtools: node_modules/.bin/redux-devtools --hostname=127.0.0.1 --port=8000),
// open http://127.0.0.1:8000, connect it (README: "Redux DevTools"), then:
//   devtools [--devtools host:port] [--send-only] [--max-age N]
// and type commands: add TEXT | toggle ID | filter all|active|done | clear | stats | quit.
// Every change of the model prints "state: ..." — also the ones the monitor makes
// (jump, skip, import...): the application's loop applies them with bridge.poll().
#include "todo.hpp"

#include <nanoflux/devtools.hpp>
#include <nanoflux/dispatcher.hpp>
#include <nanoflux/state.hpp>

#include <poll.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using todo_store = nanoflux::state_store<todo::model, nanoflux::devtools::monitored<todo::reducer>>;

void print_stats(nanoflux::devtools::statistics const& s) {
  std::printf("stats: connected=%d sent=%llu dropped=%llu malformed=%llu ignored=%llu connects=%llu recorded=%llu "
              "refused=%llu locked_out=%llu bad_imports=%llu failures=%llu\n",
              int(s.connected), (unsigned long long)s.sent, (unsigned long long)s.dropped,
              (unsigned long long)s.malformed, (unsigned long long)s.ignored, (unsigned long long)s.connects,
              (unsigned long long)s.recorded, (unsigned long long)s.refused, (unsigned long long)s.locked_out,
              (unsigned long long)s.bad_imports, (unsigned long long)s.failures);
}

}  // namespace

int main(int argc, char** argv) {
  nanoflux::devtools::options opt;
  opt.name = "nanoflux todo";
  for (int i = 1; i < argc; ++i) {
    std::string_view const arg = argv[i];
    if (arg == "--devtools" && i + 1 < argc) {
      std::string_view const where = argv[++i];
      auto const colon = where.rfind(':');
      if (colon == std::string_view::npos) return std::fprintf(stderr, "--devtools host:port\n"), 2;
      opt.host = std::string(where.substr(0, colon));
      opt.port = static_cast<std::uint16_t>(std::atoi(std::string(where.substr(colon + 1)).c_str()));
    } else if (arg == "--send-only") {
      opt.send_only = true;
    } else if (arg == "--max-age" && i + 1 < argc) {
      opt.max_age = std::size_t(std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: devtools [--devtools host:port] [--send-only] [--max-age N]\n");
      return 2;
    }
  }

  todo_store todos{todo::model{}};
  nanoflux::devtools::bridge<todo_store, todo::actions> tools{todos, opt};
  auto d = nanoflux::make_dispatcher<todo::actions>(todos).with_middleware(tools.middleware());
  auto printed = todos.subscribe([](todo::model const& m) {
    std::printf("state: %s\n", todo::show(m).c_str());
    std::fflush(stdout);
  });

  std::string pending;
  bool running = true;
  while (running) {
    pollfd in{0, POLLIN, 0};
    if (::poll(&in, 1, 10) > 0) {
      char chunk[4096];
      ssize_t const n = ::read(0, chunk, sizeof chunk);
      if (n <= 0) running = false;
      if (n > 0) pending.append(chunk, std::size_t(n));
    }
    for (std::size_t eol; (eol = pending.find('\n')) != std::string::npos;) {
      std::string const line = pending.substr(0, eol);
      pending.erase(0, eol + 1);
      std::string_view const cmd = std::string_view(line).substr(0, line.find(' '));
      std::string const rest = line.size() > cmd.size() ? line.substr(cmd.size() + 1) : std::string();
      if (cmd == "add") {
        d(todo::add_todo{rest});
      } else if (cmd == "toggle") {
        d(todo::toggle_todo{std::atoi(rest.c_str())});
      } else if (cmd == "filter") {
        todo::filter f{};
        if (boost::describe::enum_from_string(rest.c_str(), f)) d(todo::set_filter{f});
      } else if (cmd == "clear") {
        d(todo::clear_done{});
      } else if (cmd == "stats") {
        print_stats(tools.stats());
      } else if (cmd == "quit") {
        running = false;
        break;
      }
      std::fflush(stdout);
    }
    tools.poll();  // the monitor's commands, applied here, on the application's thread
  }
  print_stats(tools.stats());
  std::printf("final: %s\n", todo::show(todos.get()).c_str());
  return 0;
}
