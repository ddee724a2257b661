# cmake -DPROGRAM=path -P expect_abort.cmake: PROGRAM must fail and print nanoflux's
# nested-dispatch message on stderr, and must not reach its last line.
execute_process(COMMAND ${PROGRAM} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited normally; expected an abort\n${out}${err}")
endif()
if(NOT err MATCHES "nanoflux: cannot dispatch while dispatching")
  message(FATAL_ERROR "stderr lacks the message:\n${err}")
endif()
if(out MATCHES "not reached")
  message(FATAL_ERROR "the program went on after the hook")
endif()
message(STATUS "aborted as expected (${rc})")
