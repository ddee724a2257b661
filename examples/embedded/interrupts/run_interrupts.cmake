# Runs the interrupt-driven firmware under QEMU, its UART fed with KEYS, and checks
# what the view printed. QEMU's timing is not deterministic (when a character arrives
# relative to the ticks depends on the host), so this checks counts and order, not
# time: the setpoint lines are exactly those the keys give, in order; the uptime lines
# count 1, 2, 3... with none missing or repeated (at least 3: 'q' ends the firmware
# only after 300 ticks); every tick posted was handled once and nothing was dropped.
# -icount shift=0,sleep=off: the virtual clock follows the instructions and skips the
# idle time (WFI), so the run takes a fraction of a second.
# cmake -DQEMU=qemu-system-arm -DELF=app.elf -DKEYS=keys.txt -DEXPECTED=expected.txt -P run_interrupts.cmake
execute_process(
  COMMAND ${QEMU} -M mps2-an385 -nographic -monitor none -serial stdio -icount shift=0,sleep=off
          -semihosting-config enable=on,target=native -kernel ${ELF}
  INPUT_FILE ${KEYS}
  TIMEOUT 60 RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(out "${out}${err}")  # semihosting output comes on stderr with target=native
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "firmware exited with ${rc}")
endif()
string(REPLACE "\n" ";" _lines "${out}")
set(_state_lines "")
set(_uptime 0)
foreach(_l IN LISTS _lines)
  if(_l MATCHES "^uptime ([0-9]+) s$")
    math(EXPR _next "${_uptime} + 1")
    if(NOT CMAKE_MATCH_1 EQUAL _next)
      message(FATAL_ERROR "uptime ${CMAKE_MATCH_1} s after uptime ${_uptime} s: a tick lost, repeated or reordered")
    endif()
    set(_uptime ${_next})
  elseif(NOT _l STREQUAL "")
    string(APPEND _state_lines "${_l}\n")
  endif()
endforeach()
if(_uptime LESS 3)
  message(FATAL_ERROR "only ${_uptime} uptime lines (expected at least 3)")
endif()
file(READ ${EXPECTED} _expected)
if(NOT _state_lines STREQUAL _expected)
  message(FATAL_ERROR "the lines other than uptime differ from ${EXPECTED}:\n${_expected}\ngot:\n${_state_lines}")
endif()
message("ok: ${_uptime} uptime lines in order, the setpoint lines as expected")
