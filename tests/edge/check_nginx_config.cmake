# nginx -t over the files corset_nginx_config() wrote: nginx itself parses every map, expression
# and directive. usage: cmake -DDIR=<output directory> -DNAME=<name> [-DMAP=<a run-time set's map
# file, written empty if missing>] -P check_nginx_config.cmake
set(check ${DIR}/check-${NAME})
if(MAP AND NOT EXISTS ${MAP})
  file(WRITE ${MAP} "")
endif()
file(MAKE_DIRECTORY ${check}/logs)
file(WRITE ${check}/nginx.conf "load_module /usr/lib/nginx/modules/ngx_http_js_module.so;
pid ${check}/nginx.pid;
error_log ${check}/logs/error.log;
events {}
http {
  variables_hash_max_size 4096;
  variables_hash_bucket_size 128;
  include ${DIR}/${NAME}.http.conf;
  server {
    listen 127.0.0.1:9;
    location / {
      include ${DIR}/${NAME}.location.conf;
      proxy_pass http://127.0.0.1:9;
    }
  }
}
")
execute_process(COMMAND /usr/sbin/nginx -t -p ${check}/ -c ${check}/nginx.conf
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "nginx refused the generated configuration:\n${out}")
endif()
file(READ ${DIR}/${NAME}.location.conf location)
if(NOT location MATCHES "add_header Access-Control-Allow-Origin \\$corset_${NAME}_allow_origin always;")
  message(FATAL_ERROR "${NAME}.location.conf sets no Access-Control-Allow-Origin:\n${location}")
endif()
message(STATUS "nginx -t: ${out}")
