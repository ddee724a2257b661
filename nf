#!/usr/bin/env bash
# nanoflux's one entry point for people and CI.
#   ./nf demo   install what is missing, build and run the products example (only it)
#   ./nf test   install what is missing, build and run the whole test suite with g++, and
#               with clang under ASan + UBSan
# On a fresh Debian 12 machine, as root, these do all the set-up themselves.
set -euo pipefail
cd "$(dirname "$0")"

packages=(g++ clang cmake make libboost1.81-dev libboost-test1.81-dev libboost-json1.81-dev)
# clang's sanitizer and libFuzzer runtimes, for the sanitizer and fuzz stages of the tests.
test_packages=(libclang-rt-14-dev)
# The headless browser of the devtools test (the Redux DevTools web UI, driven by puppeteer-core).
test_packages+=(chromium)
# The embedded example's cross toolchain and emulator (its tests skip without them).
embedded_packages=(gcc-arm-none-eabi libstdc++-arm-none-eabi-newlib qemu-system-arm)
jobs=${NANOFLUX_JOBS:-$(nproc)}

ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "nf: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# build <name> <c++ compiler> [cmake options...]
build() {
  local name=$1 cxx=$2
  shift 2
  cmake -S . -B "build/$name" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug "$@" >/dev/null
  cmake --build "build/$name" -j "$jobs"
}

case "${1:-}" in
  demo)
    ensure_packages "${packages[@]}"
    # Only the products example (not every example, nor the firmware).
    cmake -S . -B build/gcc -DCMAKE_CXX_COMPILER=g++ -DCMAKE_BUILD_TYPE=Debug -DNANOFLUX_BUILD_TESTS=OFF \
      -DNANOFLUX_BUILD_EXAMPLES=ON -DNANOFLUX_BUILD_BENCH=OFF >/dev/null
    cmake --build build/gcc -j "$jobs" --target products
    ./build/gcc/examples/products/products
    ;;
  test)
    ensure_packages "${packages[@]}" "${test_packages[@]}" "${embedded_packages[@]}"
    # g++: a plain debug build. clang: the same suite under AddressSanitizer (with
    # LeakSanitizer) and UndefinedBehaviorSanitizer; any report fails the test.
    sanitize="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
    # The Redux DevTools server for the devtools tests (npm, once per machine; without
    # node the devtools tests are skipped and say so).
    echo "== devtools: npm packages"
    test/devtools/install.sh
    echo "== g++: build"
    build gcc g++ -DNANOFLUX_BUILD_TESTS=ON -DNANOFLUX_BUILD_EXAMPLES=ON -DNANOFLUX_BUILD_BENCH=OFF
    echo "== g++: test"
    ctest --test-dir build/gcc --output-on-failure -j "$jobs"
    echo "== clang + ASan + UBSan: build"
    build clang clang++ -DNANOFLUX_BUILD_TESTS=ON -DNANOFLUX_BUILD_EXAMPLES=ON -DNANOFLUX_BUILD_BENCH=OFF \
      "-DCMAKE_CXX_FLAGS=$sanitize"
    echo "== clang + ASan + UBSan: test"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --test-dir build/clang --output-on-failure -j "$jobs"
    echo "== clang + TSan: build the threaded and async tests"
    # (examples on, so that the devtools example, with its connection thread, is built with TSan)
    cmake -S . -B build/tsan -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DNANOFLUX_BUILD_TESTS=ON \
      -DNANOFLUX_BUILD_EXAMPLES=ON -DNANOFLUX_BUILD_BENCH=OFF "-DCMAKE_CXX_FLAGS=-fsanitize=thread" >/dev/null
    cmake --build build/tsan -j "$jobs" --target test_fusion test_fusion_threads test_model_fusion \
      test_queue_threads test_queue_threads_symmetric test_queue_basics test_fusion_record test_state_threads \
      devtools_todo
    echo "== clang + TSan: test"
    TSAN_OPTIONS=halt_on_error=1 ctest --test-dir build/tsan --output-on-failure -j "$jobs" \
      -R '^(fusion|model_fusion|queue_threads|queue_basics|state_threads|devtools\.resilience)'
    echo "== libFuzzer (clang, ASan + UBSan): ${NANOFLUX_FUZZ_SECONDS:-60}s per target"
    cmake -S . -B build/fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNANOFLUX_BUILD_TESTS=OFF \
      -DNANOFLUX_BUILD_EXAMPLES=OFF -DNANOFLUX_BUILD_BENCH=OFF -DNANOFLUX_BUILD_FUZZERS=ON >/dev/null
    cmake --build build/fuzz -j "$jobs"
    fuzz/run.sh build/fuzz "${NANOFLUX_FUZZ_SECONDS:-60}"
    echo "nf: all tests passed with g++, with clang (ASan + UBSan), the threaded ones with TSan, and the fuzzers"
    ;;
  *)
    echo "usage: ./nf demo | ./nf test" >&2
    exit 2
    ;;
esac
