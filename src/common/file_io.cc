#include "common/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "common/sha256.h"
#include "invplan/error.h"

namespace invplan {

std::string DisplayName(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

OutputFile::OutputFile(const std::string& path) : path_(path) {
  if (path_ == "-") return;
  if (path_.empty()) throw UsageError("output path is empty");
  std::filesystem::path target(path_);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  std::string pattern = (dir / ("." + target.filename().string() + ".tmp.XXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) {
    throw UsageError("cannot write '" + path_ + "': " + std::strerror(errno));
  }
  // mkstemp creates the file 0600; an artifact should have the usual permissions.
  mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  ::close(fd);
  temp_path_ = pattern;
  file_.open(temp_path_, std::ios::binary | std::ios::trunc);
  if (!file_) {
    ::unlink(temp_path_.c_str());
    throw UsageError("cannot write '" + path_ + "'");
  }
}

OutputFile::~OutputFile() {
  if (!committed_ && !temp_path_.empty()) {
    file_.close();
    ::unlink(temp_path_.c_str());
  }
}

std::ostream& OutputFile::stream() {
  return path_ == "-" ? std::cout : file_;
}

void OutputFile::Commit() {
  if (committed_) return;
  if (path_ == "-") {
    std::cout.flush();
    committed_ = true;
    return;
  }
  file_.flush();
  bool ok = static_cast<bool>(file_);
  file_.close();
  if (ok) {
    int fd = ::open(temp_path_.c_str(), O_RDONLY);
    if (fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
  }
  if (!ok || ::rename(temp_path_.c_str(), path_.c_str()) != 0) {
    std::string why = ok ? std::strerror(errno) : "write failed (disk full?)";
    ::unlink(temp_path_.c_str());
    throw UsageError("cannot write '" + path_ + "': " + why);
  }
  committed_ = true;
}

struct InputFile::Hasher {
  Sha256 sha;
};

InputFile::InputFile(const std::string& path)
    : path_(path), display_(DisplayName(path)), hasher_(std::make_unique<Hasher>()) {
  if (path_ == "-") {
    file_ = stdin;
  } else {
    std::error_code ec;
    if (std::filesystem::is_directory(path_, ec)) {
      throw InputError(path_ + ": is a directory, expected a file");
    }
    file_ = std::fopen(path_.c_str(), "rb");
    if (!file_) throw InputError(path_ + ": cannot open: " + std::strerror(errno));
  }
}

InputFile::~InputFile() {
  if (file_ && file_ != stdin) std::fclose(file_);
}

std::size_t InputFile::Read(char* buffer, std::size_t size) {
  if (finished_) return 0;
  std::size_t n = std::fread(buffer, 1, size, file_);
  if (n > 0) {
    hasher_->sha.Update(buffer, n);
    bytes_ += n;
  }
  if (n < size) {
    if (std::ferror(file_)) throw InputError(display_ + ": read error: " + std::strerror(errno));
    finished_ = true;
  }
  return n;
}

InputInfo InputFile::Info() {
  if (digest_.empty()) {
    // Drain what is left so the checksum covers the whole file.
    char buf[1 << 16];
    while (Read(buf, sizeof buf) > 0) {
    }
    digest_ = hasher_->sha.HexDigest();
  }
  return InputInfo{path_, bytes_, digest_};
}

std::string ReadWholeFile(const std::string& path, InputInfo* info) {
  InputFile in(path);
  std::string text;
  char buf[1 << 16];
  std::size_t n;
  while ((n = in.Read(buf, sizeof buf)) > 0) text.append(buf, n);
  if (info) *info = in.Info();
  return text;
}

}  // namespace invplan
