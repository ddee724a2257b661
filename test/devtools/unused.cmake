# Fails if a header other than nanoflux/devtools.hpp and nanoflux/detail/devtools/*
# includes Beast or the devtools headers: a program that does not include
# <nanoflux/devtools.hpp> compiles exactly as before.
file(GLOB_RECURSE headers RELATIVE ${INCLUDE} ${INCLUDE}/nanoflux/*.hpp)
set(bad "")
foreach(h IN LISTS headers)
  if(h STREQUAL "nanoflux/devtools.hpp" OR h MATCHES "^nanoflux/detail/devtools/")
    continue()
  endif()
  file(STRINGS ${INCLUDE}/${h} lines REGEX "#include <(boost/beast|nanoflux/devtools|nanoflux/detail/devtools)")
  if(lines)
    list(APPEND bad "${h}: ${lines}")
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "headers reaching the devtools layer: ${bad}")
endif()
message(STATUS "${CMAKE_CURRENT_LIST_FILE}: no header but devtools.hpp reaches Beast or the devtools code")
