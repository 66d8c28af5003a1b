# gperf writes a class at global scope; put it in namespace bench, behind an include guard,
# and silence what its C-era code trips (it is generated, not ours).
file(READ ${FILE} body)
string(REPLACE "register " "" body "${body}")
file(WRITE ${FILE} "#pragma once\n#include <cstring>\n#pragma GCC diagnostic push\n#pragma GCC diagnostic ignored \"-Wold-style-cast\"\n#pragma GCC diagnostic ignored \"-Wmissing-field-initializers\"\n#pragma GCC diagnostic ignored \"-Wimplicit-fallthrough\"\nnamespace bench {\n${body}\n}  // namespace bench\n#pragma GCC diagnostic pop\n")
