# cmake -DQEMU=qemu-system-arm -DOBJCOPY=arm-none-eabi-objcopy -DELF=x.elf -DEXPECT=regex
#       [-DSTRINGS_ABSENT=ON] -P run.cmake
# Checks the image (no C library symbol; with STRINGS_ABSENT, no text of nanoflux's in
# what is loaded into flash), then runs it on QEMU (mps2-an385) with semihosting and
# matches its output.
file(STRINGS ${ELF} _symbols REGEX "fputs|abort|printf")
if(_symbols)
  message(FATAL_ERROR "${ELF} refers to the C library: ${_symbols}")
endif()
execute_process(COMMAND ${OBJCOPY} -O binary ${ELF} ${ELF}.bin RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "${OBJCOPY} failed on ${ELF}")
endif()
file(STRINGS ${ELF}.bin _texts REGEX "cannot |ping|nanoflux")
foreach(_s IN LISTS _texts)
  if(STRINGS_ABSENT AND _s MATCHES "cannot |ping|nanoflux")
    message(FATAL_ERROR "${ELF} keeps a string of nanoflux's (NANOFLUX_ERROR_MESSAGES=0): ${_s}")
  endif()
endforeach()
if(NOT QEMU)
  message("SKIPPED: running needs qemu-system-arm (apt-get install qemu-system-arm); the image links and is checked")
  return()
endif()
execute_process(
  COMMAND ${QEMU} -M mps2-an385 -nographic -monitor none -serial none
          -semihosting-config enable=on,target=native -kernel ${ELF}
  TIMEOUT 30 RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(out "${out}${err}")
message("${out}")
if(NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "output lacks /${EXPECT}/ (exit ${rc})")
endif()
