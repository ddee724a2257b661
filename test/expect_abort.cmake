# cmake -DPROGRAM=path [-DARGS=...] -DPATTERN=regex -P expect_abort.cmake:
# PROGRAM must fail, print PATTERN on stderr, and not reach its "not reached" line.
execute_process(COMMAND ${PROGRAM} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited normally; expected an abort\n${out}${err}")
endif()
if(NOT err MATCHES "${PATTERN}")
  message(FATAL_ERROR "stderr lacks /${PATTERN}/:\n${err}")
endif()
if(out MATCHES "not reached")
  message(FATAL_ERROR "the program went on after the check")
endif()
message(STATUS "aborted as expected (${rc})")
