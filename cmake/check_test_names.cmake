# Fails if a doctest TEST_CASE name contains ';': doctest_discover_tests would cut the name there,
# and CTest would then run a filter that matches nothing and call it a pass.
file(GLOB_RECURSE sources ${DIR}/*.cpp)
foreach(source IN LISTS sources)
  file(STRINGS ${source} lines REGEX "TEST_CASE\\(\"")
  foreach(line IN LISTS lines)
    if(line MATCHES "TEST_CASE\\(\"[^\"]*;")
      message(FATAL_ERROR "a test name in ${source} contains ';': ${line}")
    endif()
  endforeach()
endforeach()
message(STATUS "no test name contains ';'")
