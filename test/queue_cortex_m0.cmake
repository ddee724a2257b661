# cmake -DCOMPILER=arm-none-eabi-g++ -DNM=arm-none-eabi-nm -DSOURCE=... -DINCLUDE=... -DBOOST_LINK=dir -DWORK=dir -P
# single_producer on ARMv6-M: compiles, and the object calls no atomic helper;
# multi_producer: fails to compile with the message naming the reason;
# guarded_producers<interrupt_mask>: compiles, no atomic helper, posts mask interrupts.
set(flags -std=c++20 -O2 -mcpu=cortex-m0 -mthumb -fno-exceptions -fno-rtti -I${INCLUDE} -isystem ${BOOST_LINK})
file(MAKE_DIRECTORY ${WORK})

# compile_without_atomic_helpers(<what> <object> [defines...]): compiles SOURCE to
# WORK/<object>.o and WORK/<object>.s; fails if it does not compile or calls an atomic helper.
function(compile_without_atomic_helpers what object)
  execute_process(COMMAND ${COMPILER} ${flags} ${ARGN} -c ${SOURCE} -o ${WORK}/${object}.o
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(rc EQUAL 0)
    execute_process(COMMAND ${COMPILER} ${flags} ${ARGN} -S ${SOURCE} -o ${WORK}/${object}.s
                    RESULT_VARIABLE rc ERROR_VARIABLE err)
  endif()
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} does not compile for Cortex-M0:\n${err}")
  endif()
  execute_process(COMMAND ${NM} -u ${WORK}/${object}.o OUTPUT_VARIABLE undefined)
  if(undefined MATCHES "__atomic|__sync")
    message(FATAL_ERROR "${what} on Cortex-M0 calls atomic helpers:\n${undefined}")
  endif()
endfunction()

compile_without_atomic_helpers(single_producer m0)
execute_process(COMMAND ${COMPILER} ${flags} -DNANOFLUX_TRY_MULTI_PRODUCER -fsyntax-only ${SOURCE}
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "multi_producer compiled for Cortex-M0, but must not")
endif()
if(NOT err MATCHES "multi_producer> needs a lock-free compare-and-swap")
  message(FATAL_ERROR "multi_producer on Cortex-M0: the error lacks the reason:\n${err}")
endif()
# guarded_producers<interrupt_mask>: the posts mask interrupts (cpsid i) and put PRIMASK
# back (msr primask).
compile_without_atomic_helpers("guarded_producers<interrupt_mask>" m0_guarded -DNANOFLUX_TRY_GUARDED)
file(READ ${WORK}/m0_guarded.s _asm)
string(REGEX MATCHALL "cpsid[ \t]+i" _masks "${_asm}")
string(REGEX MATCHALL "msr[ \t]+primask" _restores "${_asm}")
list(LENGTH _masks _n_masks)
list(LENGTH _restores _n_restores)
# Two posting functions (SysTick_Handler, UART_Handler): each masks and restores.
if(_n_masks LESS 2 OR NOT _n_masks EQUAL _n_restores)
  message(FATAL_ERROR "guarded_producers on Cortex-M0: ${_n_masks} cpsid i and ${_n_restores} msr primask (expected at least 2, as many of each)")
endif()
message(STATUS "Cortex-M0: single_producer uses plain loads and stores; multi_producer refused with its reason; "
               "guarded_producers<interrupt_mask> masks interrupts around ${_n_masks} posts")
