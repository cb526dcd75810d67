// invplan/error.h — the one error type every stage throws.
//
// Contract: a stage function either returns its result or throws invplan::Error.
// The kind says whose fault it is, and the CLI maps kinds to exit codes in one
// place (src/cli/exit_codes.h). Messages are meant for the user: they name the
// file, line and column where that is known, what was expected and what was found,
// e.g.  sales.csv:1042: column 'quantity': expected a number, got "12,5"
// Any other exception escaping a stage is a bug (exit code 1).
#pragma once

#include <stdexcept>
#include <string>

namespace invplan {

enum class ErrorKind {
  kUsage,     // bad option values or configuration (exit 2)
  kBadInput,  // input data that cannot be read as documented (exit 3)
  kArtifact,  // an artifact that is corrupt, of another format or a newer schema (exit 4)
  kInternal,  // a failure that is not the user's fault (exit 1)
  kIo,        // an output that cannot be written: disk full, closed pipe, ... (exit 5)
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

inline Error UsageError(const std::string& message) {
  return Error(ErrorKind::kUsage, message);
}
inline Error InputError(const std::string& message) {
  return Error(ErrorKind::kBadInput, message);
}
inline Error ArtifactError(const std::string& message) {
  return Error(ErrorKind::kArtifact, message);
}
inline Error IoError(const std::string& message) {
  return Error(ErrorKind::kIo, message);
}
inline Error InternalError(const std::string& message) {
  return Error(ErrorKind::kInternal, message);
}

}  // namespace invplan
