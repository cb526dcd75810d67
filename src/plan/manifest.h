// The run manifest (format invplan.run-manifest): per stage what it read, how
// it was configured, what it wrote and how it went; and the rule that decides
// whether a stage is up to date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "invplan/artifact.h"

namespace invplan::plan {

struct FileRecord {
  std::string role;  // inputs: sales, items, ...; outputs: empty
  std::string path;  // inputs as given (chained ones: the name in the run dir); outputs: the name
  std::string sha256;
  bool operator==(const FileRecord& o) const {
    return role == o.role && path == o.path && sha256 == o.sha256;
  }
};

struct StageRecord {
  std::string stage;
  std::string status;                       // ran | up to date | failed | skipped
  std::vector<FileRecord> inputs, outputs;  // outputs: only when the stage has them
  Json config = Json::object();
  double wall_seconds = 0.0, cpu_seconds = 0.0;
  std::uint64_t peak_rss_bytes = 0;
  std::string summary, error;
  Json counts = Json::object();  // the stage's counts (skus, fallbacks, ...)

  Json ToJson() const;
  static StageRecord FromJson(const Json& j);
};

struct Manifest {
  std::string run;     // the run directory, relative to OUT (runs/<timestamp>)
  std::string status;  // succeeded | failed | incomplete (--only without earlier outputs)
  double seconds = 0.0;
  std::vector<StageRecord> stages;
  Json changes;  // what changed since the last good plan (plan/changes.h); null: none
  const StageRecord* Find(const std::string& stage) const;
};

// The previous manifest, or nothing when there is none. A manifest that cannot
// be read is logged and ignored: every stage then reruns.
std::optional<Manifest> ReadManifest(const std::string& path);
// Writes the manifest atomically with the usual envelope (`run` is the caller's
// run record: command and configuration).
void WriteManifest(const std::string& path, const Manifest& manifest, const RunInfo& run);

// SHA-256 of a file's contents (Error(kBadInput) when it cannot be read).
std::string FileSha256(const std::string& path);

// Whether `previous` (a stage of the last run, whose outputs are in `previous_dir`)
// can stand for a run with these inputs and configuration: it produced outputs,
// the inputs' checksums and the configuration are the same, and its outputs are
// still there with the checksums it recorded.
bool UpToDate(const StageRecord* previous, const std::vector<FileRecord>& inputs,
              const Json& config, const std::string& previous_dir);

}  // namespace invplan::plan
