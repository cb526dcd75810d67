// Writes anomaly records as they are produced: the JSON artifact (head fields,
// then "records": [...] streamed, then "summary") and/or a CSV with one line per
// record. Both files appear atomically when Finish() succeeds and not at all if
// the run fails before.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/file_io.h"
#include "invplan/artifact.h"

namespace invplan::detect {

struct Contribution {
  std::string feature;
  double value = 0.0;     // the record's value (NaN: none)
  double expected = 0.0;  // the baseline it is compared with (NaN: none)
  double share = 0.0;     // share of the isolation owed to this feature
};

struct Record {
  std::uint64_t row = 0;
  std::uint64_t line = 0;           // 0: no input line (written as null)
  std::string sku, location, date;  // empty: unknown (left out)
  double score = 0.0;
  bool anomaly = false;
  std::string type;  // empty: not typed (rows that are not anomalies)
  std::vector<Contribution> explanation;
  std::string note;  // readable, in planner units: "sold 0, expected about 37" (empty: none)
};

class RecordWriter {
 public:
  // `json_path` / `csv_path` empty: that output is not written. `head` holds the
  // fields written before "records" (the envelope and settings).
  RecordWriter(const std::string& json_path, const std::string& csv_path, const Json& head);
  void Add(const Record& record);
  // Writes the fields of `tail` (an object: the summary, the inputs) after the
  // records and commits the files.
  void Finish(const Json& tail);

 private:
  std::unique_ptr<OutputFile> json_, csv_;
  bool first_ = true;
  std::string buffer_;
};

// JSON text of a string (quoted, escaped).
std::string JsonString(const std::string& s);

}  // namespace invplan::detect
