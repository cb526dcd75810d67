#include "invplan/run_context.h"

#include "invplan/error.h"

namespace invplan {

void RunContext::ThrowIfCancelled() const {
  if (Cancelled()) throw InternalError("cancelled");
}

}  // namespace invplan
