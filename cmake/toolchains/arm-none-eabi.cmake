# CMake toolchain file for ARM Cortex-M, bare metal, with the GNU Arm toolchain
# (Debian: gcc-arm-none-eabi libstdc++-arm-none-eabi-newlib). Not specific to nanoflux.
#
#   cmake -S . -B build-arm --toolchain cmake/toolchains/arm-none-eabi.cmake \
#         -DARM_NONE_EABI_CPU=cortex-m4 -DCMAKE_BUILD_TYPE=MinSizeRel
#
# ARM_NONE_EABI_CPU    the -mcpu (cortex-m0, cortex-m0plus, cortex-m3, cortex-m4,
#                      cortex-m7, ...); default cortex-m3. Thumb code, soft float ABI
#                      unless ARM_NONE_EABI_FLAGS says otherwise.
# ARM_NONE_EABI_FLAGS  more flags for every compile and link (e.g. -mfpu=fpv4-sp-d16
#                      -mfloat-abi=hard).
# The linker script, startup code and C library choice (-nostdlib, --specs=nano.specs,
# ...) are the project's: set them on its executables. Packages and libraries are
# searched only in the toolchain's own root (CMAKE_FIND_ROOT_PATH), never the host's.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(ARM_NONE_EABI_CPU cortex-m3 CACHE STRING "-mcpu of the Cortex-M target")
set(ARM_NONE_EABI_FLAGS "" CACHE STRING "More compile and link flags for the target")
# try_compile projects read this file again: pass the choices on.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES ARM_NONE_EABI_CPU ARM_NONE_EABI_FLAGS)

find_program(CMAKE_C_COMPILER arm-none-eabi-gcc)
find_program(CMAKE_CXX_COMPILER arm-none-eabi-g++)
find_program(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
find_program(CMAKE_OBJCOPY arm-none-eabi-objcopy)
find_program(CMAKE_SIZE arm-none-eabi-size)
if(NOT CMAKE_CXX_COMPILER)
  message(FATAL_ERROR "arm-none-eabi-g++ not found (Debian: apt-get install gcc-arm-none-eabi libstdc++-arm-none-eabi-newlib)")
endif()

# Probing the compiler links no executable (there is no startup code nor linker script yet).
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(_arm_flags "-mcpu=${ARM_NONE_EABI_CPU} -mthumb ${ARM_NONE_EABI_FLAGS}")
set(CMAKE_C_FLAGS_INIT "${_arm_flags}")
set(CMAKE_CXX_FLAGS_INIT "${_arm_flags}")
set(CMAKE_ASM_FLAGS_INIT "${_arm_flags}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${_arm_flags}")

# The toolchain's own root (newlib's headers and libraries): /usr/lib/arm-none-eabi on Debian.
get_filename_component(_arm_bin ${CMAKE_CXX_COMPILER} DIRECTORY)
get_filename_component(_arm_prefix ${_arm_bin} DIRECTORY)
foreach(_root ${_arm_prefix}/arm-none-eabi ${_arm_prefix}/lib/arm-none-eabi)
  if(IS_DIRECTORY ${_root})
    list(APPEND CMAKE_FIND_ROOT_PATH ${_root})
  endif()
endforeach()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
