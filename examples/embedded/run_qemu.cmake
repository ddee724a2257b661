# cmake -DQEMU=qemu-system-arm -DELF=app.elf -P run_qemu.cmake
execute_process(
  COMMAND ${QEMU} -M mps2-an385 -nographic -monitor none -serial none
          -semihosting-config enable=on,target=native -kernel ${ELF}
  TIMEOUT 60 RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(out "${out}${err}")  # semihosting output may come on either stream
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "firmware exited with ${rc}")
endif()
foreach(pattern "press 1 at 106 ms: led on\n" "press 2 at 306 ms: led blinking\n"
                "press 3 at 506 ms: led off\n" "lit for 300 ms, 10 blink toggles\n" "firmware: ok")
  if(NOT out MATCHES "${pattern}")
    message(FATAL_ERROR "output lacks /${pattern}/")
  endif()
endforeach()
