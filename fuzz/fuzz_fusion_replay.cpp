// libFuzzer target: Fusion's replay (fusion_json.hpp) over arbitrary bytes, on a store
// with sync actors of a slice and of the whole state, and an async actor (whose recorded
// result is fused, not recomputed). replay(s, lines) returns n: the first n lines are
// each accepted alone, the line after them (if any) is refused and changes nothing; and
// what the recorder wrote while replaying, replayed into a fresh store, accepts n lines
// again and reaches the same state (the canonical form round-trips).
#include "fuzz_actions.hpp"

#include <nanoflux/fusion_json.hpp>

#include <boost/asio/io_context.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fusion = nanoflux::fusion;

struct shop {
  std::vector<fuzz::item> items;
  std::vector<std::string> log;
  long total = 0;
  bool operator==(shop const&) const = default;
};
BOOST_DESCRIBE_STRUCT(shop, (), (items, log, total))

// The actors every store of this target has.
struct actors {
  std::function<void(fuzz::item, fuzz::color)> add;
  std::function<void(std::string)> note;
  std::function<void()> sum;
  std::function<void(std::vector<double>)> load;  // async

  explicit actors(fusion::store<shop>& s) {
    auto items = s.fusionator("items", &shop::items, fusion::recordable);
    add = items.actor("add", [](std::vector<fuzz::item> const& v, fuzz::item i, fuzz::color) {
      auto next = v;
      if (next.size() < 64) next.push_back(std::move(i));
      return next;
    });
    note = s.fusionator("log", &shop::log, fusion::recordable).actor("note", [](std::vector<std::string> const& v, std::string const& t) {
      auto next = v;
      if (next.size() < 64) next.push_back(t);
      return next;
    });
    sum = s.fusionator("all", fusion::recordable).actor("sum", [](shop const& st) {
      shop next = st;
      for (auto const& i : st.items) next.total = static_cast<long>(static_cast<unsigned long>(next.total) + static_cast<unsigned long>(i.count));
      return next;
    });
    load = items.actor("load", [](std::vector<fuzz::item> const&, std::vector<double>) -> boost::asio::awaitable<fusion::update<std::vector<fuzz::item>>> {
      FUZZ_CHECK(!"a replayed async actor must not run again");
      co_return [](std::vector<fuzz::item> const& v) { return v; };
    });
  }
};

// Replays `text` into a fresh store with a recorder; returns how many lines it took.
std::size_t replay_into(std::string const& text, shop& out, std::string* recorded) {
  boost::asio::io_context io;
  fusion::store<shop> s{shop{}, io.get_executor()};
  actors a(s);
  std::ostringstream log;
  s.use(fusion::recorder(log));
  std::istringstream in(text);
  std::size_t const n = fusion::replay(s, in);
  io.run();
  out = *s.state();
  if (recorded) *recorded = log.str();
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string const bytes(reinterpret_cast<char const*>(data), size);
  shop replayed;
  std::string canonical;
  std::size_t const n = replay_into(bytes, replayed, &canonical);

  // Line by line: each of the first n lines is accepted alone; the next one is refused.
  std::istringstream lines(bytes);
  std::string line;
  std::string accepted;
  for (std::size_t i = 0; i < n; ++i) {
    FUZZ_CHECK(static_cast<bool>(std::getline(lines, line)));
    shop one;
    FUZZ_CHECK(replay_into(line + "\n", one, nullptr) == 1);
    accepted += line + "\n";
  }
  if (std::getline(lines, line)) {
    shop none;
    FUZZ_CHECK(replay_into(line + "\n", none, nullptr) == 0);
    FUZZ_CHECK(none == shop{});
  }
  // The accepted prefix alone reaches the same state.
  shop prefix;
  FUZZ_CHECK(replay_into(accepted, prefix, nullptr) == n);
  FUZZ_CHECK(prefix == replayed);
  // The recorder's canonical lines replay to the same state, and record the same lines.
  shop again;
  std::string canonical_again;
  FUZZ_CHECK(replay_into(canonical, again, &canonical_again) == n);
  FUZZ_CHECK(again == replayed);
  FUZZ_CHECK(canonical_again == canonical);
  return 0;
}
