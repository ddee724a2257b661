# cmake -DCOMPILER=arm-none-eabi-g++ -DNM=arm-none-eabi-nm -DSOURCE=... -DINCLUDE=... -DBOOST_LINK=dir -DWORK=dir -P
# single_producer on ARMv6-M: compiles, and the object calls no atomic helper;
# multi_producer: fails to compile with the message naming the reason.
set(flags -std=c++20 -O2 -mcpu=cortex-m0 -mthumb -fno-exceptions -fno-rtti -I${INCLUDE} -isystem ${BOOST_LINK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${COMPILER} ${flags} -c ${SOURCE} -o ${WORK}/m0.o RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "single_producer does not compile for Cortex-M0:\n${err}")
endif()
execute_process(COMMAND ${NM} -u ${WORK}/m0.o OUTPUT_VARIABLE undefined)
if(undefined MATCHES "__atomic|__sync")
  message(FATAL_ERROR "single_producer on Cortex-M0 calls atomic helpers:\n${undefined}")
endif()
execute_process(COMMAND ${COMPILER} ${flags} -DNANOFLUX_TRY_MULTI_PRODUCER -fsyntax-only ${SOURCE}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "multi_producer compiled for Cortex-M0, but must not")
endif()
if(NOT err MATCHES "multi_producer> needs a lock-free compare-and-swap")
  message(FATAL_ERROR "multi_producer on Cortex-M0: the error lacks the reason:\n${err}")
endif()
message(STATUS "Cortex-M0: single_producer uses plain loads and stores; multi_producer refused with its reason")
