// invplan/artifact.h — the envelope shared by every JSON artifact, and how
// artifacts are written and read.
//
// Every artifact is a JSON object that starts with:
//   format          e.g. "invplan.clean-report", "invplan.forecast"
//   schema_version  integer, bumped on incompatible changes of that format
//   invplan_version the program version that wrote it
//   created_at      UTC time, ISO 8601 (the only field that differs between runs)
//   command         argv of the run
//   config          every resolved option of the run
//   inputs          [{path, bytes, sha256}] of each input file
// followed by the stage's own fields.
//
// Writing is atomic: the text goes to a temporary file in the target's directory
// which is renamed over the target only when complete, so a failed run leaves no
// partial or empty artifact. Numbers are written locale-independently in the
// shortest form that reads back to the same double.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace invplan {

using Json = nlohmann::ordered_json;

// What --format means on every command: the format of the main output
// (--output). A command that can write a CSV beside its JSON artifact has a
// separate --csv FILE option for it.
enum class OutputFormat { kJson, kCsv };

// What a run records about one input file.
struct InputInfo {
  std::string path;  // as given ("-" for standard input)
  std::uint64_t bytes = 0;
  std::string sha256;  // lowercase hex
  // "K/N" when the input is the artifact of one shard (its configuration's
  // --shard; set by ReadJsonArtifact): written as "shard", so merge knows that
  // this input differs between the pieces of a run by design.
  std::string shard;
};

// What a run records about itself; filled by the CLI layer, passed into stages.
struct RunInfo {
  std::vector<std::string> command;  // argv
  Json config = Json::object();      // resolved options
  std::vector<InputInfo> inputs;     // appended to by stages as they read inputs
};

// The envelope's "inputs" array for these files.
Json InputsToJson(const std::vector<InputInfo>& inputs);

// Returns a new artifact object holding the envelope fields above.
Json MakeEnvelope(const std::string& format, int schema_version, const RunInfo& run);

// Writes `doc` (pretty-printed unless `compact`) to `path`; "-" means standard output.
// Atomic as described above. Throws Error(kUsage) if the path cannot be written.
void WriteJsonArtifact(const std::string& path, const Json& doc, bool compact = false);

// JSON text of `value` (compact for indent < 0). Strings that are not valid
// UTF-8 (a Latin-1 SKU from a CSV export) are written with U+FFFD in place of
// each invalid byte instead of failing: every JSON output goes through here.
std::string DumpJson(const Json& value, int indent = -1);

// Artifacts nested deeper than this (arrays and objects) are refused before
// parsing, so a hostile file cannot exhaust the stack.
inline constexpr std::size_t kMaxJsonDepth = 256;
// Objects with more keys than this are refused before parsing too: an ordered
// object finds a key by scanning its keys, so k keys cost k²/2 comparisons
// (200,000 keys would take minutes). invplan's own objects hold a few dozen.
inline constexpr std::size_t kMaxJsonKeys = 10000;

// Reads an artifact, checks that its format is `format` and that its
// schema_version is at most `max_schema_version`. Throws Error(kArtifact) with a
// message naming the file otherwise (or if it is not valid JSON), and
// Error(kBadInput) if the file cannot be opened. "-" reads standard input.
// If `info` is not null it receives the file's size and checksum.
// Invalid JSON includes numbers beyond a double (1e400), nesting deeper than
// kMaxJsonDepth and objects with more than kMaxJsonKeys keys.
Json ReadJsonArtifact(const std::string& path, const std::string& format, int max_schema_version,
                      InputInfo* info = nullptr);

// The two halves of ReadJsonArtifact for a reader that parses with its own
// nlohmann parser callback (then checks the envelope with CheckArtifactEnvelope,
// common/artifact_envelope.h): the file's text, refused at its first block if it
// holds a NUL byte or does not start a JSON object; and its parse, refused
// beyond kMaxJsonDepth or kMaxJsonKeys, every parse failure (numbers beyond a double included)
// as Error(kArtifact) naming `name`.
std::string ReadArtifactText(const std::string& path, InputInfo* info = nullptr);
Json ParseArtifactText(const std::string& text, const std::string& name,
                       const Json::parser_callback_t& callback = nullptr);

// An integer field of an artifact in [lo, hi]; throws Error(kArtifact) naming
// `what` for anything else (a fraction, a string, a value out of range), instead
// of silently truncating it.
std::int64_t ArtifactInt(const Json& value, const std::string& what, std::int64_t lo,
                         std::int64_t hi);

// A number for an artifact: the value when finite, else null (JSON has no NaN or
// infinity).
Json JsonNumberOrNull(double value);

// Formats a double so that it reads back exactly, independent of the locale
// (shortest round-trip form; "nan"/"inf" never occur in artifacts: callers map
// non-finite values to null).
std::string FormatDouble(double value);

// CSV outputs meant for people and spreadsheets (purchase lines, forecast
// points) round instead: `value` to `decimals` places, without trailing zeros
// ("872.4", "12", "0.1584"; never "872.4000000000001"). FormatMoney gives
// exactly two decimals ("1014.28", "40.00"). JSON keeps FormatDouble's exact form.
std::string FormatDecimals(double value, int decimals);
std::string FormatMoney(double value);

}  // namespace invplan
