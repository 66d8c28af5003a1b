// Checks an origins file (one origin a line, `#` comments) with the rules of a policy's run-time
// origin set and writes what the proxy reads: the nginx map file that corset::edge::nginx(...,
// origins_map) includes, or the two HAProxy pattern files (PREFIX.exact, PREFIX.patterns) that
// corset::edge::haproxy(..., origin_lists_prefix) names; then a reload of the proxy swaps them.
// A bad file is refused with its line number and nothing is written, so the running proxy keeps
// the origins it has.
//
//   edge_origins nginx   [--credentials] ORIGINS_FILE MAP_FILE
//   edge_origins haproxy [--credentials] ORIGINS_FILE PREFIX
//
// --credentials: the rules of origin_set<allow_credentials> (a credentialed policy's set).
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <corset/edge.hpp>
#include <corset/origin_set.hpp>

namespace {

// Each file is written aside, then renamed over the old one: the proxy reads one or the other,
// whole. (HAProxy's two files are renamed one after the other: reload once the tool returns.)
bool replace_file(std::string const& path, std::string const& content) {
  std::string const aside = path + ".new";
  {
    std::ofstream out{aside, std::ios::binary | std::ios::trunc};
    out << content;
    if (!out.flush()) {
      std::fprintf(stderr, "edge_origins: cannot write %s; %s is unchanged\n", aside.c_str(), path.c_str());
      return false;
    }
  }
  if (std::rename(aside.c_str(), path.c_str()) != 0) {
    std::fprintf(stderr, "edge_origins: cannot rename %s to %s\n", aside.c_str(), path.c_str());
    return false;
  }
  return true;
}

// The files for `proxy` from the origins text, validated as `Set` validates it.
template <class Set>
int write_files(std::string_view proxy, std::string const& origins_path, std::string const& output) {
  std::ifstream in{origins_path, std::ios::binary};
  if (!in) {
    std::fprintf(stderr, "edge_origins: cannot read %s; nothing is written\n", origins_path.c_str());
    return 1;
  }
  std::string const text{std::istreambuf_iterator<char>{in}, {}};
  corset::origin_set_result check;
  std::vector<std::pair<std::string, std::string>> files;  // path, content
  if (proxy == "nginx") {
    corset::edge::origin_map map = corset::edge::nginx_origin_map<Set>(text, origins_path);
    check = std::move(map.check);
    files.emplace_back(output, std::move(map.entries));
  } else {
    corset::edge::origin_lists lists = corset::edge::haproxy_origin_lists<Set>(text, origins_path);
    check = std::move(lists.check);
    files.emplace_back(output + std::string{corset::edge::origin_lists::exact_suffix}, std::move(lists.exact));
    files.emplace_back(output + std::string{corset::edge::origin_lists::patterns_suffix}, std::move(lists.patterns));
  }
  if (!check) {
    std::fprintf(stderr, "edge_origins: %s; nothing is written\n", check.describe().c_str());
    return 1;
  }
  for (auto const& [path, content] : files)
    if (!replace_file(path, content)) return 1;
  std::printf("edge_origins: %zu origins from %s for %.*s\n", check.size(), origins_path.c_str(),
              static_cast<int>(proxy.size()), proxy.data());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string_view const proxy = argc > 1 ? argv[1] : "";
  bool const credentials = argc == 5 && std::string_view{argv[2]} == "--credentials";
  if ((proxy != "nginx" && proxy != "haproxy") || argc != (credentials ? 5 : 4)) {
    std::fprintf(stderr,
                 "usage: edge_origins nginx   [--credentials] ORIGINS_FILE MAP_FILE\n"
                 "       edge_origins haproxy [--credentials] ORIGINS_FILE PREFIX   (writes PREFIX.exact, PREFIX.patterns)\n");
    return 2;
  }
  std::string const origins = argv[argc - 2], output = argv[argc - 1];
  return credentials ? write_files<corset::origin_set<corset::allow_credentials>>(proxy, origins, output)
                     : write_files<corset::origin_set<>>(proxy, origins, output);
}
