# `cmake --install` puts the headers and a CMake package (corsetConfig.cmake + version file) in
# place, so that `find_package(corset CONFIG)` then `corset::corset` works.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(DIRECTORY include/corset DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} PATTERN "*.table" EXCLUDE)
install(TARGETS corset EXPORT corsetTargets)
install(EXPORT corsetTargets NAMESPACE corset:: DESTINATION ${CMAKE_INSTALL_DATADIR}/cmake/corset)
configure_package_config_file(cmake/corsetConfig.cmake.in
  ${PROJECT_BINARY_DIR}/corsetConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_DATADIR}/cmake/corset)
# Header-only: the package fits any architecture.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/corsetConfigVersion.cmake
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES ${PROJECT_BINARY_DIR}/corsetConfig.cmake ${PROJECT_BINARY_DIR}/corsetConfigVersion.cmake
  cmake/CorsetEdge.cmake DESTINATION ${CMAKE_INSTALL_DATADIR}/cmake/corset)
