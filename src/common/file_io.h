// Files in and out: atomic output files, inputs that checksum themselves as they
// are read, and "-" for standard input/output everywhere.
#pragma once

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include "invplan/artifact.h"

namespace invplan {

// An output that appears at `path` only when Commit() succeeds.
// - A regular file (or a new one) is written to a temporary beside it
//   (`.name.tmp.<pid>.XXXXXX`, see common/temp_files.h) that is renamed over it, so
//   readers never see a partial file and a failed or interrupted run leaves none.
//   A replaced file keeps its permission bits; a file the user may not write is
//   refused, as it would be without the rename.
// - A symbolic link is followed: its final target is replaced as above, the link
//   stays.
// - "-", /dev/stdout, /dev/stderr and /dev/fd/1, /dev/fd/2 write to the process's
//   own streams; other devices and FIFOs (/dev/null, a named pipe) are opened and
//   written directly, streaming, without a temporary or a rename.
// Opening errors (a missing directory, no permission, a directory as target)
// throw Error(kUsage); a failed write, flush or sync (disk full, closed pipe)
// throws Error(kIo) from Commit().
class OutputFile {
 public:
  explicit OutputFile(const std::string& path);
  ~OutputFile();  // removes the temporary file unless committed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream();
  // Flushes, syncs and renames into place (or flushes a direct output).
  void Commit();
  const std::string& path() const { return path_; }

 private:
  void Discard();

  std::string path_;
  std::string target_;                  // the file the rename replaces (symbolic links resolved)
  std::string temp_path_;               // empty for direct outputs
  int temp_slot_ = -1;                  // its slot in the signal-time cleanup table
  std::ostream* std_stream_ = nullptr;  // std::cout or std::cerr, for those outputs
  std::ofstream file_;
  bool committed_ = false;
};

// Checks, before any work is done, that OutputFile(path) would be able to open
// `path`: its directory exists and is writable, it is not a directory, an existing
// file is writable. Throws Error(kUsage) naming the path otherwise. "-" passes.
void CheckOutputPath(const std::string& path);

// Flushes standard output and throws Error(kIo) if anything written to it
// failed (e.g. > /dev/full, a closed pipe).
void FlushStdout();

// An open input ("-" = standard input) that hashes every byte it hands out, so the
// checksum recorded in artifacts costs no second pass over the file.
class InputFile {
 public:
  explicit InputFile(const std::string& path);  // throws Error(kBadInput) if it cannot open
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  // Reads up to `size` bytes; returns 0 at end of file.
  std::size_t Read(char* buffer, std::size_t size);
  // Size and checksum of what has been read so far (the whole file once at EOF).
  InputInfo Info();
  // "<stdin>" for "-", otherwise the path: the name used in error messages.
  const std::string& display_name() const { return display_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_, display_;
  std::FILE* file_ = nullptr;
  struct Hasher;
  std::unique_ptr<Hasher> hasher_;
  std::uint64_t bytes_ = 0;
  bool finished_ = false;
  std::string digest_;
};

// Reads a whole input ("-" = standard input); fills `info` if not null.
std::string ReadWholeFile(const std::string& path, InputInfo* info = nullptr);

// The name errors use for a path: "<stdin>" for "-".
std::string DisplayName(const std::string& path);

}  // namespace invplan
