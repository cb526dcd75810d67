// The output directory of `invplan run`: its lock, the dated run directories,
// the `latest` symlink and pruning.
//
//   OUT/.lock              held with flock() for the whole run
//   OUT/runs/<timestamp>/  one per run, complete (outputs of skipped stages linked)
//   OUT/latest             symlink to runs/<timestamp> of the last good run
//   OUT/manifest.json      the last run's manifest
#pragma once

#include <string>

namespace invplan::plan {

// flock(LOCK_EX | LOCK_NB) on OUT/.lock, which records the holder's pid. The
// kernel releases it when the process ends, however it ends.
class RunLock {
 public:
  // Creates OUT when missing. Throws Error(kUsage) "OUT is locked by another
  // invplan run (pid N)" when another process holds the lock.
  explicit RunLock(const std::string& out_dir);
  ~RunLock();
  RunLock(const RunLock&) = delete;
  RunLock& operator=(const RunLock&) = delete;

 private:
  int fd_ = -1;
};

// A free name for this run's directory, relative to OUT: runs/<UTC
// YYYYmmddTHHMMSSZ>, with "-NN" appended when a run of that second exists. The
// caller creates it (under the lock, so the name stays free).
std::string FreeRunName(const std::string& out_dir);

// Hard-links OUT-relative file `from_dir/name` as `to_dir/name`, copying when
// the file system refuses the link.
void LinkFile(const std::string& from_dir, const std::string& to_dir, const std::string& name);

// Points OUT/latest at `run` (relative to OUT) atomically: a temporary symlink
// renamed over it.
void SwitchLatest(const std::string& out_dir, const std::string& run);

// Removes the run directories that have no manifest.json: runs that were killed
// (a run that fails writes its manifest), with their temporary files. Called
// under the lock, so none of them is still being written.
void RemoveInterruptedRuns(const std::string& out_dir);

// Removes the oldest run directories so that at most `keep` remain, never the
// one OUT/latest points to nor `current`.
void PruneRuns(const std::string& out_dir, int keep, const std::string& current);

}  // namespace invplan::plan
