// Reading an input file whole, with the system's reason when it cannot be read.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace scr {

/// Reads the file at `path` from start to end with read(2), handing each chunk to `on_chunk` in
/// order. Throws InputError naming the file, the byte offset and the system's reason when it
/// cannot be opened or a read fails (EIO from a failing disk or share), so that callers can tell
/// "could not be read" from "read, and bad". stdio is not used: fread() hides the errno.
void read_file_through(const std::string& path, const std::function<void(std::string_view chunk)>& on_chunk);

}  // namespace scr
