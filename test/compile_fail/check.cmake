# cmake -DCOMPILER=... -DCOMPILER_ID=... -DSOURCE=... -DINCLUDE=... -DMAX_LINES=N
#       -DPATTERNS=re1;re2 -P check.cmake
# Passes when SOURCE compiles with -DNANOFLUX_CONTROL, fails to compile without it,
# and the error output matches every pattern and has at most MAX_LINES lines (g++ and
# clang alike; other compilers: the patterns only).
set(flags -std=c++20 -fsyntax-only -fdiagnostics-color=never -I${INCLUDE})
if(COMPILER_ID STREQUAL "GNU")
  list(APPEND flags -fmessage-length=0)
endif()

execute_process(COMMAND ${COMPILER} ${flags} -DNANOFLUX_CONTROL ${SOURCE}
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "control build of ${SOURCE} failed (the test would prove nothing):\n${err}")
endif()

execute_process(COMMAND ${COMPILER} ${flags} ${SOURCE}
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(rc EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but must not")
endif()
foreach(pattern IN LISTS PATTERNS)
  if(NOT err MATCHES "${pattern}")
    message(FATAL_ERROR "error output lacks /${pattern}/:\n${err}")
  endif()
endforeach()
string(REGEX MATCHALL "\n" newlines "${err}")
list(LENGTH newlines lines)
message(STATUS "${COMPILER_ID} error for ${SOURCE}: ${lines} lines")
if(COMPILER_ID MATCHES "^(GNU|Clang)$" AND lines GREATER MAX_LINES)
  message(FATAL_ERROR "error output has ${lines} lines, more than ${MAX_LINES}:\n${err}")
endif()
