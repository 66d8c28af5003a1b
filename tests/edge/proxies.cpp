// The configurations corset::edge::nginx and corset::edge::haproxy generate, in real proxies on
// loopback (Debian's nginx 1.22 with njs, HAProxy 2.6), in front of a backend that sends no CORS
// headers and of one that sends wrong ones: every request of a table, of near-miss origins, and of
// a differential corpus (random policies and the reference model's near-miss requests) gets, from
// the proxy, the decision policy.evaluate gives (status and every Access-Control-* and Vary field,
// byte for byte), except the differences docs/edge.md lists, where the proxy is stricter; the test
// names each it meets.
#include <utility>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ios>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <corset/edge.hpp>
#include <corset/request_fields.hpp>

#include "edge_policies.hpp"        // generated: random policies a proxy can be given
#include "generated_policies.hpp"  // the reference model's request generator

namespace {

// The policies exported: the seed's credentialed API (exact origins, patterns, a port pattern),
// an open read-only API, and one that reports writes and answers preflights 200.
inline constexpr corset::policy<
    corset::allow_origins<"https://app.example.com", "http://localhost:8080", "https://*.example.org",
                          "http://localhost:*", "https://a-subdomain-longer-than-nginx-hashes.tenant.example.com">,
    corset::allow_methods<corset::methods::put, corset::methods::delete_, corset::method<"PATCH">>,
    corset::allow_headers<"content-type", "x-csrf-token", "authorization">, corset::expose_headers<"x-request-id">,
    corset::allow_credentials, corset::max_age<600>>
    api{};
inline constexpr corset::policy<corset::allow_any_origin, corset::expose_headers<"x-total-count">,
                                corset::allow_any_method>
    open_api{};
inline constexpr corset::policy<corset::allow_origins<"https://book.example.net">, corset::allow_credentials,
                                corset::report_cross_origin_writes, corset::preflight_status<200>>
    reporting{};

// A route table over them (rules 7): prefix and exact routes, a route holding `;`, no default, so
// that targets no route covers and unsafe targets get no CORS (and refused writes, 7.4: api
// refuses cross-origin writes).
inline constexpr corset::routes<corset::route<"/items/", api>, corset::route<"/public/", open_api>,
                                corset::route<"/account/delete", reporting>, corset::route<"/legacy;v=1/", api>,
                                corset::route<"/wrong/", api>, corset::route<"/items/archive/", open_api>>
    site{};

// One request as bytes on the wire: each field line as given, in order.
struct wire_request {
  std::string method = "GET";
  std::string target = "/items/1";
  std::vector<std::pair<std::string, std::string>> fields;
};

struct wire_response {
  int status = 0;
  std::multimap<std::string, std::string> cors;  // Access-Control-* and Vary, names lowercase
  std::string outcome;                           // expected(): corset's kind/reason, as the model names them
};

std::string lower(std::string s) {
  for (char& c : s) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
  return s;
}

wire_response send(int port, wire_request const& q) {
  int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr const*>(&address), sizeof address) == 0);
  std::string text = q.method + " " + q.target + " HTTP/1.1\r\n";
  bool host = false;
  for (auto const& [name, value] : q.fields) {
    text.append(name).append(": ").append(value).append("\r\n");
    host = host || lower(name) == "host";
  }
  if (!host) text += "Host: api.example.com\r\n";
  bool connection = false;
  for (auto const& field : q.fields) connection = connection || lower(field.first) == "connection";
  if (q.method != "GET" && q.method != "HEAD" && q.method != "OPTIONS") text += "Content-Length: 0\r\n";
  text += connection ? "\r\n" : "Connection: close\r\n\r\n";
  REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  std::string reply;
  char buffer[4096];
  timeval const patience{5, 0};  // a hung request fails the test instead of stalling it
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
  // The head is all that is compared: read until it ends (an upgrade may keep the line open).
  for (ssize_t n; reply.find("\r\n\r\n") == std::string::npos && (n = ::read(fd, buffer, sizeof buffer)) > 0;)
    reply.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  wire_response out;
  std::size_t const end = reply.find("\r\n\r\n");
  REQUIRE(end != std::string::npos);
  out.status = std::atoi(reply.c_str() + reply.find(' ') + 1);
  for (std::size_t at = reply.find("\r\n") + 2; at < end;) {
    std::size_t const eol = reply.find("\r\n", at);
    std::string const line = reply.substr(at, eol - at);
    std::size_t const colon = line.find(':');
    std::string const name = lower(line.substr(0, colon));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    if (name.rfind("access-control-", 0) == 0 || name == "vary") out.cors.emplace(name, value);
    at = eol + 2;
  }
  return out;
}

// What corset decides for the same request, as the response nginx should give: the decision's
// status, or the backend's 200.
template <class Policy>
wire_response expected(Policy const& policy, wire_request const& q) {
  corset::request_fields fields{q.method, q.target};  // what every adapter reads
  bool host = false;
  for (auto const& [name, value] : q.fields) {
    // A field's value without the whitespace around it, as every HTTP parser gives it (RFC 9110
    // 5.5); the server behind an adapter sees the same.
    std::string_view v = value;
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    fields.add(name, v);
    host = host || lower(name) == "host";
  }
  if (!host) fields.add("Host", "api.example.com");
  corset::decision d;
  if constexpr (requires { policy.evaluate(q.target, fields.view()); }) d = policy.evaluate(q.target, fields.view());  // a route table
  else d = policy.evaluate(fields.view());
  wire_response out;
  out.status = d.status() != 0 ? d.status() : 200;
  for (corset::header const& h : d.headers()) out.cors.emplace(lower(std::string{h.name}), std::string{h.value});
  out.outcome = std::string{bridge::name(d.kind())} + "/" + bridge::name(d.reason());
  return out;
}

// A request for a failure's message: long values cut (the corpus sends 8 KiB header lists).
std::string describe(wire_request const& q) {
  std::string s = q.method + " " + q.target;
  for (auto const& [k, v] : q.fields) {
    s.append(" | ").append(k).append(": ").append(v.substr(0, 120));
    if (v.size() > 120) s.append("... (").append(std::to_string(v.size())).append(" bytes)");
  }
  return s;
}

enum class proxy { nginx, haproxy };

// Whether every `%` of a target's path starts an escape of a byte other than NUL (nginx decodes
// the path to route it, and refuses the rest with 400).
bool decodable(std::string_view target) {
  std::string_view const path = target.substr(0, target.find('?'));
  for (std::size_t at = path.find('%'); at != std::string_view::npos; at = path.find('%', at + 1)) {
    if (at + 2 >= path.size() || std::isxdigit(static_cast<unsigned char>(path[at + 1])) == 0 ||
        std::isxdigit(static_cast<unsigned char>(path[at + 2])) == 0 || path.substr(at + 1, 2) == "00")
      return false;
  }
  return true;
}

// The documented differences (docs/edge.md), where the proxy refuses what corset allows: several
// Access-Control-Request-Headers lines (HAProxy counts empty ones too), empty elements in one
// beyond a trailing one, and (HAProxy) an absolute-form target that names another host than Host.
std::string stricter_difference(proxy which, wire_request const& q, wire_response const& want, wire_response const& got) {
  if (which == proxy::haproxy && got.status == 400 && q.target.rfind("http://", 0) == 0)
    return "an absolute-form target whose authority is not Host (HAProxy answers 400 itself)";
  if (which == proxy::haproxy && got.status == 400 && got.cors.empty() &&
      std::any_of(q.target.begin(), q.target.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
    return "a target with raw bytes outside ASCII (HAProxy answers 400 itself)";
  if (which == proxy::nginx && got.status == 400 && got.cors.empty() && !decodable(q.target))
    return "a target nginx cannot decode (a broken escape, or %00): nginx answers 400 itself";
  if (want.status == 403 || got.status != 403 || q.method != "OPTIONS") return {};
  std::size_t lines = 0, empty_lines = 0;
  bool empties = false;
  for (auto const& [k, v] : q.fields) {
    if (lower(k) != "access-control-request-headers") continue;
    if (v.empty()) {
      ++empty_lines;
      continue;
    }
    ++lines;
    std::string squeezed;  // the list without its spaces: an empty element is a leading or doubled comma
    for (char c : v)
      if (c != ' ' && c != '\t') squeezed += c;
    empties = empties || squeezed.empty() || squeezed.front() == ',' || squeezed.find(",,") != std::string::npos;
  }
  if (lines > 1) return "several Access-Control-Request-Headers lines";
  if (which == proxy::haproxy && lines + empty_lines > 1) return "several Access-Control-Request-Headers lines, empty ones among them";
  if (empties) return "empty elements in Access-Control-Request-Headers";
  return {};
}

// The application behind the proxy: 200 to every request, with no CORS at all on /items/*, and
// wrong CORS (`*` with credentials) on /wrong/*. A few lines on a socket rather than an HTTP
// library: a library's own limits (cpp-httplib refuses field lines over 8 KiB) would answer
// requests that the rules must decide.
struct backend_server {
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  int port = 0;
  std::thread thread;

  backend_server() {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t n = sizeof a;
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(listener, 64) == 0);
    REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&a), &n) == 0);
    port = ntohs(a.sin_port);
    thread = std::thread{[this] { serve(); }};
  }
  backend_server(backend_server const&) = delete;
  backend_server& operator=(backend_server const&) = delete;
  ~backend_server() {
    ::shutdown(listener, SHUT_RDWR);  // accept() returns: the loop ends
    thread.join();
    ::close(listener);
  }

  void serve() const {
    for (int fd; (fd = ::accept(listener, nullptr, nullptr)) >= 0; ::close(fd)) {
      timeval const patience{5, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
      std::string head;
      char buffer[4096];
      for (ssize_t n; head.find("\r\n\r\n") == std::string::npos && (n = ::read(fd, buffer, sizeof buffer)) > 0;)
        head.append(buffer, static_cast<std::size_t>(n));
      bool const wrong = head.find(" /wrong/") < head.find("\r\n");
      std::string const reply = std::string{"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"} +
                                (wrong ? "Access-Control-Allow-Origin: *\r\nAccess-Control-Allow-Credentials: true\r\n"
                                         "Access-Control-Allow-Methods: GET, POST, PUT, DELETE, OPTIONS\r\n"
                                       : "") +
                                "Connection: close\r\n\r\n{}";
      if (::write(fd, reply.data(), reply.size()) < 0) continue;  // the proxy gave up: its answer is checked
    }
  }
};

// Processes the test starts and stops: the backend (in this process), nginx and HAProxy.
struct edge_fixture {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("corset-edge-" + std::to_string(::getpid()));
  backend_server backend;
  int backend_port = 0;
  pid_t nginx = -1;

  // A port for the next server, held (bound, not listening) until the proxy listens on it, so
  // that the kernel hands it to nobody else meanwhile: not to the next server of this fixture
  // (two servers on one port answer for each other's policy) nor to a test running beside this
  // one. SO_REUSEADDR lets the proxy bind it while held; nginx and HAProxy set it too. Closed on
  // exec: the proxy started next does not inherit the holds.
  int reserve_port() {
    int const fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    int const on = 1;
    REQUIRE(::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) == 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t n = sizeof a;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n) == 0);
    held_ports.push_back(fd);
    return ntohs(a.sin_port);
  }
  // Once the proxy listens on every port it was given.
  void release_ports() {
    for (int const fd : held_ports) ::close(fd);
    held_ports.clear();
  }
  std::vector<int> held_ports;

  edge_fixture() {
    std::filesystem::create_directories(dir / "logs");
    backend_port = backend.port;
    conf = "load_module /usr/lib/nginx/modules/ngx_http_js_module.so;\n"
           "daemon off;\nworker_processes 1;\npid " + (dir / "nginx.pid").string() +
           ";\nerror_log " + (dir / "logs/error.log").string() + " warn;\nevents { worker_connections 256; }\n"
           "http {\n  access_log off;\n  variables_hash_max_size 8192;\n  variables_hash_bucket_size 128;\n"
           "  large_client_header_buffers 4 16k;\n"  // the generator's longest header list is 8193 bytes
           "  client_body_temp_path " + (dir / "body").string() +
           ";\n  proxy_temp_path " + (dir / "proxy").string() + ";\n  fastcgi_temp_path " + (dir / "f").string() +
           ";\n  uwsgi_temp_path " + (dir / "u").string() + ";\n  scgi_temp_path " + (dir / "s").string() + ";\n";
  }

  // A server for a policy, on the next port (returned), with the files corset::edge::nginx writes.
  // (`more`: the run-time origin sets' map files, as corset::edge::nginx takes them.)
  template <class Policy, class... More>
  int add(Policy const& policy, std::string const& name, More const&... more) {
    corset::edge::nginx_files const f = corset::edge::nginx(policy, name, (dir / (name + ".js")).string(), more...);
    std::ofstream{dir / (name + ".http.conf")} << f.http;
    std::ofstream{dir / (name + ".location.conf")} << f.location;
    std::ofstream{dir / (name + ".js")} << f.script;
    int const port = last_port = reserve_port();
    conf += "  include " + (dir / (name + ".http.conf")).string() + ";\n";
    conf += "  server {\n    listen 127.0.0.1:" + std::to_string(port) + ";\n    location / {\n      include " +
            (dir / (name + ".location.conf")).string() + ";\n      proxy_pass http://127.0.0.1:" +
            std::to_string(backend_port) + ";\n    }\n  }\n";
    return port;
  }

  // Starts nginx (with a master process when the test reloads it) and waits until it listens.
  void start(bool master = false) {
    std::ofstream{dir / "nginx.conf"} << "master_process " << (master ? "on" : "off") << ";\n" << conf << "}\n";
    nginx = ::fork();
    if (nginx == 0) {
      std::string const prefix = dir.string() + "/", config = (dir / "nginx.conf").string();
      ::execl("/usr/sbin/nginx", "nginx", "-p", prefix.c_str(), "-c", config.c_str(), nullptr);
      std::_Exit(127);
    }
    if (listens(nginx)) {
      release_ports();
      return;
    }
    std::ifstream log{dir / "logs/error.log"};
    FAIL("nginx did not start: " << std::string{std::istreambuf_iterator<char>{log}, {}});
  }

  // nginx -s reload, as an operator would run it.
  void reload() const {
    std::string const command = "/usr/sbin/nginx -p '" + dir.string() + "/' -c '" + (dir / "nginx.conf").string() + "' -s reload";
    REQUIRE(std::system(command.c_str()) == 0);
  }

  std::string conf;
  int last_port = 0;  // of the last server added: the proxy is up when it listens there

  // Whether the proxy started as `process` listens on last_port within 5 s (false once it exited).
  [[nodiscard]] bool listens(pid_t process) const {
    for (int i = 0; i != 100; ++i) {
      int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in a{};
      a.sin_family = AF_INET;
      a.sin_port = htons(static_cast<std::uint16_t>(last_port));
      a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      bool const up = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
      ::close(fd);
      if (up) return true;
      if (::waitpid(process, nullptr, WNOHANG) == process) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  // A HAProxy frontend for a policy, on the next port (returned), in front of the same backend.
  template <class Policy, class... More>
  int add_haproxy(Policy const& policy, std::string const& name, More const&... more) {
    int const port = last_port = reserve_port();
    haproxy_conf += corset::edge::haproxy(policy, name, "127.0.0.1:" + std::to_string(port), "application", more...);
    return port;
  }
  // Starts HAProxy (in master-worker mode when the test reloads it) and waits until it listens.
  void start_haproxy(bool master = false) {
    std::ofstream{dir / "haproxy.cfg"} << "global\n    maxconn 256\ndefaults\n    mode http\n    timeout connect 5s\n"
                                          "    timeout client 30s\n    timeout server 30s\nbackend application\n"
                                          "    server application 127.0.0.1:" << backend_port << "\n" << haproxy_conf;
    haproxy = ::fork();
    if (haproxy == 0) {
      std::string const config = (dir / "haproxy.cfg").string(), log = (dir / "logs/haproxy.log").string();
      std::freopen(log.c_str(), "w", stderr);
      if (master) ::execl("/usr/sbin/haproxy", "haproxy", "-W", "-db", "-f", config.c_str(), nullptr);
      else ::execl("/usr/sbin/haproxy", "haproxy", "-db", "-f", config.c_str(), nullptr);
      std::_Exit(127);
    }
    if (listens(haproxy)) {
      release_ports();
      return;
    }
    std::ifstream log{dir / "logs/haproxy.log"};
    FAIL("haproxy did not start: " << std::string{std::istreambuf_iterator<char>{log}, {}});
  }
  // A reload as an operator would ask for one: SIGUSR2 to the master, which reads the
  // configuration and its files again and starts new workers.
  void reload_haproxy() const { REQUIRE(::kill(haproxy, SIGUSR2) == 0); }
  std::string haproxy_conf;
  pid_t haproxy = -1;

  ~edge_fixture() {
    release_ports();
    for (pid_t const proxy : {nginx, haproxy}) {
      if (proxy <= 0) continue;
      ::kill(proxy, SIGTERM);
      ::waitpid(proxy, nullptr, 0);
    }
    std::filesystem::remove_all(dir);
  }
};

// Runs every request through nginx and through policy.evaluate; returns the differences met.
// `outcomes`, if given, counts corset's decisions by kind and reason.
template <class Policy>
std::map<std::string, int> replay(proxy which, int port, Policy const& policy, std::vector<wire_request> const& requests,
                                  std::map<std::string, int>* outcomes = nullptr) {
  std::map<std::string, int> stricter;
  for (wire_request const& q : requests) {
    wire_response const got = send(port, q), want = expected(policy, q);
    if (outcomes != nullptr) ++(*outcomes)[want.outcome];
    if (got.status == want.status && got.cors == want.cors) continue;
    std::string const why = stricter_difference(which, q, want, got);
    INFO("request: " << describe(q));
    INFO("proxy: " << got.status << [&] {
      std::string s;
      for (auto const& [k, v] : got.cors) s.append(" | ").append(k).append(": ").append(v);
      return s;
    }());
    INFO("corset: " << want.status << [&] {
      std::string s;
      for (auto const& [k, v] : want.cors) s.append(" | ").append(k).append(": ").append(v);
      return s;
    }());
    CHECK_MESSAGE(!why.empty(), "the proxy and corset disagree, and docs/edge.md lists no such difference");
    if (!why.empty()) ++stricter[why];
  }
  return stricter;
}

// The conformance table: each rule's cases, hand-written.
std::vector<wire_request> table() {
  using f = std::vector<std::pair<std::string, std::string>>;
  std::vector<wire_request> out;
  std::vector<std::string> const origins = {
      "https://app.example.com", "http://localhost:8080", "https://a.example.org", "https://a.b.example.org",
      "https://example.org", "https://evil.com/.example.org", "https://.example.org", "https://A.example.org",
      "https://app.example.com.evil.com", "https://APP.EXAMPLE.COM", "http://localhost", "http://localhost:3000",
      "http://localhost:80", "http://localhost:03000", "http://localhost:65536", "https://localhost:3000",
      "null", "https://evil.example", "https://book.example.net", "https://" + std::string(250, 'a') + ".example.org",
      "https://" + std::string(64, 'a') + ".example.org",
      // longer than nginx's string keys: an expression, byte-exact and anchored
      "https://a-subdomain-longer-than-nginx-hashes.tenant.example.com",
      "https://A-subdomain-longer-than-nginx-hashes.tenant.example.com",
      "https://a-subdomain-longer-than-nginx-hashes.tenant.example.com.evil.com",
      "https://a-subdomain-longer-than-nginx-hashesXtenant.example.com"};
  for (std::string const& o : origins) {
    out.push_back({"GET", "/items/1", f{{"Origin", o}}});
    out.push_back({"GET", "/wrong/1", f{{"Origin", o}}});
    out.push_back({"OPTIONS", "/items/1", f{{"Origin", o}, {"Access-Control-Request-Method", "PUT"}}});
    out.push_back({"POST", "/items/1", f{{"Origin", o}, {"Sec-Fetch-Site", "cross-site"}}});
  }
  std::string const app = "https://app.example.com";
  for (char const* m : {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "patch", "put", "CONNECT", "TRACE", "FOO",
                               "BAD METHOD"})
    out.push_back({"OPTIONS", "/items/1", f{{"Origin", app}, {"Access-Control-Request-Method", m}}});
  for (char const* h : {"content-type", "Content-Type", "authorization,content-type", "content-type,authorization",
                               "authorization, content-type,x-csrf-token", "x-csrf-token,x-requested-with",
                               "content-type,content-type", "content-type,", "  content-type  ", "   content-type",
                               "content-type,,x-csrf-token", "", " ", "x-requested-with"})
    out.push_back({"OPTIONS", "/items/1",
                   f{{"Origin", app}, {"Access-Control-Request-Method", "PUT"}, {"Access-Control-Request-Headers", h}}});
  out.push_back({"OPTIONS", "/items/1",
                 f{{"Origin", app}, {"Access-Control-Request-Method", "PUT"}, {"Access-Control-Request-Headers", "authorization"},
                   {"Access-Control-Request-Headers", "content-type"}}});
  out.push_back({"OPTIONS", "/items/1", f{{"Origin", app}}});                                        // no ACRM: actual
  out.push_back({"OPTIONS", "/items/1", f{{"Origin", app}, {"Access-Control-Request-Method", ""}}});
  out.push_back({"GET", "/items/1", f{{"Origin", app}, {"Origin", "https://evil.example"}}});        // several Origin lines
  out.push_back({"GET", "/items/1", f{{"Origin", ""}}});
  out.push_back({"GET", "/items/1", f{}});
  // rules 8: writes.
  for (char const* m : {"POST", "PUT", "DELETE", "PATCH"})
    for (char const* site : {"", "cross-site", "same-site", "same-origin", "none", "bogus"})
      for (std::string const& o : {std::string{}, std::string{"https://evil.example"}, app, std::string{"https://api.example.com"},
                                   std::string{"http://api.example.com"}, std::string{"null"}}) {
        f fields;
        if (!o.empty()) fields.emplace_back("Origin", o);
        if (*site != 0) fields.emplace_back("Sec-Fetch-Site", site);
        out.push_back({m, "/items/1", fields});
      }
  out.push_back({"POST", "/items/1", f{{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "same-origin"}, {"Sec-Fetch-Site", "same-origin"}}});
  out.push_back({"POST", "/items/1", f{{"Origin", "https://api.example.com:8443"}, {"Host", "api.example.com:8443"}}});
  out.push_back({"POST", "http://api.example.com/items/1", f{{"Origin", "https://api.example.com"}, {"Host", "other.example"}}});
  for (char const* up : {"websocket", "WebSocket", "h2c, websocket/13", "h2c", "websocketx"})
    out.push_back({"GET", "/items/1", f{{"Origin", "https://evil.example"}, {"Upgrade", up}, {"Connection", "upgrade"},
                                        {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}, {"Sec-WebSocket-Version", "13"},
                                        {"Sec-Fetch-Site", "cross-site"}}});
  out.push_back({"GET", "/items/1", f{{"Origin", "https://evil.example"}, {"Upgrade", "h2c"}, {"Upgrade", "websocket"}}});
  return out;
}

// Near misses generated around the listed origins: each byte changed, dropped or doubled, case
// flipped, suffixes and prefixes added; as actual requests, preflights and writes.
std::vector<wire_request> near_misses() {
  std::vector<wire_request> out;
  std::mt19937 random{20261201};
  std::vector<std::string> const seeds = {"https://app.example.com", "http://localhost:8080", "https://x.example.org",
                                          "http://localhost:3000", "https://book.example.net",
                                          "https://a-subdomain-longer-than-nginx-hashes.tenant.example.com"};
  std::string const alphabet = "aZ09.-_:/@?#%*";
  for (int i = 0; i != 400; ++i) {
    std::string o = seeds[random() % seeds.size()];
    switch (random() % 5) {
      case 0: o[random() % o.size()] = alphabet[random() % alphabet.size()]; break;
      case 1: o.erase(random() % o.size(), 1); break;
      case 2: o.insert(random() % o.size(), 1, alphabet[random() % alphabet.size()]); break;
      case 3: o += std::array<char const*, 6>{".evil.com", ".com", ":80", ":443", "/", ":0"}[random() % 6]; break;
      default: break;
    }
    switch (random() % 3) {
      case 0: out.push_back({"GET", "/items/1", {{"Origin", o}}}); break;
      case 1: out.push_back({"OPTIONS", "/items/1", {{"Origin", o}, {"Access-Control-Request-Method", "DELETE"}, {"Access-Control-Request-Headers", "x-csrf-token"}}}); break;
      default: out.push_back({"PUT", "/items/1", {{"Origin", o}}}); break;
    }
  }
  return out;
}

// The table and the near misses through the servers of the three policies (api, open_api,
// reporting, in that order); what the test meets of the documented differences, for api.
std::map<std::string, int> replay_the_three(proxy which, std::array<int, 3> const& ports) {
  using differences = std::map<std::string, int>;
  std::vector<wire_request> requests = table();
  std::vector<wire_request> const more = near_misses();
  requests.insert(requests.end(), more.begin(), more.end());
  differences met_api = replay(which, ports[0], api, requests);  // returned: moved, not copied
  differences const met_open = replay(which, ports[1], open_api, requests);
  differences const met_reporting = replay(which, ports[2], reporting, requests);
  for (differences const* met : std::array<differences const*, 3>{&met_api, &met_open, &met_reporting})
    for (auto const& [why, count] : *met) MESSAGE("stricter at the edge, as documented: " << why << " (" << count << " requests)");
  MESSAGE(requests.size() << " requests replayed through each of 3 policies");
  return met_api;
}

}  // namespace

TEST_CASE("edge: nginx answers what policy.evaluate answers, byte for byte, or stricter where docs/edge.md says") {
  edge_fixture edge;
  std::array<int, 3> const ports{edge.add(api, "api"), edge.add(open_api, "open"), edge.add(reporting, "reporting")};
  edge.start();
  std::map<std::string, int> const met = replay_the_three(proxy::nginx, ports);
  // The table reaches each difference docs/edge.md lists: the test would notice if one vanished.
  CHECK(met.count("several Access-Control-Request-Headers lines") == 1);
  CHECK(met.count("empty elements in Access-Control-Request-Headers") == 1);
}

namespace {
// A credentialed API over a run-time origin set: at the edge, the set is a map file (nginx) or two
// pattern files (HAProxy) written by the edge_origins tool and read again by a reload.
corset::origin_set<corset::allow_credentials> books;
inline constexpr corset::policy<corset::allow_origins_from<books>, corset::allow_credentials> book_api{};

// edge_origins PROXY --credentials ORIGINS OUTPUT; its exit status.
int run_tool(char const* proxy, std::filesystem::path const& origins, std::filesystem::path const& output) {
  std::string const command = std::string{CORSET_EDGE_ORIGINS_TOOL} + " " + proxy + " --credentials '" + origins.string() +
                              "' '" + output.string() + "' >/dev/null 2>&1";
  int const status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<wire_request> book_requests() {
  std::vector<wire_request> out;
  for (char const* o : {"https://book.example.net", "https://press.example.net", "https://a.pages.example.org",
                        "https://evil.example"}) {
    out.push_back({"GET", "/items/1", {{"Origin", o}}});
    out.push_back({"OPTIONS", "/items/1", {{"Origin", o}, {"Access-Control-Request-Method", "GET"}}});
    out.push_back({"POST", "/items/1", {{"Origin", o}, {"Sec-Fetch-Site", "cross-site"}}});
  }
  return out;
}

// The proxy at `port` was started with the tool's files for `origins` (book.example.net and
// *.pages.example.org): it agrees with the set; a bad file is refused by the tool and a reload
// changes nothing; a good one, after a reload, changes the proxy's answers as it changes the set's.
template <class Reload>
void check_reloads(proxy which, int port, std::filesystem::path const& origins, std::filesystem::path const& output,
                   Reload&& reload) {
  char const* const tool_proxy = which == proxy::nginx ? "nginx" : "haproxy";
  REQUIRE(books.load(origins.string()));
  std::vector<wire_request> const requests = book_requests();
  CHECK(replay(which, port, book_api, requests).empty());
  CHECK(send(port, requests[0]).cors.count("access-control-allow-origin") == 1);

  // A bad file: the tool refuses it, the files stay, a reload keeps the origins in use.
  std::ofstream{origins, std::ios::trunc} << "https://press.example.net\nhttps://press.example.net/\n";
  CHECK(run_tool(tool_proxy, origins, output) == 1);
  CHECK(!books.load(origins.string()));
  reload();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(replay(which, port, book_api, requests).empty());

  // A good one: after the reload, the proxy answers as the set now does.
  std::ofstream{origins, std::ios::trunc} << "https://press.example.net\n";
  REQUIRE(run_tool(tool_proxy, origins, output) == 0);
  REQUIRE(books.load(origins.string()));
  reload();
  // The old worker stops accepting a little after the reload: wait until three requests in a row
  // meet the new one.
  wire_request const from_press{"GET", "/items/1", {{"Origin", "https://press.example.net"}}};
  for (int i = 0, in_a_row = 0; i != 100 && in_a_row != 3; ++i) {
    bool const fresh = send(port, from_press).cors.count("access-control-allow-origin") == 1 &&
                       send(port, requests[0]).cors.count("access-control-allow-origin") == 0;
    in_a_row = fresh ? in_a_row + 1 : 0;
    if (!fresh) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(replay(which, port, book_api, requests).empty());
  CHECK(send(port, requests[0]).cors.count("access-control-allow-origin") == 0);
}

void write_first_origins(std::filesystem::path const& origins) {
  std::ofstream{origins} << "# published books\nhttps://book.example.net\nhttps://*.pages.example.org\n";
}
}  // namespace

TEST_CASE("edge: a run-time origin set reloads through its map file (nginx), and a bad file changes nothing") {
  edge_fixture edge;
  std::filesystem::path const origins = edge.dir / "books.txt", map = edge.dir / "books.map";
  write_first_origins(origins);
  REQUIRE(run_tool("nginx", origins, map) == 0);
  int const port = edge.add(book_api, "books", map.string());
  edge.start(true);
  check_reloads(proxy::nginx, port, origins, map, [&] { edge.reload(); });
}

TEST_CASE("edge: a run-time origin set reloads through its pattern files (HAProxy), and a bad file changes nothing") {
  edge_fixture edge;
  std::filesystem::path const origins = edge.dir / "books.txt", prefix = edge.dir / "books";
  write_first_origins(origins);
  REQUIRE(run_tool("haproxy", origins, prefix) == 0);
  int const port = edge.add_haproxy(book_api, "books", prefix.string());
  edge.start_haproxy(true);
  check_reloads(proxy::haproxy, port, origins, prefix, [&] { edge.reload_haproxy(); });
}

namespace {
// The differential corpus: random policies (tests/model/generate_policies.py --edge) and, for each,
// the reference model's near-miss requests, as far as they can travel on the wire.
constexpr unsigned corpus_requests_per_policy = 400;

// A request of the model as bytes on the wire; nothing when no HTTP parser would pass it on to a
// proxy's rules: a CR, LF or NUL in a field, a method that is not an uppercase token (nginx answers
// 400 itself), a Host that is not a host and port (both proxies answer 400 themselves).
std::optional<wire_request> on_the_wire(model::request const& r, std::string target, std::map<std::string, int>& not_sent) {
  auto const clean = [](std::string_view v) { return v.find_first_of(std::string_view{"\r\n\0", 3}) == std::string_view::npos; };
  auto const host_like = [](std::string_view h) {
    return h.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_:[]") == std::string_view::npos &&
           h.find("..") == std::string_view::npos && h.front() != '.' && h.front() != ':';
  };
  auto const refused = [&not_sent](char const* why) {
    ++not_sent[why];
    return std::nullopt;
  };
  if (r.method.empty() || r.method.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos)
    return refused("a method that is not an uppercase token");
  if (!r.host.empty() && !host_like(r.host)) return refused("a Host that is not a host and port");
  wire_request q{r.method, std::move(target), {}};
  auto const field = [&q](std::string_view name, std::string const& value) { q.fields.emplace_back(name, value); };
  if (!r.origin.empty()) field("Origin", r.origin);
  if (!r.request_method.empty()) field("Access-Control-Request-Method", r.request_method);
  for (std::string const& line : r.request_headers) field("Access-Control-Request-Headers", line);
  if (!r.request_private_network.empty()) field("Access-Control-Request-Private-Network", r.request_private_network);
  if (!r.host.empty()) field("Host", r.host);
  if (!r.sec_fetch_site.empty()) field("Sec-Fetch-Site", r.sec_fetch_site);
  if (!r.upgrade.empty()) field("Upgrade", r.upgrade);
  for (auto const& [name, value] : q.fields)
    if (!clean(value)) return refused("a CR, LF or NUL in a field");
  return q;
}

struct corpus_totals {
  std::size_t policies = 0, sent = 0;
  std::map<std::string, int> not_sent, outcomes, stricter;
};

// Every generated policy behind `add` (which returns its port), then, once `start` has run, the
// model's requests for each through the proxy and through policy.evaluate.
template <class Add, class Start>
corpus_totals replay_corpus(proxy which, Add&& add, Start&& start) {
  std::vector<std::function<void(corpus_totals&)>> replays;
  generated_edge::for_each_policy([&](auto const& policy, model::policy const& m, char const* name) {
    int const port = add(policy, name);
    replays.emplace_back([which, port, &policy, origins = m.origins, seed = static_cast<unsigned>(replays.size())](corpus_totals& t) {
      generated::generator g{20261201 + seed};
      std::vector<wire_request> requests;
      for (unsigned i = 0; i != corpus_requests_per_policy; ++i) {
        std::optional<wire_request> q =
            on_the_wire(g.next(origins.empty() ? std::vector<std::string>{"https://app.example.com"} : origins),
                        i % 4 == 3 ? "/wrong/1" : "/items/1", t.not_sent);
        if (q) requests.push_back(std::move(*q));
      }
      t.sent += requests.size();
      ++t.policies;
      for (auto const& [why, count] : replay(which, port, policy, requests, &t.outcomes)) t.stricter[why] += count;
    });
  });
  start();
  corpus_totals totals;
  for (auto const& run : replays) run(totals);
  std::string mix, not_sent;
  for (auto const& [outcome, count] : totals.outcomes) mix.append(" ").append(outcome).append("=").append(std::to_string(count));
  for (auto const& [why, count] : totals.not_sent) not_sent.append("; ").append(why).append(": ").append(std::to_string(count));
  MESSAGE(totals.policies << " generated policies, " << totals.sent << " requests through the proxy; corset's decisions:" << mix);
  MESSAGE("not sent (no HTTP parser passes them on to a proxy's rules)" << not_sent);
  // The corpus reaches both sides of every rule a proxy is given, or agreeing proves little.
  for (char const* outcome : {"preflight/none", "preflight/origin_not_allowed", "preflight/method_not_allowed",
                              "preflight/header_not_allowed", "preflight/malformed_request_headers", "actual/none",
                              "actual/origin_not_allowed", "actual/cross_origin_write", "not_cors/cross_origin_write",
                              "not_cors/not_cors"})
    CHECK_MESSAGE(totals.outcomes[outcome] > 0, std::string{outcome});
  for (auto const& [why, count] : totals.stricter)
    MESSAGE("stricter at the edge, as documented: " << why << " (" << count << " requests)");
  return totals;
}
}  // namespace

namespace {
// Targets around the table's routes: own paths, mirrors, paths below, each unsafe form of rules 7.
std::vector<std::string> route_targets() {
  return {"/items/1", "/items/", "/items", "/items/archive/3", "/items/archive", "/items/archive/", "/public/x", "/public",
          "/public/", "/account/delete", "/account/delete/", "/account/delete?x=1", "/account/deletex", "/legacy;v=1/x",
          "/legacy;v=1/x;y", "/legacy;v=1/", "/legacy;v=1", "/items;x/1", "/items/1;x", "/public/..%2Fitems/1",
          "/public/%2e%2e/items/1", "/public/%2E%2E/items/1", "/public/../items/1", "/public/./x", "/public/.", "/public/..",
          "//items/1", "/public//x", "/public/%69tems", "/public/%7E", "/public/%7e", "/public/%20x", "/public/%e2%82%ac",
          "/public/%zz", "/public/%4", "/public/%", "/public/%3b", "/public/%3F", "/public/%00", "/public/%1f", "/public/%7F",
          "/public/%5c", "/public/%25", "/public/%2B", "/public/%2b", "/x", "/", "/items/1?q=/../..", "/items/1?;x",
          "/items/1?%2e", "/public/a{b", "/public/a|b", "/public/a`b", "/public/\xc3\xa9", "/public/a\\b", "/public/a\"b",
          "/public/a'b", "/public/(a)*+,=:@!$&", "/items/1?", "/wrong/1", "/wrong", "http://api.example.com/items/1",
          "http://api.example.com/public/x"};
}

// Random targets made of the table's paths and the bytes rules 7 is about.
std::vector<std::string> random_route_targets(std::size_t count) {
  std::mt19937 random{20261202};
  std::vector<std::string> const pieces = {"/items/", "/public/", "/account/delete", "/legacy;v=1/", "/items/archive/",
                                           "/", ".", "..", "%2e", "%2F", "%2f", "%69", "%41", "%3b", "%7e", "%20", ";",
                                           "?", "a", "x", "1", "~", "-", "_", "$", "//", "%25", "%5C", "items", "public"};
  std::vector<std::string> out;
  for (std::size_t i = 0; i != count; ++i) {
    std::string target = pieces[random() % 5];
    for (std::size_t n = random() % 5; n != 0; --n) target += pieces[random() % pieces.size()];
    out.push_back(target);
  }
  return out;
}

std::vector<wire_request> route_requests() {
  using f = std::vector<std::pair<std::string, std::string>>;
  std::vector<wire_request> out;
  std::vector<std::string> targets = route_targets();
  std::vector<std::string> const more = random_route_targets(300);
  targets.insert(targets.end(), more.begin(), more.end());
  for (std::string const& target : targets) {
    out.push_back({"GET", target, f{{"Origin", "https://app.example.com"}}});
    out.push_back({"GET", target, f{{"Origin", "https://evil.example"}}});
    out.push_back({"GET", target, f{}});
    out.push_back({"OPTIONS", target, f{{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "PUT"},
                                        {"Access-Control-Request-Headers", "content-type"}}});
    out.push_back({"POST", target, f{{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"}}});
    out.push_back({"POST", target, f{{"Origin", "https://book.example.net"}, {"Sec-Fetch-Site", "cross-site"}}});
    out.push_back({"PUT", target, f{{"Origin", "https://api.example.com"}}});
    out.push_back({"DELETE", target, f{{"Sec-Fetch-Site", "same-site"}}});
    out.push_back({"GET", target, f{{"Origin", "https://evil.example"}, {"Upgrade", "websocket"}, {"Connection", "upgrade"},
                                    {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}, {"Sec-WebSocket-Version", "13"}}});
  }
  return out;
}
}  // namespace

namespace {
// The route requests through the proxy at `port`: what the test meets of the documented differences.
std::map<std::string, int> replay_routes(proxy which, int port) {
  std::vector<wire_request> const requests = route_requests();
  std::map<std::string, int> outcomes;
  std::map<std::string, int> met = replay(which, port, site, requests, &outcomes);
  std::string mix;
  for (auto const& [outcome, count] : outcomes) mix.append(" ").append(outcome).append("=").append(std::to_string(count));
  MESSAGE(requests.size() << " requests over " << route_targets().size() << " listed and 300 random targets; corset's decisions:"
                          << mix);
  for (auto const& [why, count] : met) MESSAGE("stricter at the edge, as documented: " << why << " (" << count << " requests)");
  for (char const* outcome : {"actual/unsafe_path", "preflight/unsafe_path", "actual/no_route", "actual/cross_origin_write",
                              "not_cors/cross_origin_write", "actual/none", "preflight/none"})
    CHECK_MESSAGE(outcomes[outcome] > 0, std::string{outcome});
  return met;
}
}  // namespace

TEST_CASE("edge: a route table in nginx routes by the raw target as the table does, with rules 7's refusals") {
  edge_fixture edge;
  int const port = edge.add(site, "routes");
  edge.start();
  std::map<std::string, int> const met = replay_routes(proxy::nginx, port);
  CHECK(met.size() == 1);  // nginx's own 400, and nothing else
  CHECK(met.count("a target nginx cannot decode (a broken escape, or %00): nginx answers 400 itself") == 1);
}

TEST_CASE("edge: a route table in HAProxy routes by the raw target as the table does, with rules 7's refusals") {
  edge_fixture edge;
  int const port = edge.add_haproxy(site, "routes");
  edge.start_haproxy();
  std::map<std::string, int> const met = replay_routes(proxy::haproxy, port);
  // HAProxy's own 400 to absolute-form targets and to raw bytes outside ASCII, and nothing else.
  CHECK(met.count("a target with raw bytes outside ASCII (HAProxy answers 400 itself)") == 1);
  CHECK(met.size() == 1 + met.count("an absolute-form target whose authority is not Host (HAProxy answers 400 itself)"));
}

TEST_CASE("edge: nginx agrees with policy.evaluate on random policies and the model's near-miss requests") {
  edge_fixture edge;
  corpus_totals const t = replay_corpus(proxy::nginx, [&](auto const& p, char const* name) { return edge.add(p, name); }, [&] { edge.start(); });
  CHECK(t.sent > corpus_requests_per_policy * t.policies / 2);
}

TEST_CASE("edge: HAProxy agrees with policy.evaluate on random policies and the model's near-miss requests") {
  edge_fixture edge;
  corpus_totals const t =
      replay_corpus(proxy::haproxy, [&](auto const& p, char const* name) { return edge.add_haproxy(p, name); }, [&] { edge.start_haproxy(); });
  CHECK(t.sent > corpus_requests_per_policy * t.policies / 2);
}

namespace {
// Lists longer than a proxy's configuration lines: 70 exact origins and 70 methods (HAProxy reads
// at most 64 words a line), 100 request headers (nginx reads no parameter over 4 KiB).
inline constexpr corset::policy<
    corset::allow_origins<
        "https://t0.example.com", "https://t1.example.com", "https://t2.example.com", "https://t3.example.com", "https://t4.example.com", "https://t5.example.com", "https://t6.example.com",
        "https://t7.example.com", "https://t8.example.com", "https://t9.example.com", "https://t10.example.com", "https://t11.example.com", "https://t12.example.com", "https://t13.example.com",
        "https://t14.example.com", "https://t15.example.com", "https://t16.example.com", "https://t17.example.com", "https://t18.example.com", "https://t19.example.com", "https://t20.example.com",
        "https://t21.example.com", "https://t22.example.com", "https://t23.example.com", "https://t24.example.com", "https://t25.example.com", "https://t26.example.com", "https://t27.example.com",
        "https://t28.example.com", "https://t29.example.com", "https://t30.example.com", "https://t31.example.com", "https://t32.example.com", "https://t33.example.com", "https://t34.example.com",
        "https://t35.example.com", "https://t36.example.com", "https://t37.example.com", "https://t38.example.com", "https://t39.example.com", "https://t40.example.com", "https://t41.example.com",
        "https://t42.example.com", "https://t43.example.com", "https://t44.example.com", "https://t45.example.com", "https://t46.example.com", "https://t47.example.com", "https://t48.example.com",
        "https://t49.example.com", "https://t50.example.com", "https://t51.example.com", "https://t52.example.com", "https://t53.example.com", "https://t54.example.com", "https://t55.example.com",
        "https://t56.example.com", "https://t57.example.com", "https://t58.example.com", "https://t59.example.com", "https://t60.example.com", "https://t61.example.com", "https://t62.example.com",
        "https://t63.example.com", "https://t64.example.com", "https://t65.example.com", "https://t66.example.com", "https://t67.example.com", "https://t68.example.com", "https://t69.example.com">,
    corset::allow_methods<
        corset::method<"M0">, corset::method<"M1">, corset::method<"M2">, corset::method<"M3">, corset::method<"M4">,
        corset::method<"M5">, corset::method<"M6">, corset::method<"M7">, corset::method<"M8">, corset::method<"M9">,
        corset::method<"M10">, corset::method<"M11">, corset::method<"M12">, corset::method<"M13">, corset::method<"M14">,
        corset::method<"M15">, corset::method<"M16">, corset::method<"M17">, corset::method<"M18">, corset::method<"M19">,
        corset::method<"M20">, corset::method<"M21">, corset::method<"M22">, corset::method<"M23">, corset::method<"M24">,
        corset::method<"M25">, corset::method<"M26">, corset::method<"M27">, corset::method<"M28">, corset::method<"M29">,
        corset::method<"M30">, corset::method<"M31">, corset::method<"M32">, corset::method<"M33">, corset::method<"M34">,
        corset::method<"M35">, corset::method<"M36">, corset::method<"M37">, corset::method<"M38">, corset::method<"M39">,
        corset::method<"M40">, corset::method<"M41">, corset::method<"M42">, corset::method<"M43">, corset::method<"M44">,
        corset::method<"M45">, corset::method<"M46">, corset::method<"M47">, corset::method<"M48">, corset::method<"M49">,
        corset::method<"M50">, corset::method<"M51">, corset::method<"M52">, corset::method<"M53">, corset::method<"M54">,
        corset::method<"M55">, corset::method<"M56">, corset::method<"M57">, corset::method<"M58">, corset::method<"M59">,
        corset::method<"M60">, corset::method<"M61">, corset::method<"M62">, corset::method<"M63">, corset::method<"M64">,
        corset::method<"M65">, corset::method<"M66">, corset::method<"M67">, corset::method<"M68">, corset::method<"M69">>,
    corset::allow_headers<
        "x-header-name-0", "x-header-name-1", "x-header-name-2", "x-header-name-3", "x-header-name-4", "x-header-name-5",
        "x-header-name-6", "x-header-name-7", "x-header-name-8", "x-header-name-9", "x-header-name-10", "x-header-name-11",
        "x-header-name-12", "x-header-name-13", "x-header-name-14", "x-header-name-15", "x-header-name-16", "x-header-name-17",
        "x-header-name-18", "x-header-name-19", "x-header-name-20", "x-header-name-21", "x-header-name-22", "x-header-name-23",
        "x-header-name-24", "x-header-name-25", "x-header-name-26", "x-header-name-27", "x-header-name-28", "x-header-name-29",
        "x-header-name-30", "x-header-name-31", "x-header-name-32", "x-header-name-33", "x-header-name-34", "x-header-name-35",
        "x-header-name-36", "x-header-name-37", "x-header-name-38", "x-header-name-39", "x-header-name-40", "x-header-name-41",
        "x-header-name-42", "x-header-name-43", "x-header-name-44", "x-header-name-45", "x-header-name-46", "x-header-name-47",
        "x-header-name-48", "x-header-name-49", "x-header-name-50", "x-header-name-51", "x-header-name-52", "x-header-name-53",
        "x-header-name-54", "x-header-name-55", "x-header-name-56", "x-header-name-57", "x-header-name-58", "x-header-name-59",
        "x-header-name-60", "x-header-name-61", "x-header-name-62", "x-header-name-63", "x-header-name-64", "x-header-name-65",
        "x-header-name-66", "x-header-name-67", "x-header-name-68", "x-header-name-69", "x-header-name-70", "x-header-name-71",
        "x-header-name-72", "x-header-name-73", "x-header-name-74", "x-header-name-75", "x-header-name-76", "x-header-name-77",
        "x-header-name-78", "x-header-name-79", "x-header-name-80", "x-header-name-81", "x-header-name-82", "x-header-name-83",
        "x-header-name-84", "x-header-name-85", "x-header-name-86", "x-header-name-87", "x-header-name-88", "x-header-name-89",
        "x-header-name-90", "x-header-name-91", "x-header-name-92", "x-header-name-93", "x-header-name-94", "x-header-name-95",
        "x-header-name-96", "x-header-name-97", "x-header-name-98", "x-header-name-99">,
    corset::allow_credentials>
    long_lists{};
}  // namespace

TEST_CASE("edge: long lists: HAProxy takes them a few words a line, nginx refuses a header list over its 4 KiB parameters and a name it cannot use") {
  CHECK_THROWS_WITH_AS(corset::edge::nginx(api, "my-api", "/tmp/api.js"), doctest::Contains("letters, digits and _ only"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(corset::edge::nginx(long_lists, "long", "/tmp/long.js"),
                       doctest::Contains("over nginx's limit of 4000; answer such preflights in the application"),
                       std::invalid_argument);
  edge_fixture edge;
  int const port = edge.add_haproxy(long_lists, "long");
  edge.start_haproxy();
  using f = std::vector<std::pair<std::string, std::string>>;
  std::vector<wire_request> requests;
  for (char const* origin : {"https://t0.example.com", "https://t69.example.com", "https://t70.example.com"}) {
    requests.push_back({"GET", "/items/1", f{{"Origin", origin}}});
    for (char const* method : {"M0", "M69", "M70"})
      requests.push_back({"OPTIONS", "/items/1", f{{"Origin", origin}, {"Access-Control-Request-Method", method},
                                                {"Access-Control-Request-Headers", "x-header-name-0,x-header-name-99"}}});
  }
  std::map<std::string, int> outcomes;
  CHECK(replay(proxy::haproxy, port, long_lists, requests, &outcomes).empty());
  CHECK(outcomes["preflight/none"] == 4);  // the first and the last origin, with the first and the last method
  CHECK(outcomes["actual/none"] == 2);
}

TEST_CASE("edge: HAProxy answers what policy.evaluate answers, byte for byte, or stricter where docs/edge.md says") {
  edge_fixture edge;
  std::array<int, 3> const ports{edge.add_haproxy(api, "api"), edge.add_haproxy(open_api, "open"),
                                 edge.add_haproxy(reporting, "reporting")};
  edge.start_haproxy();
  std::map<std::string, int> const met = replay_the_three(proxy::haproxy, ports);
  CHECK(met.count("several Access-Control-Request-Headers lines") == 1);
  CHECK(met.count("empty elements in Access-Control-Request-Headers") == 1);
}
