# Runs a firmware image under QEMU with semihosting and checks what it prints.
# cmake -DQEMU=qemu-system-arm -DMACHINE=mps2-an385 -DELF=app.elf
#       [-DEXPECTED=file]            the output must be exactly the file's text
#       [-DPATTERNS=re;re...]        the output must match every regular expression
#       [-DSERIAL_INPUT=file]        the board's first UART reads this file
#       [-DQEMU_ARGS=arg;arg...]     more QEMU arguments (-icount ...)
#       -P run_firmware.cmake
set(_serial -serial none)
if(SERIAL_INPUT)
  # The UART reads the file; what it transmits is discarded (the firmware reports
  # over semihosting).
  set(_serial -chardev file,id=uart_in,path=/dev/null,input-path=${SERIAL_INPUT} -serial chardev:uart_in)
endif()
execute_process(
  COMMAND ${QEMU} -M ${MACHINE} -nographic -monitor none ${_serial} ${QEMU_ARGS}
          -semihosting-config enable=on,target=native -kernel ${ELF}
  TIMEOUT 60 RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(out "${out}${err}")  # semihosting output comes on stderr with target=native
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "firmware exited with ${rc}")
endif()
if(EXPECTED)
  file(READ ${EXPECTED} _expected)
  if(NOT out STREQUAL _expected)
    message(FATAL_ERROR "the output differs from ${EXPECTED}:\n${_expected}")
  endif()
endif()
foreach(pattern IN LISTS PATTERNS)
  if(NOT out MATCHES "${pattern}")
    message(FATAL_ERROR "output lacks /${pattern}/")
  endif()
endforeach()
