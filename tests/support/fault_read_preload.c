/* A test-only LD_PRELOAD library that makes reads of chosen files fail with EIO, as a failing disk
 * or a dropped network share does, without root, a faulty device or a FUSE layer.
 *
 *   SCR_FAULT_PATH         files whose opened path contains this string are faulty
 *   SCR_FAULT_AFTER        reads of bytes at or past this offset fail (default 0: every read)
 *   SCR_FAULT_WORKER_ONLY  if set, only a process started with --worker (scr-index's extraction
 *                          workers) sees the fault: the file hashes cleanly and fails mid-extraction
 *
 * It wraps the libc entry points other libraries call through the dynamic linker (open, openat,
 * fopen and their 64-bit and fortified forms; read, pread), so it reaches Poppler's reads as well
 * as the project's own. Reads that glibc makes inside fread() do not go through these symbols:
 * code that must see device errors reads with read(). */
#undef _FORTIFY_SOURCE  /* its inline wrappers of open() and read() would clash with these */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FDS 4096

static atomic_bool faulty_fd[MAX_FDS];
static const char* fault_path;
static long long fault_after;
static int active;

static void read_settings(void) __attribute__((constructor));
static void read_settings(void) {
  fault_path = getenv("SCR_FAULT_PATH");
  const char* after = getenv("SCR_FAULT_AFTER");
  fault_after = after ? atoll(after) : 0;
  active = fault_path && *fault_path;
  if (active && getenv("SCR_FAULT_WORKER_ONLY")) {
    /* /proc/self/cmdline: the arguments, each ended by a NUL. */
    char args[8192];
    ssize_t n = 0;
    int fd = (int)syscall(SYS_openat, AT_FDCWD, "/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
      n = (ssize_t)syscall(SYS_read, fd, args, sizeof args - 1);
      syscall(SYS_close, fd);
    }
    int worker = 0;
    for (ssize_t i = 0; i < n;) {
      if (strcmp(args + i, "--worker") == 0) worker = 1;
      i += (ssize_t)strlen(args + i) + 1;
    }
    active = worker;
  }
}

static void note_open(int fd, const char* path) {
  if (fd >= 0 && fd < MAX_FDS) atomic_store(&faulty_fd[fd], active && path && strstr(path, fault_path) != NULL);
}

static int is_faulty(int fd) { return fd >= 0 && fd < MAX_FDS && atomic_load(&faulty_fd[fd]); }

#define REAL(name, type) static __typeof__(type) real_##name; if (!real_##name) real_##name = (type)dlsym(RTLD_NEXT, #name)

/* The mode argument is present only with O_CREAT or O_TMPFILE; reading it otherwise is harmless
 * on the ABIs Debian builds for, and passing it on is what libc itself does. */
#define OPEN_WRAPPER(name)                                       \
  int name(const char* path, int flags, ...) {                   \
    va_list ap;                                                  \
    va_start(ap, flags);                                         \
    mode_t mode = va_arg(ap, mode_t);                            \
    va_end(ap);                                                  \
    REAL(name, int (*)(const char*, int, ...));                  \
    int fd = real_##name(path, flags, mode);                     \
    note_open(fd, path);                                         \
    return fd;                                                   \
  }
OPEN_WRAPPER(open)
OPEN_WRAPPER(open64)

#define OPENAT_WRAPPER(name)                                     \
  int name(int dir, const char* path, int flags, ...) {          \
    va_list ap;                                                  \
    va_start(ap, flags);                                         \
    mode_t mode = va_arg(ap, mode_t);                            \
    va_end(ap);                                                  \
    REAL(name, int (*)(int, const char*, int, ...));             \
    int fd = real_##name(dir, path, flags, mode);                \
    note_open(fd, path);                                         \
    return fd;                                                   \
  }
OPENAT_WRAPPER(openat)
OPENAT_WRAPPER(openat64)

#define OPEN2_WRAPPER(name)                                      \
  int name(const char* path, int flags) {                        \
    REAL(name, int (*)(const char*, int));                       \
    int fd = real_##name(path, flags);                           \
    note_open(fd, path);                                         \
    return fd;                                                   \
  }
OPEN2_WRAPPER(__open_2)
OPEN2_WRAPPER(__open64_2)

#define FOPEN_WRAPPER(name)                                      \
  FILE* name(const char* path, const char* mode) {               \
    REAL(name, FILE* (*)(const char*, const char*));             \
    FILE* f = real_##name(path, mode);                           \
    if (f) note_open(fileno(f), path);                           \
    return f;                                                    \
  }
FOPEN_WRAPPER(fopen)
FOPEN_WRAPPER(fopen64)

/* How many of n bytes at offset may be read before the fault; -1 (EIO) when none. */
static ssize_t allowed(long long offset, size_t n) {
  if (offset >= fault_after) {
    errno = EIO;
    return -1;
  }
  long long left = fault_after - offset;
  return (ssize_t)((long long)n < left ? (long long)n : left);
}

ssize_t read(int fd, void* buf, size_t n) {
  REAL(read, ssize_t (*)(int, void*, size_t));
  if (is_faulty(fd)) {
    ssize_t ok = allowed((long long)lseek(fd, 0, SEEK_CUR), n);
    if (ok < 0) return -1;
    n = (size_t)ok;
  }
  return real_read(fd, buf, n);
}

ssize_t __read_chk(int fd, void* buf, size_t n, size_t buflen) {
  (void)buflen;
  return read(fd, buf, n);
}

#define PREAD_WRAPPER(name, off_type)                            \
  ssize_t name(int fd, void* buf, size_t n, off_type offset) {   \
    REAL(name, ssize_t (*)(int, void*, size_t, off_type));       \
    if (is_faulty(fd)) {                                         \
      ssize_t ok = allowed((long long)offset, n);                \
      if (ok < 0) return -1;                                     \
      n = (size_t)ok;                                            \
    }                                                            \
    return real_##name(fd, buf, n, offset);                      \
  }
PREAD_WRAPPER(pread, off_t)
PREAD_WRAPPER(pread64, off64_t)

int close(int fd) {
  REAL(close, int (*)(int));
  if (fd >= 0 && fd < MAX_FDS) atomic_store(&faulty_fd[fd], 0);
  return real_close(fd);
}
