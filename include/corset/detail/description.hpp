// corset/detail/description.hpp - what a policy or route table allows, in words, computed at
// compile time and only for those whose description is asked for (a variable template is
// instantiated on use).
#pragma once

#include <cstddef>

#include <corset/detail/text.hpp>

namespace corset::detail {

// `Describer::describe(out)` writes the text; it runs twice, to count, then to write.
template <class Describer>
inline constexpr std::size_t description_size = [] {
  text_counter counter;
  Describer::describe(counter);
  return counter.size();
}();

template <class Describer>
inline constexpr static_text<description_size<Describer>> description = [] {
  static_text<description_size<Describer>> out{};
  text_writer writer{out.chars, description_size<Describer>};
  Describer::describe(writer);
  out.size = writer.size();
  return out;
}();

}  // namespace corset::detail
