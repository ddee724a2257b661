// nanoflux devtools: the connection to the Redux DevTools server, on its own thread and
// io_context. Not for users: see <nanoflux/devtools.hpp>.
//
// The application's thread only ever takes a mutex for a moment (to queue a message or
// to collect the monitor's commands); it never waits for the network. The connection
// thread connects, speaks SocketCluster (handshake, login, subscribe, pong), sends the
// queued messages, parses what arrives and queues the commands; on any error it closes
// and connects again after a delay that doubles up to a maximum.
#ifndef NANOFLUX_DETAIL_DEVTOOLS_CONNECTION_HPP
#define NANOFLUX_DETAIL_DEVTOOLS_CONNECTION_HPP

#include <nanoflux/detail/devtools/protocol.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace nanoflux::devtools::detail {

/// A message for the server, rendered on the connection thread (the application's
/// thread only builds this object: the JSON text is written later, from immutable data).
struct outgoing {
  virtual ~outgoing() = default;
  /// The "data" of the log transmit, given the socket id the server gave us.
  virtual std::string render(std::string_view socket_id) const = 0;
};

struct connection_settings {
  std::string host;
  std::uint16_t port = 0;
  std::string instance_id;
  std::string name;
  std::size_t max_unsent = 0;
  std::size_t max_message_bytes = 0;
  std::size_t max_commands = 0;
  std::chrono::milliseconds reconnect_min{0};
  std::chrono::milliseconds reconnect_max{0};
  std::chrono::milliseconds handshake_timeout{0};
};

/// Counters, readable from any thread.
struct connection_counters {
  std::atomic<std::uint64_t> sent{0};          // the application's messages written to the server
  std::atomic<std::uint64_t> dropped{0};       // unsent messages dropped (buffer full, or connection lost)
  std::atomic<std::uint64_t> malformed{0};     // incoming messages refused
  std::atomic<std::uint64_t> ignored{0};       // well-formed but not for us / not supported
  std::atomic<std::uint64_t> commands_dropped{0};  // commands refused because the application did not poll
  std::atomic<std::uint64_t> connects{0};      // successful logins
  std::atomic<std::uint64_t> failures{0};      // connection attempts or sessions that ended in an error
  std::atomic<bool> ready{false};              // logged in and subscribed
};

class connection {
public:
  explicit connection(connection_settings s) : settings_(std::move(s)), retry_(ioc_), deadline_(ioc_) {}
  connection(connection const&) = delete;
  connection& operator=(connection const&) = delete;
  ~connection() { stop(); }

  /// Starts the connection thread (once).
  void start() {
    boost::asio::post(ioc_, [this] { connect(); });
    thread_ = std::thread([this] { run(); });
  }
  void stop() {
    if (!thread_.joinable()) return;
    ioc_.stop();
    thread_.join();
  }

  /// Application thread: queues a message; the oldest is dropped (and counted) when
  /// max_unsent are waiting. A message that `replaces_all` (the whole lifted state)
  /// supersedes every unsent one. Never blocks on the network.
  void send(std::shared_ptr<outgoing const> m, bool replaces_all = false) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (replaces_all) {
        unsent_.clear();
      } else if (unsent_.size() >= settings_.max_unsent) {
        unsent_.pop_front();
        counters.dropped.fetch_add(1, std::memory_order_relaxed);
        resync_ = true;
      }
      unsent_.push_back(std::move(m));
    }
    if (!wake_posted_.exchange(true, std::memory_order_acq_rel))
      boost::asio::post(ioc_, [this] {
        wake_posted_.store(false, std::memory_order_release);
        pump();
      });
  }

  /// Application thread: the commands received since the last call.
  void take_commands(std::vector<command>& out) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& c : commands_) out.push_back(std::move(c));
    commands_.clear();
  }
  /// True once after unsent messages were dropped while a monitor was watching.
  bool take_resync() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(resync_, false);
  }

  /// Also used without a network (tests, fuzzing): one incoming message, as if read.
  void receive(std::string_view text) { handle(text); }

  connection_counters counters;

private:
  using tcp = boost::asio::ip::tcp;
  using ws_stream = boost::beast::websocket::stream<boost::beast::tcp_stream>;

  void run() {
    for (;;) {
      try {
        ioc_.run();
        return;  // stopped
      } catch (...) {  // a handler threw (an allocation failure): the session starts over
        counters.failures.fetch_add(1, std::memory_order_relaxed);
        if (ioc_.stopped()) return;
        boost::asio::post(ioc_, [this] { fail(); });
      }
    }
  }

  void queue_command(command c) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (commands_.size() >= settings_.max_commands) {
      counters.commands_dropped.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    commands_.push_back(std::move(c));
  }

  void connect() {
    ++generation_;
    std::uint64_t const gen = generation_;
    ws_ = std::make_unique<ws_stream>(ioc_);
    ws_->read_message_max(settings_.max_message_bytes);
    stage_ = stage::connecting;
    socket_id_.clear();
    own_channel_.clear();
    control_.clear();
    writing_ = false;
    boost::system::error_code ec;
    auto const address = boost::asio::ip::make_address(settings_.host, ec);
    if (ec) {  // a host name: resolve it (on this thread; it never blocks the application)
      tcp::resolver resolver(ioc_);
      auto results = resolver.resolve(settings_.host, std::to_string(settings_.port), ec);
      if (ec || results.empty()) return fail();
      endpoint_ = *results.begin();
    } else {
      endpoint_ = tcp::endpoint(address, settings_.port);
    }
    arm_deadline(gen);
    boost::beast::get_lowest_layer(*ws_).expires_after(settings_.handshake_timeout);
    boost::beast::get_lowest_layer(*ws_).async_connect(endpoint_, [this, gen](boost::system::error_code e) {
      if (gen != generation_) return;
      if (e) return fail();
      on_connected(gen);
    });
  }

  void on_connected(std::uint64_t gen) {
    boost::beast::get_lowest_layer(*ws_).expires_never();
    boost::beast::websocket::stream_base::timeout t{};
    t.handshake_timeout = settings_.handshake_timeout;
    t.idle_timeout = std::chrono::seconds(60);  // the server pings every few seconds
    t.keep_alive_pings = false;
    ws_->set_option(t);
    std::string const host = settings_.host + ":" + std::to_string(settings_.port);
    ws_->async_handshake(host, "/socketcluster/", [this, gen](boost::system::error_code e) {
      if (gen != generation_) return;
      if (e) return fail();
      stage_ = stage::handshaking;
      write_control(R"({"event":"#handshake","data":{"authToken":null},"cid":1})");
      read();
    });
  }

  // The whole login must finish within handshake_timeout: a server that accepts the
  // connection but never answers is treated as absent.
  void arm_deadline(std::uint64_t gen) {
    deadline_.expires_after(settings_.handshake_timeout);
    deadline_.async_wait([this, gen](boost::system::error_code e) {
      if (e || gen != generation_ || stage_ == stage::ready) return;
      fail();
    });
  }

  void read() {
    std::uint64_t const gen = generation_;
    ws_->async_read(buffer_, [this, gen](boost::system::error_code e, std::size_t) {
      if (gen != generation_) return;
      if (e) {
        if (e == boost::beast::websocket::error::message_too_big)
          counters.malformed.fetch_add(1, std::memory_order_relaxed);
        return fail();
      }
      if (!ws_->got_text()) {
        counters.malformed.fetch_add(1, std::memory_order_relaxed);
      } else {
        auto const data = buffer_.cdata();
        handle(std::string_view(static_cast<char const*>(data.data()), data.size()));
      }
      buffer_.consume(buffer_.size());
      if (gen == generation_ && ws_) read();
    });
  }

  void handle(std::string_view text) {
    packet p = parse_packet(text, "respond", own_channel_, settings_.instance_id);
    switch (p.kind) {
      case packet::ping:
        if (stage_ != stage::idle) write_control("");
        return;
      case packet::malformed:
        counters.malformed.fetch_add(1, std::memory_order_relaxed);
        return;
      case packet::ignored:
        counters.ignored.fetch_add(1, std::memory_order_relaxed);
        return;
      case packet::monitor:
        queue_command(std::move(p.cmd));
        return;
      case packet::reply:
        on_reply(p);
        return;
    }
  }

  void on_reply(packet const& p) {
    if (p.failed) {
      if (stage_ != stage::ready && stage_ != stage::idle) return fail();
      return;
    }
    if (p.rid == 1 && stage_ == stage::handshaking) {
      if (p.value.empty() || p.value.size() > 128) return fail();
      socket_id_ = p.value;
      own_channel_ = "sc-" + socket_id_;
      stage_ = stage::logging_in;
      write_control(R"({"event":"login","data":"master","cid":2})");
    } else if (p.rid == 2 && stage_ == stage::logging_in) {
      // The channel the server tells a "master" to watch: "respond".
      write_control(R"({"event":"#subscribe","data":{"channel":"respond"},"cid":3})");
      boost::json::object sub;
      sub["event"] = "#subscribe";
      sub["data"] = boost::json::object{{"channel", own_channel_}};
      sub["cid"] = 4;
      write_control(boost::json::serialize(sub));
      stage_ = stage::subscribing;
    } else if (p.rid == 4 && stage_ == stage::subscribing) {
      stage_ = stage::ready;
      deadline_.cancel();
      backoff_ = settings_.reconnect_min;
      counters.connects.fetch_add(1, std::memory_order_relaxed);
      counters.ready.store(true, std::memory_order_release);
      {
        // What was queued for the previous session is superseded: the monitor asks
        // for everything (START) once it sees us.
        std::lock_guard<std::mutex> lock(mutex_);
        counters.dropped.fetch_add(unsent_.size(), std::memory_order_relaxed);
        unsent_.clear();
        resync_ = false;
      }
      // As @redux-devtools/remote does: tell the monitors we are here; they answer START.
      boost::json::object hello;
      hello["event"] = "log";
      hello["data"] = boost::json::object{
          {"type", "START"}, {"id", socket_id_}, {"instanceId", settings_.instance_id}, {"name", settings_.name}};
      write_control(boost::json::serialize(hello));
    }
  }

  void write_control(std::string text) {
    control_.push_back(std::move(text));
    pump();
  }

  // Writes the next message (control first, then the application's), one at a time.
  void pump() {
    if (writing_ || !ws_ || stage_ == stage::idle || stage_ == stage::connecting) return;
    std::string text;
    bool const from_application = control_.empty();
    if (!control_.empty()) {
      text = std::move(control_.front());
      control_.pop_front();
    } else if (stage_ == stage::ready) {
      std::shared_ptr<outgoing const> m;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (unsent_.empty()) return;
        m = std::move(unsent_.front());
        unsent_.pop_front();
      }
      text = R"({"event":"log","data":)";
      text += m->render(socket_id_);
      text += '}';
    } else {
      return;
    }
    writing_ = true;
    wbuf_ = std::move(text);
    std::uint64_t const gen = generation_;
    ws_->text(true);
    auto const done = [this, gen, from_application](boost::system::error_code e, std::size_t) {
      if (gen != generation_) return;
      writing_ = false;
      if (e) return fail();
      if (from_application) counters.sent.fetch_add(1, std::memory_order_relaxed);
      pump();
    };
    ws_->async_write(boost::asio::buffer(wbuf_), done);
  }

  void fail() {
    ++generation_;  // every pending handler of this session is now stale
    counters.failures.fetch_add(1, std::memory_order_relaxed);
    bool const was_ready = stage_ == stage::ready;
    stage_ = stage::idle;
    counters.ready.store(false, std::memory_order_release);
    deadline_.cancel();
    if (ws_) {
      boost::system::error_code ignore;
      boost::beast::get_lowest_layer(*ws_).socket().close(ignore);
      // Kept a while: its aborted handlers still run (and see a stale generation).
      retired_.push_back(std::move(ws_));
      if (retired_.size() > 4) retired_.erase(retired_.begin());
    }
    if (was_ready) {
      command c;
      c.kind = command::disconnected;
      queue_command(std::move(c));
    }
    backoff_ = std::clamp(backoff_ * 2, settings_.reconnect_min, settings_.reconnect_max);
    retry_.expires_after(backoff_);
    retry_.async_wait([this](boost::system::error_code e) {
      if (!e) connect();
    });
  }

  enum class stage : std::uint8_t { idle, connecting, handshaking, logging_in, subscribing, ready };

  connection_settings settings_;
  boost::asio::io_context ioc_;
  boost::asio::steady_timer retry_;
  boost::asio::steady_timer deadline_;
  std::unique_ptr<ws_stream> ws_;
  std::vector<std::unique_ptr<ws_stream>> retired_;
  tcp::endpoint endpoint_;
  boost::beast::flat_buffer buffer_;
  std::string wbuf_;
  std::deque<std::string> control_;
  bool writing_ = false;
  stage stage_ = stage::idle;
  std::uint64_t generation_ = 0;
  std::chrono::milliseconds backoff_{0};
  std::string socket_id_;
  std::string own_channel_;
  std::atomic<bool> wake_posted_{false};

  std::mutex mutex_;  // guards what follows: shared with the application's thread
  std::deque<std::shared_ptr<outgoing const>> unsent_;
  std::deque<command> commands_;
  bool resync_ = false;

  std::thread thread_;
};

}  // namespace nanoflux::devtools::detail

#endif
