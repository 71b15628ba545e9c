# Warnings are errors-in-waiting: the build is expected to be warning-free.
add_compile_options(-Wall -Wextra -Wpedantic -Wnon-virtual-dtor)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  add_compile_options(-Wshadow=local)  # GCC's spelling; clang (the fuzz build) has no "=local"
endif()
