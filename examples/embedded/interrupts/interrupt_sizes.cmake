# The sizes of the interrupt-driven firmware: nanoflux against the same firmware
# written by hand (a ring of a tagged union, a switch, direct calls to the view).
# Goal (issue 12): flash within 5%, RAM equal apart from the queue's storage (the
# symbol `queue` in each image, measured with nm).
# Three nanoflux images: NANOFLUX (the view subscribed with fixed_subscribers for good,
# subscribe_permanently: the firmware the issue asks for), HANDLES (the same with
# subscribe() and its handles) and DIRECT_VIEW (the same queue and dispatcher, the
# stores calling the view as the hand-written one does: the cost of the queue and the
# dispatch alone).
# Guards against regressions (the measured figures miss the 5% goal, see the README):
#  - DIRECT_VIEW: RAM apart from the queue equal to the hand-written one's, flash at
#    most MAX_FLASH_PERCENT more;
#  - NANOFLUX and HANDLES: flash at most MAX_SUBSCRIBED_FLASH_PERCENT and
#    MAX_HANDLES_FLASH_PERCENT more than the hand-written one's, RAM apart from the
#    queue at most MAX_SUBSCRIBED_EXTRA_RAM bytes more (each store's slot and count).
# cmake -DSIZE=arm-none-eabi-size -DNM=arm-none-eabi-nm -DNANOFLUX=a.elf -DHANDLES=d.elf
#       -DDIRECT_VIEW=b.elf -DHAND_WRITTEN=c.elf -DMAX_FLASH_PERCENT=10
#       -DMAX_SUBSCRIBED_FLASH_PERCENT=46 -DMAX_HANDLES_FLASH_PERCENT=64
#       -DMAX_SUBSCRIBED_EXTRA_RAM=80 -P interrupt_sizes.cmake
cmake_policy(VERSION 3.20)  # if(): quoted strings are not variables
foreach(_which HAND_WRITTEN DIRECT_VIEW NANOFLUX HANDLES)
  execute_process(COMMAND ${SIZE} ${${_which}} OUTPUT_VARIABLE out RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${SIZE} failed on ${${_which}}")
  endif()
  string(REGEX MATCH "\n *([0-9]+)[ \t]+([0-9]+)[ \t]+([0-9]+)" _ "${out}")
  math(EXPR _flash "${CMAKE_MATCH_1} + ${CMAKE_MATCH_2}")
  math(EXPR _ram "${CMAKE_MATCH_2} + ${CMAKE_MATCH_3}")
  execute_process(COMMAND ${NM} -S ${${_which}} OUTPUT_VARIABLE syms RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT syms MATCHES "\n[0-9a-f]+ ([0-9a-f]+) [bBdD] queue\n")
    message(FATAL_ERROR "no symbol `queue` in ${${_which}}")
  endif()
  math(EXPR _queue "0x${CMAKE_MATCH_1}" OUTPUT_FORMAT DECIMAL)
  math(EXPR _rest "${_ram} - ${_queue}")
  set(_pct "")
  if(DEFINED HAND_WRITTEN_flash)
    math(EXPR _permille "(${_flash} - ${HAND_WRITTEN_flash}) * 1000 / ${HAND_WRITTEN_flash}")
    set(_pct " (${_permille} per mille more than hand-written)")
  endif()
  set(${_which}_flash ${_flash})
  set(${_which}_rest ${_rest})
  message("${_which}: flash ${_flash} bytes${_pct}, RAM ${_ram} bytes = queue ${_queue} + the rest ${_rest}")
endforeach()
set(_problems "")
math(EXPR _limit "${HAND_WRITTEN_flash} * (100 + ${MAX_FLASH_PERCENT}) / 100")
if(DIRECT_VIEW_flash GREATER _limit)
  list(APPEND _problems "DIRECT_VIEW flash ${DIRECT_VIEW_flash} bytes, more than ${MAX_FLASH_PERCENT}% over ${HAND_WRITTEN_flash}")
endif()
foreach(_which NANOFLUX HANDLES)
  if(_which STREQUAL "NANOFLUX")
    set(_percent ${MAX_SUBSCRIBED_FLASH_PERCENT})
  else()
    set(_percent ${MAX_HANDLES_FLASH_PERCENT})
  endif()
  math(EXPR _limit "${HAND_WRITTEN_flash} * (100 + ${_percent}) / 100")
  if(${_which}_flash GREATER _limit)
    list(APPEND _problems "${_which} flash ${${_which}_flash} bytes, more than ${_percent}% over ${HAND_WRITTEN_flash}")
  endif()
  math(EXPR _limit "${HAND_WRITTEN_rest} + ${MAX_SUBSCRIBED_EXTRA_RAM}")
  if(${_which}_rest GREATER _limit)
    list(APPEND _problems "${_which} RAM apart from the queue: ${${_which}_rest} bytes, more than ${MAX_SUBSCRIBED_EXTRA_RAM} over ${HAND_WRITTEN_rest}")
  endif()
endforeach()
if(NOT DIRECT_VIEW_rest EQUAL HAND_WRITTEN_rest)
  list(APPEND _problems "DIRECT_VIEW RAM apart from the queue: ${DIRECT_VIEW_rest} bytes, hand-written ${HAND_WRITTEN_rest}")
endif()
if(_problems)
  string(REPLACE ";" "\n  " _p "${_problems}")
  message(FATAL_ERROR "size bounds exceeded:\n  ${_p}")
endif()
