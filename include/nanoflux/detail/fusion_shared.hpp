// nanoflux Fusion: shared<T>, an immutable value that is cheap to copy, for the large
// members of a Fusion state. Public as nanoflux::fusion::shared (include fusion.hpp).
#ifndef NANOFLUX_DETAIL_FUSION_SHARED_HPP
#define NANOFLUX_DETAIL_FUSION_SHARED_HPP

#include <memory>
#include <type_traits>
#include <utility>

namespace nanoflux::fusion {

/// An immutable value held by pointer. A state member of type shared<T> is carried over
/// by pointer when another member is fused, so a large slice costs nothing while it does
/// not change (fusing the small slice next to it is independent of its size). Actors of
/// such a slice see a T const& and return a new T; nobody can modify a T once shared.
template <class T>
class shared {
  // An error here means T is a reference, an array or cv-qualified: use the plain type.
  static_assert(std::is_object_v<T> && !std::is_array_v<T> && std::is_same_v<T, std::remove_cv_t<T>>,
                "nanoflux::fusion::shared<T> needs T to be a plain object type");

public:
  shared() : value_(std::make_shared<T const>()) {}
  shared(T value) : value_(std::make_shared<T const>(std::move(value))) {}  // NOLINT: implicit by design

  T const& get() const noexcept { return *value_; }
  operator T const&() const noexcept { return *value_; }  // NOLINT: implicit by design
  T const& operator*() const noexcept { return *value_; }
  T const* operator->() const noexcept { return value_.get(); }

  /// True when both hold the same object (no deep comparison).
  bool same_as(shared const& other) const noexcept { return value_ == other.value_; }

  /// Equal values (the same object, or equal by T's operator==).
  friend bool operator==(shared const& a, shared const& b)
    requires requires(T const& x) { x == x; }
  {
    return a.value_ == b.value_ || *a.value_ == *b.value_;
  }

private:
  std::shared_ptr<T const> value_;
};

}  // namespace nanoflux::fusion

#endif
