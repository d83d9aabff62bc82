# ctest ui.translations_cover_the_code: runs lupdate over ui/, app/boneage-workstation/ and core/report/ on copies
# of translations/*.ts and fails when the code has a tr() string the .ts files lack ("N new") or the
# .ts files keep strings the code no longer has ("Removed N obsolete"). The copies live in WORK, so
# the checked-in files are never touched.
# cmake -DLUPDATE=... -DSOURCE_DIR=... -DWORK=... -P CheckTranslations.cmake
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
file(GLOB ts_files "${SOURCE_DIR}/translations/*.ts")
if(NOT ts_files)
  message(FATAL_ERROR "no .ts files in ${SOURCE_DIR}/translations")
endif()
set(copies)
foreach(ts ${ts_files})
  get_filename_component(name "${ts}" NAME)
  configure_file("${ts}" "${WORK}/${name}" COPYONLY)
  list(APPEND copies "${WORK}/${name}")
endforeach()
execute_process(COMMAND "${LUPDATE}" "${SOURCE_DIR}/ui" "${SOURCE_DIR}/app/boneage-workstation" "${SOURCE_DIR}/core/report" -ts ${copies}
                        -locations none -no-obsolete
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lupdate failed (${rc})")
endif()
if("${out}${err}" MATCHES "\\(([1-9][0-9]*) new")
  message(FATAL_ERROR "the code has ${CMAKE_MATCH_1} tr() string(s) that translations/*.ts lack: run lupdate and translate them")
endif()
if("${out}${err}" MATCHES "Removed ([1-9][0-9]*) obsolete")
  message(FATAL_ERROR "translations/*.ts hold ${CMAKE_MATCH_1} string(s) the code no longer has: run lupdate -no-obsolete")
endif()
