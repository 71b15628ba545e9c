// Environmental and programming failures of scr-search, as exceptions.
//
// Expected per-item outcomes (a corrupt PDF, a malformed query) are values, not exceptions: see
// ExtractResult and friends. What lands here is what a caller cannot route around: a data file that
// does not parse, an index that is locked, a disk that is full. Each layer converts its third-party
// library's exceptions into these, so upper layers never include <xapian.h> or poppler headers.
#pragma once

#include <stdexcept>
#include <string>

namespace scr {

/// Base of every exception scr-search throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A data file (CSV, taxonomy, manifest) could not be read or does not parse. The message names
/// the file and, where known, the line.
class DataFileError : public Error {
 public:
  using Error::Error;
};

/// Reading an input file failed part-way for a reason outside its content: a device or network
/// read error (EIO), a file that vanished. Not a verdict on the file: the next run tries again.
class InputError : public Error {
 public:
  using Error::Error;
};

/// Writing output (a PDF, the index, a cache file) failed.
class OutputError : public Error {
 public:
  using Error::Error;
};

}  // namespace scr
