// What the public types are.
#include <concepts>
#include <ranges>
#include <span>
#include <type_traits>

#include <corset/corset.hpp>

namespace {

using api = corset::policy<corset::allow_origins<"https://app.example.com">, corset::allow_credentials>;
static_assert(std::is_empty_v<api>);
static_assert(std::is_trivially_copyable_v<api>);
static_assert(std::is_nothrow_default_constructible_v<api>);

static_assert(std::is_aggregate_v<corset::request_view>);
static_assert(std::is_same_v<decltype(corset::request_view{}.method), std::string_view>);
static_assert(std::is_same_v<decltype(corset::request_view{}.request_private_network), std::string_view>);
static_assert(std::is_same_v<decltype(corset::request_view{}.more_request_headers),
                             std::span<const std::string_view>>);
constexpr corset::request_view five{"OPTIONS", "https://a.example", "PUT", "x-a", "true"};
static_assert(five.more_request_headers.empty());

static_assert(std::ranges::contiguous_range<decltype(corset::decision{}.headers())>);
static_assert(std::is_same_v<std::ranges::range_value_t<decltype(corset::decision{}.headers())>, corset::header>);
static_assert(std::is_trivially_copyable_v<corset::decision>);
static_assert(std::is_same_v<decltype(corset::header{}.name), std::string_view>);
static_assert(std::is_same_v<decltype(corset::header{}.value), std::string_view>);

static_assert(std::is_same_v<corset::methods::put, corset::method<"PUT">>);
static_assert(corset::methods::delete_::name == "DELETE");
static_assert(corset::method<"PROPFIND">::name == "PROPFIND");
static_assert(corset::allow_origins<"https://a.example", "https://b.example">::values.size() == 2);
static_assert(corset::max_age<600>::seconds == 600);

static_assert(corset::version.major == CORSET_PROJECT_VERSION_MAJOR);
static_assert(corset::version.minor == CORSET_PROJECT_VERSION_MINOR);
static_assert(corset::version.patch == CORSET_PROJECT_VERSION_PATCH);

// request_view takes designated initialisers: the fields it does not name are empty.
constexpr corset::request_view named{.method = "OPTIONS", .origin = "https://a.example", .request_method = "PUT"};
static_assert(named.request_headers.empty() && named.more_request_headers.empty());

}  // namespace
