// corset/version.hpp - which corset this is (CHANGELOG.md says what each version changed).
#pragma once

namespace corset {

struct version_number {
  int major;
  int minor;
  int patch;
};

// The same as the CMake package's version: find_package(corset 0.2).
inline constexpr version_number version{0, 2, 0};

}  // namespace corset
