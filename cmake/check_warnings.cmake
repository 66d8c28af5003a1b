# Warning check, run by CTest: cmake -DCXX= -DLEVEL= -DINCLUDES= -DSOURCES= [-DFLAGS=] -P this file.
#
# Compiles (without linking) each of SOURCES ("|"-separated) at optimisation LEVEL (-O2, -Og...)
# with -Wall -Wextra -Wpedantic -Werror and FLAGS ("|"-separated, optional), and fails with the
# compiler's output on the first that does not compile clean. INCLUDES: "|"-separated include
# directories.
string(REPLACE "|" ";" sources "${SOURCES}")
string(REPLACE "|" ";" includes "${INCLUDES}")
string(REPLACE "|" ";" extra "${FLAGS}")
set(flags -std=c++20 ${LEVEL} -Wall -Wextra -Wpedantic -Werror ${extra})
foreach(dir IN LISTS includes)
  list(APPEND flags -I${dir})
endforeach()
string(MD5 variant "${LEVEL}${FLAGS}${SOURCES}")
set(object ${CMAKE_CURRENT_BINARY_DIR}/check_warnings${variant}.o)  # one per test: they run side by side
foreach(source IN LISTS sources)
  execute_process(COMMAND ${CXX} ${flags} -c ${source} -o ${object}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${CXX} ${LEVEL}: ${source} does not compile without warnings:\n${out}")
  endif()
endforeach()
file(REMOVE ${object})
