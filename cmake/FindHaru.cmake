# Finds libharu (Debian's libhpdf-dev ships no pkg-config file).
# Defines Haru::Haru and HARU_VERSION (from hpdf_version.h).
find_path(HARU_INCLUDE_DIR hpdf.h)
find_library(HARU_LIBRARY NAMES hpdf)
set(HARU_VERSION "")
set(_haru_numbers)
if(HARU_INCLUDE_DIR AND EXISTS "${HARU_INCLUDE_DIR}/hpdf_version.h")
  file(STRINGS "${HARU_INCLUDE_DIR}/hpdf_version.h" _haru_lines
    REGEX "^#define HPDF_(MAJOR|MINOR|BUGFIX)_VERSION ")
  foreach(_part MAJOR MINOR BUGFIX)
    string(REGEX MATCH "HPDF_${_part}_VERSION +([0-9]+)" _ "${_haru_lines}")
    list(APPEND _haru_numbers "${CMAKE_MATCH_1}")
  endforeach()
  string(JOIN "." HARU_VERSION ${_haru_numbers})
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Haru
  REQUIRED_VARS HARU_LIBRARY HARU_INCLUDE_DIR
  VERSION_VAR HARU_VERSION
  REASON_FAILURE_MESSAGE "install Debian's libhpdf-dev (scripts/install-deps.sh does it)")
if(Haru_FOUND AND NOT TARGET Haru::Haru)
  add_library(Haru::Haru UNKNOWN IMPORTED)
  set_target_properties(Haru::Haru PROPERTIES
    IMPORTED_LOCATION "${HARU_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${HARU_INCLUDE_DIR}")
endif()
mark_as_advanced(HARU_INCLUDE_DIR HARU_LIBRARY)

# src/pdf/ reaches into libharu's internals and refuses to compile against any
# version but the one it was written for; that version is read from
# src/pdf/pdf_internal.h (its one place), so that the mismatch is said here,
# before the compiler stops on it.
if(Haru_FOUND AND EXISTS "${CMAKE_SOURCE_DIR}/src/pdf/pdf_internal.h")
  file(STRINGS "${CMAKE_SOURCE_DIR}/src/pdf/pdf_internal.h" _haru_lines
    REGEX "^#define HUI_HARU_(MAJOR|MINOR|BUGFIX) ")
  set(_haru_numbers)
  foreach(_part MAJOR MINOR BUGFIX)
    string(REGEX MATCH "HUI_HARU_${_part} +([0-9]+)" _ "${_haru_lines}")
    list(APPEND _haru_numbers "${CMAKE_MATCH_1}")
  endforeach()
  string(JOIN "." HARU_WRITTEN_FOR ${_haru_numbers})
  if(NOT HARU_VERSION STREQUAL HARU_WRITTEN_FOR)
    if(HARU_VERSION STREQUAL "")
      set(HARU_VERSION "of unknown version (no hpdf_version.h)")
    endif()
    message(WARNING "libharu ${HARU_VERSION} found, but src/pdf/ was written for libharu "
      "${HARU_WRITTEN_FOR} and uses its internals: the build "
      "will stop at src/pdf/pdf_internal.h, which lists what to check before allowing another "
      "version (docs/dependencies.md).")
  endif()
endif()
