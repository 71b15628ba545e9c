#include "scr/file_read.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "scr/error.h"

namespace scr {

namespace {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

void read_file_through(const std::string& path, const std::function<void(std::string_view chunk)>& on_chunk) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw InputError(path + ": cannot open: " + std::strerror(errno));
  std::vector<char> buf(1 << 16);
  long long offset = 0;
  for (;;) {
    ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      throw InputError(path + ": read error at byte " + std::to_string(offset) + ": " + std::strerror(errno));
    }
    if (n == 0) return;
    on_chunk(std::string_view(buf.data(), static_cast<size_t>(n)));
    offset += n;
  }
}

}  // namespace scr
