#include "optimize/solve.h"

namespace invplan::optimize {

const char* StatusName(SolveStatus s) {
  switch (s) {
    case SolveStatus::kOptimal:
      return "optimal";
    case SolveStatus::kTimeLimit:
      return "time_limit";
    case SolveStatus::kInfeasible:
      return "infeasible";
    case SolveStatus::kFailed:
      break;
  }
  return "failed";
}

}  // namespace invplan::optimize
