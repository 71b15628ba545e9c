# Writes OUT: a C++ file that holds the web page's files (the page works from the binary alone).
# Run by CMake in script mode: cmake -DSRC=<searchd/web> -DOUT=<file> -P embed_web.cmake
set(body "// Generated from searchd/web/ by embed_web.cmake: do not edit.\n#include \"service.h\"\n\nnamespace scr::searchd {\nnamespace {\n")
set(table "")
set(i 0)
set(entries "index.html|text/html|/" "app.js|text/javascript|/app.js"
            "style.css|text/css|/style.css")
foreach(entry IN LISTS entries)
  string(REPLACE "|" ";" parts "${entry}")
  list(GET parts 0 name)
  list(GET parts 1 type)
  list(GET parts 2 path)
  file(READ "${SRC}/${name}" content)
  string(APPEND body "const char kFile${i}[] = R\"SCRWEB(${content})SCRWEB\";\n")
  string(APPEND table "    {\"${path}\", {\"${type}; charset=utf-8\", std::string_view(kFile${i}, sizeof kFile${i} - 1)}},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND body "\n}  // namespace\n\nconst std::pair<const char*, std::string_view>* web_file(const std::string& path) {\n"
  "  static const std::map<std::string, std::pair<const char*, std::string_view>> files = {\n${table}  };\n"
  "  auto it = files.find(path);\n  return it == files.end() ? nullptr : &it->second;\n}\n\n}  // namespace scr::searchd\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
