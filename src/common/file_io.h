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

// An output that appears at `path` only when Commit() succeeds. The text goes to a
// temporary file beside the target and is renamed over it, so readers never see a
// partial file and a failed run leaves none. "-" writes straight to standard output.
class OutputFile {
 public:
  explicit OutputFile(const std::string& path);
  ~OutputFile();  // removes the temporary file unless committed
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  std::ostream& stream();
  // Flushes, syncs and renames into place. Throws Error(kUsage) on failure.
  void Commit();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string temp_path_;
  std::ofstream file_;
  bool committed_ = false;
};

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
