# nanoflux::boost_headers: Boost's headers (the core needs Boost.Hana's only), on the
# include path as a directory that holds nothing but a `boost` link. Used by nanoflux's
# own CMakeLists.txt and by its installed package config.
#
# Why not Boost::headers: its include directory is the host's /usr/include on Debian,
# and `-isystem /usr/include` brings the host's C library headers into a cross build
# (`bits/libc-header-start.h: No such file`); and find_package(Boost) fails under a
# toolchain file's CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY. Boost's headers themselves
# are the same for every target, so the host's serve a cross build too.
#
# The directory holding boost/hana.hpp is searched in the target's root path first,
# then on the host (CMAKE_FIND_ROOT_PATH_BOTH): set NANOFLUX_BOOST_INCLUDE_DIR to choose.
if(TARGET nanoflux::boost_headers)
  return()
endif()
find_path(NANOFLUX_BOOST_INCLUDE_DIR NAMES boost/hana.hpp
  HINTS ${Boost_INCLUDE_DIR} ${BOOST_INCLUDEDIR} ${BOOST_ROOT} $ENV{BOOST_ROOT} ${NANOFLUX_BOOST_INCLUDE_DIR_HINT}
  PATHS /usr/include /usr/local/include /opt/homebrew/include
  PATH_SUFFIXES include
  DOC "The directory that holds boost/hana.hpp (Boost 1.81 or later)"
  CMAKE_FIND_ROOT_PATH_BOTH)
if(NOT NANOFLUX_BOOST_INCLUDE_DIR)  # the caller reports it (no nanoflux::boost_headers)
  set(NANOFLUX_BOOST_NOT_FOUND_MESSAGE "nanoflux needs Boost's headers (1.81 or later; Debian: libboost1.81-dev) "
      "and found none: set NANOFLUX_BOOST_INCLUDE_DIR to the directory that holds boost/hana.hpp.")
  return()
endif()

# <binary dir>/nanoflux-boost/boost -> <found>/boost, unless the found directory holds
# nothing else already.
file(GLOB _nf_boost_siblings LIST_DIRECTORIES true "${NANOFLUX_BOOST_INCLUDE_DIR}/*")
if(_nf_boost_siblings STREQUAL "${NANOFLUX_BOOST_INCLUDE_DIR}/boost")
  set(_nf_boost_only ${NANOFLUX_BOOST_INCLUDE_DIR})
else()
  set(_nf_boost_only ${CMAKE_CURRENT_BINARY_DIR}/nanoflux-boost)
  file(MAKE_DIRECTORY ${_nf_boost_only})
  if(NOT EXISTS ${_nf_boost_only}/boost/hana.hpp)
    file(REMOVE ${_nf_boost_only}/boost)
    file(CREATE_LINK ${NANOFLUX_BOOST_INCLUDE_DIR}/boost ${_nf_boost_only}/boost SYMBOLIC RESULT _nf_link)
    if(NOT _nf_link EQUAL 0)  # no symbolic links (some Windows set-ups): the directory itself
      set(_nf_boost_only ${NANOFLUX_BOOST_INCLUDE_DIR})
    endif()
  endif()
endif()
add_library(nanoflux::boost_headers INTERFACE IMPORTED GLOBAL)
set_target_properties(nanoflux::boost_headers PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${_nf_boost_only})
