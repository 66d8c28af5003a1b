# haproxy -c over the frontend corset_haproxy_config() wrote, with a global section and the backend
# it names: HAProxy itself parses every ACL, expression and rule.
# usage: cmake -DDIR=<output directory> -DNAME=<name> [-DLISTS=<a run-time set's pattern files'
# prefix, written empty if missing>] -P check_haproxy_config.cmake
set(check ${DIR}/check-haproxy-${NAME})
file(MAKE_DIRECTORY ${check})
if(LISTS)
  foreach(suffix IN ITEMS .exact .patterns)
    if(NOT EXISTS ${LISTS}${suffix})
      file(WRITE ${LISTS}${suffix} "")
    endif()
  endforeach()
endif()
file(WRITE ${check}/global.cfg "global
    maxconn 64
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
backend application
    server application 127.0.0.1:9
")
execute_process(COMMAND /usr/sbin/haproxy -c -f ${check}/global.cfg -f ${DIR}/${NAME}.cfg
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "haproxy refused the generated configuration:\n${out}")
endif()
file(READ ${DIR}/${NAME}.cfg frontend)
if(NOT frontend MATCHES "http-after-response set-header Access-Control-Allow-Origin")
  message(FATAL_ERROR "${NAME}.cfg sets no Access-Control-Allow-Origin:\n${frontend}")
endif()
message(STATUS "haproxy -c: ${out}")
