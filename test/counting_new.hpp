// Every replaceable global operator new and delete (aligned and nothrow included, so
// nothing escapes), replaced by ones that count the allocations and, while
// `counting_new::forbidden` is set, abort naming the form that was called. Include it in
// exactly one source file of a test program.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <new>

namespace counting_new {
inline std::size_t allocations = 0;          // every operator new
inline std::size_t aligned_allocations = 0;  // the align_val_t forms among them
inline bool forbidden = false;               // any new or delete aborts while set

inline void check(char const* form) {
  if (!forbidden) return;
  std::fprintf(stderr, "FAILED: %s called while allocations are forbidden\n", form);
  std::abort();
}
inline void* allocate(std::size_t n, char const* form) noexcept {
  check(form);
  ++allocations;
  return std::malloc(n ? n : 1);
}
inline void* allocate_aligned(std::size_t n, std::align_val_t al, char const* form) noexcept {
  check(form);
  ++allocations;
  ++aligned_allocations;
  std::size_t const a = static_cast<std::size_t>(al);
  return std::aligned_alloc(a, (n + a - 1) / a * a);
}
inline void release(void* p) noexcept {
  if (p) check("operator delete");
  std::free(p);
}
}  // namespace counting_new

void* operator new(std::size_t n) {
  if (void* p = counting_new::allocate(n, "operator new")) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
  if (void* p = counting_new::allocate(n, "operator new[]")) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, std::nothrow_t const&) noexcept {
  return counting_new::allocate(n, "operator new(nothrow)");
}
void* operator new[](std::size_t n, std::nothrow_t const&) noexcept {
  return counting_new::allocate(n, "operator new[](nothrow)");
}
void* operator new(std::size_t n, std::align_val_t al) {
  if (void* p = counting_new::allocate_aligned(n, al, "operator new(align)")) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t al) {
  if (void* p = counting_new::allocate_aligned(n, al, "operator new[](align)")) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t n, std::align_val_t al, std::nothrow_t const&) noexcept {
  return counting_new::allocate_aligned(n, al, "operator new(align, nothrow)");
}
void* operator new[](std::size_t n, std::align_val_t al, std::nothrow_t const&) noexcept {
  return counting_new::allocate_aligned(n, al, "operator new[](align, nothrow)");
}
void operator delete(void* p) noexcept { counting_new::release(p); }
void operator delete[](void* p) noexcept { counting_new::release(p); }
void operator delete(void* p, std::size_t) noexcept { counting_new::release(p); }
void operator delete[](void* p, std::size_t) noexcept { counting_new::release(p); }
void operator delete(void* p, std::nothrow_t const&) noexcept { counting_new::release(p); }
void operator delete[](void* p, std::nothrow_t const&) noexcept { counting_new::release(p); }
void operator delete(void* p, std::align_val_t) noexcept { counting_new::release(p); }
void operator delete[](void* p, std::align_val_t) noexcept { counting_new::release(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { counting_new::release(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { counting_new::release(p); }
void operator delete(void* p, std::align_val_t, std::nothrow_t const&) noexcept { counting_new::release(p); }
void operator delete[](void* p, std::align_val_t, std::nothrow_t const&) noexcept { counting_new::release(p); }
