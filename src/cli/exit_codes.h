// The exit codes of invplan, the one place where errors become exit codes.
#pragma once

#include "invplan/error.h"

namespace invplan::cli {

enum ExitCode : int {
  kExitOk = 0,           // success
  kExitInternal = 1,     // a bug or an unexpected failure
  kExitUsage = 2,        // bad command line, option value or configuration file
  kExitBadInput = 3,     // input data that cannot be read as documented
  kExitBadArtifact = 4,  // incompatible or corrupt artifact
  kExitIo = 5,           // an output could not be written (disk full, closed pipe, ...)
};

inline int ExitCodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kUsage:
      return kExitUsage;
    case ErrorKind::kBadInput:
      return kExitBadInput;
    case ErrorKind::kArtifact:
      return kExitBadArtifact;
    case ErrorKind::kInternal:
      return kExitInternal;
    case ErrorKind::kIo:
      return kExitIo;
  }
  return kExitInternal;
}

}  // namespace invplan::cli
