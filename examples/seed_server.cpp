// The seed scenario as a running server, on loopback only:
//   http://localhost:8001  a page with buttons that call the API (its scripts: page.html)
//   http://localhost:8002  the API: POST /login sets a session cookie; GET /ajax/page needs it
//                          and answers {"foo":"bar"}; PUT /answers/{id} needs a preflight
//                          (JSON body, X-CSRF-Token); GET /public/books is open to everyone
//   http://localhost:8003  the same page, from an origin the API does not trust (same site: the
//                          session cookie, SameSite=Lax, rides along to the API)
//   http://127.0.0.1:8003  the same page again, a cross-site origin
//
// The API is credentialed, so it refuses cross-origin writes (rules 8): a form POST, a no-cors
// POST or a WebSocket handshake to it from a page it does not list is answered 403 before any
// handler runs. POST /answers/{id} takes a form or JSON answer; GET /ws is a WebSocket that
// greets a logged-in user. Every refusal is logged with its explanation.
// The ports are CMake cache variables (CORSET_SEED_PAGE_PORT, _API_PORT, _OTHER_PORT): the API's
// policy names the page's origin, and a policy is a compile-time value.
//
// GET /books/{id}/progress is served to the origins listed in a file (one a line, # comments),
// the Runestone case: books are hosted anywhere and published while the server runs. The file
// is read at start-up and again on SIGHUP or on POST /admin/reload-origins (loopback only, and
// refused to any request with an Origin, so no web page can trigger it); a bad file is refused
// whole, with its line number, and the origins in use stay as they were.
//
//   seed_server [--book-hosts FILE]     (default: book-hosts.txt)
//
// The same scenario with the CORS done at the edge (docs/edge.md): the server writes nginx's (or
// HAProxy's) configuration for its own route table, then runs as a backend with no CORS code at
// all, on another port, behind the proxy listening on the API's:
//
//   seed_server --nginx-files DIR BOOKS_MAP   writes DIR/seed.http.conf, seed.location.conf,
//                                             seed.js (the books' route reads BOOKS_MAP)
//   seed_server --haproxy-file FILE PREFIX    writes HAProxy's frontend instead (the books' route
//                                             reads PREFIX.exact and PREFIX.patterns)
//   seed_server --no-cors --api-port PORT     the backend: no CORS decisions, no refusals
//
// Every response is logged on stdout, one line each (with handler=yes when the application's code
// ran), and every refusal with its explain() line, for the browser tests to read.
#include <utility>  // before Asio: Boost 1.74's Asio uses std::exchange without including it

#include <csignal>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iterator>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket.hpp>

#include <pthread.h>

#include <corset/beast.hpp>
#include <corset/edge.hpp>
#include <corset/origin_set.hpp>

#include "seed_config.hpp"  // generated: ports and the page origin

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using request = http::request<http::string_body>;
using response = http::response<http::string_body>;

// The flask-cors blog's `@cross_origin(supports_credentials=True)`, for the page's origin only.
// With credentials, cross-origin writes from any other page are refused (rules 8).
inline constexpr corset::policy<corset::allow_origins<seed::page_origin>,
                                corset::allow_methods<corset::methods::put>,
                                corset::allow_headers<"content-type", "x-csrf-token">,
                                corset::allow_credentials, corset::max_age<600>>
    api_policy{};

// The public, read-only part: any page may read it, without cookies.
inline constexpr corset::policy<corset::allow_any_origin, corset::max_age<600>> public_policy{};

// The books' hosts: data, loaded from a file, checked by the rules of a credentialed policy.
inline corset::origin_set<corset::allow_credentials> book_hosts;
inline constexpr corset::policy<corset::allow_origins_from<book_hosts>, corset::allow_credentials,
                                corset::max_age<600>>
    books_policy{};

// Which policy answers which path: the longest route wins, "/" is the default.
inline constexpr corset::routes<corset::route<"/public/", public_policy>, corset::route<"/books/", books_policy>,
                                corset::route<"/", api_policy>>
    site{};

namespace {

std::mutex log_mutex;

void log_line(std::string const& line) {
  std::lock_guard<std::mutex> lock{log_mutex};
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

// Every refusal, with why (corset's adapters call this for each one).
auto const log_refusal = [](corset::refusal const& r, auto&) { log_line("refusal " + std::string{r.why.view()}); };


response json(request const& req, http::status status, std::string body) {
  response res{status, req.version()};
  res.set(http::field::content_type, "application/json");
  res.body() = std::move(body);
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  return res;
}

template <class Each>
void for_each_cookie(request const& req, Each&& each) {
  std::string_view cookies = corset::beast::detail::to_std(req[http::field::cookie]);
  while (!cookies.empty()) {
    std::size_t const end = cookies.find(';');
    std::string_view pair = cookies.substr(0, end);
    while (pair.starts_with(' ')) pair.remove_prefix(1);
    std::size_t const equals = pair.find('=');
    if (equals != std::string_view::npos) each(pair.substr(0, equals), pair.substr(equals + 1));
    cookies = end == std::string_view::npos ? std::string_view{} : cookies.substr(end + 1);
  }
}

class sessions {
 public:
  std::string open() {
    std::lock_guard<std::mutex> lock{mutex_};
    std::string token = std::to_string(random_());
    tokens_.insert(token);
    return token;
  }
  // The session, from the SameSite=Lax cookie or the SameSite=None one.
  bool valid(request const& req) {
    std::lock_guard<std::mutex> lock{mutex_};
    bool found = false;
    for_each_cookie(req, [&](std::string_view name, std::string_view value) {
      found = found || ((name == "session" || name == "session_none") && tokens_.count(std::string{value}) != 0);
    });
    return found;
  }

  // The names of the cookies a request carries, for the log.
  static std::string names(request const& req) {
    std::string out;
    for_each_cookie(req, [&](std::string_view name, std::string_view) { (out.empty() ? out : out += ",") += name; });
    return out.empty() ? "-" : out;
  }

 private:
  std::mutex mutex_;
  std::mt19937_64 random_{std::random_device{}()};
  std::set<std::string> tokens_;
};

sessions the_sessions;

void log(std::string_view site, request const& req, response const& res, bool handled) {
  std::ostringstream line;
  line << site << ' ' << req.method_string() << ' ' << req.target()
       << " origin=" << (req.count(http::field::origin) ? req[http::field::origin] : "-")
       << " cookie=" << (req.count(http::field::cookie) ? "yes" : "no") << " status=" << res.result_int()
       << " handler=" << (handled ? "yes" : "no") << " cookies=" << sessions::names(req);
  for (auto const& field : res) {
    std::string_view const name = corset::beast::detail::to_std(field.name_string());
    if (name.starts_with("Access-Control-") || name == "Vary") line << " [" << name << ": " << field.value() << ']';
  }
  log_line(line.str());
}

std::string book_hosts_file = "book-hosts.txt";

// Reads the file again; on any mistake the origins in use stay as they were.
corset::origin_set_result reload_book_hosts() {
  corset::origin_set_result r = book_hosts.load(book_hosts_file);
  std::lock_guard<std::mutex> lock{log_mutex};
  std::printf("reload %s\n", r.describe().c_str());
  std::fflush(stdout);
  return r;
}

// What the application's code did with a request, for the log: whether it ran at all.
thread_local bool handled = false;

// --no-cors: a backend behind a proxy that does the CORS; nothing of corset runs.
bool with_cors = true;

response api(request const& req) {
  std::string_view const target = corset::beast::detail::to_std(req.target());
  std::string_view const path = target.substr(0, target.find('?'));
  if (path == "/admin/reload-origins" && req.method() == http::verb::post) {
    handled = true;
    if (req.count(http::field::origin) != 0) return json(req, http::status::forbidden, R"({"error":"not from a page"})");
    corset::origin_set_result const r = reload_book_hosts();
    return json(req, r ? http::status::ok : http::status::unprocessable_entity,
                R"({"origins":)" + std::to_string(r.size()) + "}");
  }
  auto const handler = [path](request const& r) {
    handled = true;
    if (path == "/public/books" && r.method() == http::verb::get)
      return json(r, http::status::ok, R"([{"title":"How to Think Like a Computer Scientist"}])");
    if (path.starts_with("/books/") && path.ends_with("/progress") && r.method() == http::verb::get)
      return json(r, http::status::ok, R"({"chapter":3})");
    if (path == "/login" && r.method() == http::verb::post) {
      response res = json(r, http::status::ok, R"({"ok":true})");
      // Lax: sent from pages of the same site (other ports of localhost). None (and Secure, which
      // Chromium accepts over http://localhost): sent cross-site too, if the browser lets it.
      std::string const token = the_sessions.open();
      res.insert(http::field::set_cookie, "session=" + token + "; Path=/; HttpOnly; SameSite=Lax");
      res.insert(http::field::set_cookie, "session_none=" + token + "; Path=/; HttpOnly; SameSite=None; Secure");
      return res;
    }
    if (path == "/ajax/page" && r.method() == http::verb::get) {
      if (!the_sessions.valid(r)) return json(r, http::status::unauthorized, R"({"error":"login required"})");
      return json(r, http::status::ok, R"({"foo":"bar"})");
    }
    if (path.starts_with("/answers/") && r.method() == http::verb::post) {  // a form, or a simple fetch
      if (!the_sessions.valid(r)) return json(r, http::status::unauthorized, R"({"error":"login required"})");
      return json(r, http::status::ok, R"({"saved":")" + std::string{path.substr(9)} + R"(","by":"post"})");
    }
    if (path.starts_with("/answers/") && r.method() == http::verb::put) {
      if (!the_sessions.valid(r)) return json(r, http::status::unauthorized, R"({"error":"login required"})");
      if (r[http::field::content_type] != "application/json" || r["X-CSRF-Token"].empty())
        return json(r, http::status::bad_request, R"({"error":"JSON and X-CSRF-Token expected"})");
      return json(r, http::status::ok, R"({"saved":")" + std::string{path.substr(9)} + R"("})");
    }
    return json(r, http::status::not_found, R"({"error":"not found"})");
  };
  return with_cors ? corset::beast::serve(site, req, handler, log_refusal) : handler(req);
}

// GET /ws: decided before the upgrade (a handshake carries the user's cookies, rules 8.2), then
// a greeting for a logged-in user.
void websocket(tcp::socket& socket, request const& req) {
  if (auto refused = with_cors ? corset::beast::check_websocket_handshake(site, req, log_refusal) : std::nullopt) {
    refused->keep_alive(false);
    log_line("api GET /ws websocket origin=" + std::string{req[http::field::origin]} + " cookie=" +
             (req.count(http::field::cookie) ? "yes" : "no") + " status=403 handler=no cookies=" + sessions::names(req));
    boost::system::error_code ec;
    http::write(socket, *refused, ec);
    return;
  }
  bool const logged_in = the_sessions.valid(req);
  log_line(std::string{with_cors ? "api" : "backend"} + " GET /ws websocket origin=" + std::string{req[http::field::origin]} +
           " cookie=" + (req.count(http::field::cookie) ? "yes" : "no") + " status=101 handler=yes cookies=" + sessions::names(req));
  boost::beast::websocket::stream<tcp::socket> ws{std::move(socket)};
  boost::system::error_code ec;
  ws.accept(req, ec);
  if (ec) return;
  ws.write(asio::buffer(std::string{logged_in ? "hello, logged in" : "hello, stranger"}), ec);
  ws.close(boost::beast::websocket::close_code::normal, ec);
}

response page(request const& req, std::string const& html) {
  response res{http::status::ok, req.version()};
  res.set(http::field::content_type, "text/html; charset=utf-8");
  res.body() = html;
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  return res;
}

void session(tcp::socket socket, std::string_view site, std::string const& html) {
  boost::beast::flat_buffer buffer;
  boost::system::error_code ec;
  while (true) {
    request req;
    http::read(socket, buffer, req, ec);
    if (ec) return;
    if (site == "api" && boost::beast::websocket::is_upgrade(req)) return websocket(socket, req);
    handled = site != "api";
    response res = site == "api" ? api(req) : page(req, html);
    log(site == "api" && !with_cors ? "backend" : site, req, res, handled);
    http::write(socket, res, ec);
    if (ec || !res.keep_alive()) return;
  }
}

[[noreturn]] void serve_forever(tcp::acceptor& acceptor, std::string_view site, std::string const& html) {
  while (true) {
    tcp::socket socket = acceptor.accept();
    std::thread{[s = std::move(socket), site, &html]() mutable { session(std::move(s), site, html); }}.detach();
  }
}

std::string read_page() {
  std::ifstream in{std::string{seed::page_file}};
  std::string html{std::istreambuf_iterator<char>{in}, {}};
  std::string const marker = "__API__", api = "http://localhost:" + std::to_string(seed::api_port);
  for (std::size_t at = html.find(marker); at != std::string::npos; at = html.find(marker, at + api.size()))
    html.replace(at, marker.size(), api);
  return html;
}

// The nginx configuration of the route table above, for the edge run of the scenario.
int write_nginx_files(std::string const& dir, std::string const& books_map) {
  corset::edge::nginx_files const f = corset::edge::nginx(site, "seed", dir + "/seed.js", {{"/books/", books_map}});
  std::ofstream http{dir + "/seed.http.conf"}, location{dir + "/seed.location.conf"}, script{dir + "/seed.js"};
  http << f.http;
  location << f.location;
  script << f.script;
  return http && location && script ? 0 : 1;
}

// The HAProxy frontend of the same table, on the API's port, in front of the backend section
// `seed_backend`.
int write_haproxy_file(std::string const& path, std::string const& books_lists) {
  std::ofstream out{path};
  out << corset::edge::haproxy(site, "seed", "127.0.0.1:" + std::to_string(seed::api_port), "seed_backend",
                               {{"/books/", books_lists}});
  return out ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) try {
  unsigned short api_port = seed::api_port;
  for (int i = 1; i < argc; ++i) {
    std::string_view const option = argv[i];
    if (option == "--nginx-files" && i + 2 < argc) return write_nginx_files(argv[i + 1], argv[i + 2]);
    if (option == "--haproxy-file" && i + 2 < argc) return write_haproxy_file(argv[i + 1], argv[i + 2]);
    if (option == "--no-cors") with_cors = false;
    if (option == "--book-hosts" && i + 1 < argc) book_hosts_file = argv[++i];
    if (option == "--api-port" && i + 1 < argc) api_port = static_cast<unsigned short>(std::stoul(argv[++i]));
  }
  // SIGHUP reloads the book hosts: blocked in every thread, taken by one that waits for it.
  sigset_t hangup;
  sigemptyset(&hangup);
  sigaddset(&hangup, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &hangup, nullptr);
  (void)reload_book_hosts();
  std::thread{[hangup] {
    for (int signal = 0; sigwait(&hangup, &signal) == 0;) (void)reload_book_hosts();
  }}.detach();

  std::string const html = read_page();
  asio::io_context io;
  auto const loopback = asio::ip::make_address("127.0.0.1");
  tcp::acceptor page_acceptor{io, {loopback, seed::page_port}};
  tcp::acceptor other_acceptor{io, {loopback, seed::other_port}};
  tcp::acceptor api_acceptor{io, {loopback, api_port}};
  std::thread{[&] { serve_forever(page_acceptor, "page", html); }}.detach();
  std::thread{[&] { serve_forever(other_acceptor, "other", html); }}.detach();
  std::thread api_thread{[&] { serve_forever(api_acceptor, "api", html); }};
  std::printf("listening: page http://localhost:%u, api http://localhost:%u%s, other http://localhost:%u\n",
              seed::page_port, api_port, with_cors ? "" : " (no CORS: behind a proxy)", seed::other_port);
  std::fflush(stdout);
  api_thread.join();
} catch (std::exception const& e) {
  std::fprintf(stderr, "seed_server: %s\n", e.what());
  return 1;
}
