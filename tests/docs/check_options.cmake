# Fails unless docs/flask-cors.md has a table row for every flask-cors option.
file(READ ${PAGE} text)
set(missing)
foreach(option IN ITEMS origins methods allow_headers expose_headers supports_credentials max_age
                        send_wildcard vary_header automatic_options always_send resources
                        allow_private_network intercept_exceptions cross_origin)
  if(NOT text MATCHES "\n\\| `@?${option}[=(`]")
    list(APPEND missing ${option})
  endif()
endforeach()
if(missing)
  message(FATAL_ERROR "docs/flask-cors.md has no row for: ${missing}")
endif()
message(STATUS "every flask-cors option has its row")
