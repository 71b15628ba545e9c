# Warnings are errors-in-waiting: the build is expected to be warning-free.
add_compile_options(-Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor)
