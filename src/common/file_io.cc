#include "common/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "common/sha256.h"
#include "common/temp_files.h"
#include "invplan/error.h"

namespace invplan {

std::string DisplayName(const std::string& path) {
  return path == "-" ? "<stdin>" : path;
}

namespace {

// The process's own stream that a path names, or nullptr.
std::ostream* StdStreamFor(const std::string& path) {
  if (path == "-" || path == "/dev/stdout" || path == "/dev/fd/1" || path == "/proc/self/fd/1") {
    return &std::cout;
  }
  if (path == "/dev/stderr" || path == "/dev/fd/2" || path == "/proc/self/fd/2") {
    return &std::cerr;
  }
  return nullptr;
}

std::string CannotWrite(const std::string& path, const std::string& why) {
  return "cannot write '" + path + "': " + why;
}

// The final target of `path` through symbolic links (the path itself when it is
// not a link, or when the link's target does not exist yet).
std::string ResolveLinks(const std::string& path) {
  std::filesystem::path p(path);
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p.string();
    std::string link(4096, '\0');
    const ssize_t n = ::readlink(p.c_str(), link.data(), link.size());
    if (n < 0 || static_cast<std::size_t>(n) >= link.size()) return p.string();
    link.resize(static_cast<std::size_t>(n));
    std::filesystem::path next(link);
    p = next.is_absolute() ? next : p.parent_path() / next;
  }
  throw UsageError(CannotWrite(path, "too many levels of symbolic links"));
}

std::string ParentDir(const std::string& target) {
  std::string dir = std::filesystem::path(target).parent_path().string();
  return dir.empty() ? "." : dir;
}

// Throws unless a new file can be created in the target's directory.
void CheckDirectory(const std::string& path, const std::string& target) {
  const std::string dir = ParentDir(target);
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    throw UsageError(CannotWrite(path, "directory '" + dir + "' does not exist"));
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    throw UsageError(CannotWrite(path, "directory '" + dir + "' is not writable"));
  }
}

std::string LastError(const char* fallback) {
  return errno != 0 ? std::string(std::strerror(errno)) : std::string(fallback);
}

}  // namespace

void CheckOutputPath(const std::string& path) {
  if (path.empty()) throw UsageError("output path is empty");
  if (StdStreamFor(path)) return;
  const std::string target = ResolveLinks(path);
  struct stat st {};
  if (::stat(target.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) throw UsageError(CannotWrite(path, "is a directory"));
    if (::access(target.c_str(), W_OK) != 0) {
      throw UsageError(CannotWrite(path, "permission denied (the file is not writable)"));
    }
    if (!S_ISREG(st.st_mode)) return;  // a device or FIFO, written directly
  }
  CheckDirectory(path, target);
}

void FlushStdout() {
  errno = 0;
  std::cout.flush();
  const bool failed = !std::cout || std::fflush(stdout) != 0 || std::ferror(stdout);
  if (failed) throw IoError("cannot write to standard output: " + LastError("write error"));
}

OutputFile::OutputFile(const std::string& path) : path_(path) {
  if (path_.empty()) throw UsageError("output path is empty");
  std_stream_ = StdStreamFor(path_);
  if (std_stream_) return;
  CheckOutputPath(path_);
  target_ = ResolveLinks(path_);
  mode_t mask = ::umask(0);
  ::umask(mask);
  mode_t mode = 0666 & ~mask;
  struct stat st {};
  if (::stat(target_.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) {
      // A device or FIFO: written directly, nothing to rename.
      file_.open(target_, std::ios::binary | std::ios::out);
      if (!file_) throw UsageError(CannotWrite(path_, LastError("cannot open")));
      return;
    }
    mode = st.st_mode & 07777;  // a replaced file keeps its permissions
  }
  SweepStaleTemps(target_);
  std::string pattern = TempPattern(target_);
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw UsageError(CannotWrite(path_, std::strerror(errno)));
  temp_path_ = pattern;
  temp_slot_ = RegisterTemp(temp_path_);
  // mkstemp creates the file 0600; an artifact should have the usual permissions.
  ::fchmod(fd, mode);
  ::close(fd);
  file_.open(temp_path_, std::ios::binary | std::ios::trunc);
  if (!file_) {
    Discard();
    throw UsageError(CannotWrite(path_, "cannot open a temporary file beside it"));
  }
}

OutputFile::~OutputFile() {
  if (!committed_) Discard();
}

void OutputFile::Discard() {
  if (temp_path_.empty()) return;
  file_.close();
  ::unlink(temp_path_.c_str());
  UnregisterTemp(temp_slot_);
  temp_path_.clear();
  temp_slot_ = -1;
}

std::ostream& OutputFile::stream() {
  return std_stream_ ? *std_stream_ : file_;
}

void OutputFile::Commit() {
  if (committed_) return;
  if (std_stream_) {
    if (std_stream_ == &std::cout) {
      FlushStdout();
    } else if (!std_stream_->flush()) {
      throw IoError(CannotWrite(path_, "write error"));
    }
    committed_ = true;
    return;
  }
  errno = 0;
  file_.flush();
  const bool written = static_cast<bool>(file_);
  const std::string write_error = written ? "" : LastError("write failed (disk full?)");
  file_.close();
  if (!written || file_.fail()) {
    Discard();
    throw IoError(CannotWrite(path_, written ? LastError("close failed") : write_error));
  }
  if (temp_path_.empty()) {  // a direct output
    committed_ = true;
    return;
  }
  int fd = ::open(temp_path_.c_str(), O_RDONLY);
  if (fd >= 0) {
    const bool synced = ::fsync(fd) == 0 || errno == EINVAL;
    const std::string why = synced ? "" : std::strerror(errno);
    ::close(fd);
    if (!synced) {
      Discard();
      throw IoError(CannotWrite(path_, why));
    }
  }
  if (::rename(temp_path_.c_str(), target_.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    Discard();
    throw IoError(CannotWrite(path_, why));
  }
  UnregisterTemp(temp_slot_);
  temp_path_.clear();
  temp_slot_ = -1;
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
  return InputInfo{path_, bytes_, digest_, ""};
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
