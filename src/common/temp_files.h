// Our temporary files beside outputs, and their removal when a run is cut short.
//
// Contract:
// - A temporary for target `dir/name` is named `dir/.name.tmp.<pid>.XXXXXX`
//   (TempPattern), so a later run can tell whose it was.
// - RegisterTemp/UnregisterTemp keep a fixed table of the paths alive now; on
//   SIGINT, SIGTERM, SIGHUP or SIGPIPE a handler unlinks them (async-signal-safe
//   calls only), restores the default action and re-raises the signal, so the
//   process still ends as the signal says. Signals the process ignores stay
//   ignored. Paths beyond the table's capacity are not registered (the sweep
//   below still removes them later).
// - SweepStaleTemps removes, for one target, temporaries of our naming whose
//   writer process no longer exists and that are older than a minute: what a
//   killed run (SIGKILL, power loss) left behind.
#pragma once

#include <string>

namespace invplan {

// "dir/.name.tmp.<pid>.XXXXXX" for the target path `target` (mkstemp pattern).
std::string TempPattern(const std::string& target);

// Registers a temporary path for removal on a fatal signal; returns a slot
// number for UnregisterTemp, or -1 when the table is full.
int RegisterTemp(const std::string& path);
void UnregisterTemp(int slot);

// Removes stale temporaries of `target` (see above). Never throws.
void SweepStaleTemps(const std::string& target);

}  // namespace invplan
