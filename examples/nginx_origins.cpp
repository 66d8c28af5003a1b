// Checks an origins file (one origin a line, `#` comments) with the rules of a policy's run-time
// origin set and writes the nginx map file that corset::edge::nginx(..., origins_map) includes;
// then `nginx -s reload` swaps it. A bad file is refused with its line number and the map file
// is left as it was, so the running proxy keeps the origins it has.
//
//   nginx_origins [--credentials] ORIGINS_FILE MAP_FILE
//
// --credentials: the rules of origin_set<allow_credentials> (a credentialed policy's set).
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include <corset/edge.hpp>
#include <corset/origin_set.hpp>

namespace {

template <class Set>
int write_map(std::string const& origins_path, std::string const& map_path) {
  std::ifstream in{origins_path, std::ios::binary};
  if (!in) {
    std::fprintf(stderr, "nginx_origins: cannot read %s; %s is unchanged\n", origins_path.c_str(), map_path.c_str());
    return 1;
  }
  std::string const text{std::istreambuf_iterator<char>{in}, {}};
  corset::edge::origin_map const map = corset::edge::nginx_origin_map<Set>(text, origins_path);
  if (!map) {
    std::fprintf(stderr, "nginx_origins: %s; %s is unchanged\n", map.check.describe().c_str(), map_path.c_str());
    return 1;
  }
  // Written aside, then renamed over the old file: nginx reads one or the other, whole.
  std::string const aside = map_path + ".new";
  {
    std::ofstream out{aside, std::ios::binary | std::ios::trunc};
    out << map.entries;
    if (!out.flush()) {
      std::fprintf(stderr, "nginx_origins: cannot write %s; %s is unchanged\n", aside.c_str(), map_path.c_str());
      return 1;
    }
  }
  if (std::rename(aside.c_str(), map_path.c_str()) != 0) {
    std::fprintf(stderr, "nginx_origins: cannot rename %s to %s\n", aside.c_str(), map_path.c_str());
    return 1;
  }
  std::printf("nginx_origins: %zu origins from %s into %s\n", map.check.size(), origins_path.c_str(), map_path.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  bool const credentials = argc == 4 && std::string_view{argv[1]} == "--credentials";
  if (argc != (credentials ? 4 : 3)) {
    std::fprintf(stderr, "usage: nginx_origins [--credentials] ORIGINS_FILE MAP_FILE\n");
    return 2;
  }
  std::string const origins = argv[argc - 2], map = argv[argc - 1];
  return credentials ? write_map<corset::origin_set<corset::allow_credentials>>(origins, map)
                     : write_map<corset::origin_set<>>(origins, map);
}
