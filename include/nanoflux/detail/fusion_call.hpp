// nanoflux Fusion: what a middleware learns about the fuse it sees (actor_call: the
// actor's name, its namespace and its arguments), and update<Slice>, the result of an
// async actor that applies its change to the slice current when it completes. Public as
// nanoflux::fusion::actor_call and nanoflux::fusion::update (include fusion.hpp).
#ifndef NANOFLUX_DETAIL_FUSION_CALL_HPP
#define NANOFLUX_DETAIL_FUSION_CALL_HPP

#include <nanoflux/detail/fusion_traits.hpp>

#include <concepts>
#include <functional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace nanoflux::fusion {

class actor_call;

namespace detail {

// How the actors of a recordable fusionator travel as JSON (filled in by
// nanoflux/fusion_json.hpp; nullptr for the others). Type-erased so that fusion.hpp
// needs no JSON library.
struct actor_codec {
  // Adds the call's JSON members to `line` (a boost::json::object*): "args":[...] and,
  // for an async completion, "slice":<the actor's result>.
  void (*write)(actor_call const& call, void* line);
  // Decodes one recorded line (a boost::json::object const*) and calls `target` with
  // it: the actor itself, or for an async actor its completion entry point. False, and
  // nothing called, when the line does not convert.
  bool (*replay)(void const* line, void const* target);
};

// The fusionator policy of the actors that are not recordable.
struct not_recordable {
  static constexpr bool is_fusion_codec = true;
  template <bool Async, class Slice, class... Args>
  static constexpr actor_codec const* codec() noexcept {
    return nullptr;
  }
};

template <class C>
concept codec_policy = C::is_fusion_codec;

// Who an actor is: what every call of it shares and what actor_call shows.
struct actor_identity {
  std::string name;
  std::string ns;
  std::string signature;  // "void(int, std::string)"
  void const* tag;        // &signature_tag<void(Args...)>, Args without cv/ref
  actor_codec const* codec;
};

struct call_access;

}  // namespace detail

/// What a middleware with the extended signature
///   mw(State const& proposed, State const& current, nanoflux::fusion::actor_call const& call)
/// learns about the fuse it sees: which actor of which namespace, called with what.
/// Valid during the middleware's call only (it refers to the fuse's own copies).
class actor_call {
public:
  std::string_view name() const noexcept { return who_->name; }
  /// The actor's namespace: the name given to store.fusionator().
  std::string_view ns() const noexcept { return who_->ns; }
  /// The actor's signature as store.actor<Sig> finds it, e.g. "void(int, std::string)".
  std::string_view signature() const noexcept { return who_->signature; }
  /// True when this fuse is an async actor's completion (false for a sync actor's call).
  bool is_async_completion() const noexcept { return result_ != nullptr; }
  /// The arguments, when the actor's signature is void(A...) (each A by value or
  /// const&); nullptr otherwise:
  ///   if (auto const* args = call.arguments<std::string, int>()) use(std::get<1>(*args));
  template <class... A>
  std::tuple<std::remove_cvref_t<A> const&...> const* arguments() const noexcept {
    if (arguments_ == nullptr || who_->tag != &detail::signature_tag<void(std::remove_cvref_t<A>...)>) return nullptr;
    return static_cast<std::tuple<std::remove_cvref_t<A> const&...> const*>(arguments_);
  }

private:
  friend struct detail::call_access;
  actor_call(detail::actor_identity const& who, void const* arguments, void const* result) noexcept
      : who_(&who), arguments_(arguments), result_(result) {}

  detail::actor_identity const* who_;
  void const* arguments_;  // std::tuple<Args const&...>
  void const* result_;     // an async completion: the new slice the actor produced
};

namespace detail {
// The store's and the JSON layer's access to an actor_call's insides.
struct call_access {
  static actor_call make(actor_identity const& who, void const* arguments, void const* result) noexcept {
    return actor_call(who, arguments, result);
  }
  static actor_identity const& who(actor_call const& c) noexcept { return *c.who_; }
  static void const* arguments(actor_call const& c) noexcept { return c.arguments_; }
  static void const* result(actor_call const& c) noexcept { return c.result_; }
};
}  // namespace detail

/// The result of an async actor that changes the slice *current when it completes*
/// instead of replacing it: a function Slice(Slice const& current). An update fused
/// meanwhile (a sync actor of the same slice called while the async one waited) is kept:
///   [](cart const&, std::string id) -> boost::asio::awaitable<fusion::update<cart>> {
///     item found = co_await fetch(id);
///     co_return [found](cart const& current) { auto next = current; next.add(found); return next; };
///   }
/// It runs on the store's strand, as pure as an actor (calling an actor from it throws).
template <class Slice>
class update {
public:
  // An error "no matching constructor" or "constraints not satisfied" here means the
  // function given (co_returned) cannot be called as f(Slice const& current) -> Slice.
  template <class F>
    requires(!std::same_as<std::decay_t<F>, update> && std::is_invocable_r_v<Slice, F const&, Slice const&>)
  update(F f) : fn_(std::move(f)) {}  // NOLINT: implicit, so that co_return takes a lambda

  Slice operator()(Slice const& current) const { return fn_(current); }

private:
  std::function<Slice(Slice const&)> fn_;
};

namespace detail {
template <class R>
struct as_update {
  static constexpr bool value = false;
};
template <class Slice>
struct as_update<update<Slice>> {
  static constexpr bool value = true;
  using slice = Slice;
};
}  // namespace detail

}  // namespace nanoflux::fusion

#endif
