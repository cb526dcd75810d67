// log|Γ(x)| for threads: lgamma() also writes the global `signgam`, a data race
// when several threads evaluate count distributions at once; glibc's reentrant
// lgamma_r returns the sign through its argument instead.
#pragma once

#include <math.h>

namespace invplan {

inline double LogGamma(double x) {
  int sign = 0;
  return ::lgamma_r(x, &sign);
}

}  // namespace invplan
