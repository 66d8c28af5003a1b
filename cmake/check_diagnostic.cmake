# Compile-failure check, run by CTest: cmake -DCXX= -DSOURCE= -DINCLUDES= -DMODE= -P this file.
#
# SOURCE's first line is `// expect: <text>`. MODE=fails: compiling must fail, with exactly one
# line containing "error:", and that line must contain <text> (rules 5: the first error line
# names the rule and the fix). MODE=compiles: the twin (CORSET_TWIN defined) must compile.
file(READ ${SOURCE} head LIMIT 4096)
if(NOT head MATCHES "^// expect: ([^\n]*)")
  message(FATAL_ERROR "${SOURCE} does not start with // expect: <text>")
endif()
set(expected "${CMAKE_MATCH_1}")
set(flags -std=c++20 -fsyntax-only -I${INCLUDES})
if(MODE STREQUAL "compiles")
  execute_process(COMMAND ${CXX} ${flags} -Wall -Wextra -Wpedantic -Werror -DCORSET_TWIN ${SOURCE}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the compiling twin of ${SOURCE} does not compile:\n${out}")
  endif()
  return()
endif()
execute_process(COMMAND ${CXX} ${flags} ${SOURCE}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but must not")
endif()
# Diagnostics say "<rule>; <fix>": hide the semicolons from CMake's list splitting.
string(REPLACE ";" "<semicolon>" out "${out}")
string(REPLACE ";" "<semicolon>" expected "${expected}")
string(REGEX MATCHALL "[^\n]*error:[^\n]*" errors "${out}")
list(LENGTH errors count)
list(GET errors 0 first_error)
string(FIND "${first_error}" "${expected}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "first error does not say '${expected}':\n${out}")
endif()
if(NOT count EQUAL 1)
  message(FATAL_ERROR "${count} errors instead of one:\n${out}")
endif()
string(REGEX MATCHALL "\n" lines "${out}")
list(LENGTH lines line_count)
string(REPLACE "<semicolon>" ";" first_error "${first_error}")
message(STATUS "one error, ${line_count} lines: ${first_error}")
if(line_count GREATER 15)  # the issue asks for under 15 lines for a small policy
  message(FATAL_ERROR "the diagnostic is ${line_count} lines long:\n${out}")
endif()
