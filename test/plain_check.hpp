// CHECK for the test programs with a plain main (Boost.Test needs exceptions and
// allocates): a failed check prints its condition and is counted; main ends with
// `return plain_check::result("name");`.
#pragma once

#include <cstdio>

namespace plain_check {
inline int failures = 0;
inline int result(char const* program) {
  if (failures == 0) std::printf("%s: all checks passed\n", program);
  return failures == 0 ? 0 : 1;
}
}  // namespace plain_check

#define CHECK(...)                                                                \
  do {                                                                            \
    if (!(__VA_ARGS__)) {                                                         \
      std::printf("%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #__VA_ARGS__); \
      ++plain_check::failures;                                                    \
    }                                                                             \
  } while (0)
