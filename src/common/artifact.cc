#include "invplan/artifact.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "common/artifact_envelope.h"
#include "common/file_io.h"
#include "invplan/error.h"

namespace invplan {

Json JsonNumberOrNull(double value) {
  return std::isfinite(value) ? Json(value) : Json(nullptr);
}

std::string FormatDouble(double value) {
  if (!std::isfinite(value)) return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
  char buf[64];
  // std::to_chars without a precision gives the shortest text that reads back to
  // the same double, and never consults the locale.
  auto res = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, res.ptr);
}

std::string FormatDecimals(double value, int decimals) {
  if (!std::isfinite(value)) return FormatDouble(value);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string FormatMoney(double value) {
  if (!std::isfinite(value)) return FormatDouble(value);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", value);
  return std::string(buf) == "-0.00" ? "0.00" : buf;
}

Json InputsToJson(const std::vector<InputInfo>& inputs) {
  Json out = Json::array();
  for (const auto& in : inputs) {
    out.push_back({{"path", in.path}, {"bytes", in.bytes}, {"sha256", in.sha256}});
    if (!in.shard.empty()) out.back()["shard"] = in.shard;
  }
  return out;
}

Json MakeEnvelope(const std::string& format, int schema_version, const RunInfo& run) {
  Json doc = Json::object();
  doc["format"] = format;
  doc["schema_version"] = schema_version;
  doc["invplan_version"] = INVPLAN_VERSION;
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  doc["created_at"] = stamp;
  doc["command"] = run.command;
  doc["config"] = run.config;
  doc["inputs"] = InputsToJson(run.inputs);
  return doc;
}

std::string DumpJson(const Json& value, int indent) {
  return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

namespace {

// The deepest nesting of arrays and objects in `text`, counted over the bytes
// before parsing (strings skipped), stopping as soon as it exceeds `limit`.
// The shape of a JSON text that the parser should not see: its deepest nesting
// (the scan stops once past `depth_limit`) and its largest object's key count
// (stops once past `key_limit`). Strings are skipped; each ':' outside a string
// is one key of the innermost object.
struct JsonShape {
  std::size_t depth = 0, keys = 0;
};

JsonShape ScanShape(const std::string& text, std::size_t depth_limit, std::size_t key_limit) {
  JsonShape shape;
  std::vector<std::size_t> keys;  // per open container: keys so far (arrays count none)
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      keys.push_back(0);
      shape.depth = std::max(shape.depth, keys.size());
      if (shape.depth > depth_limit) break;
    } else if ((c == ']' || c == '}') && !keys.empty()) {
      keys.pop_back();
    } else if (c == ':' && !keys.empty()) {
      shape.keys = std::max(shape.keys, ++keys.back());
      if (shape.keys > key_limit) break;
    }
  }
  return shape;
}

// The text of an artifact file, read in blocks that are checked as they arrive:
// JSON text holds no NUL byte and an artifact starts with '{', so a binary file
// or a device such as /dev/zero is refused at its first block instead of being
// read without end.
std::string ReadCheckedText(const std::string& path, const std::string& name, InputInfo* info) {
  InputFile in(path);
  std::string text;
  char buf[1 << 16];
  bool started = false;
  for (std::size_t n; (n = in.Read(buf, sizeof buf)) > 0;) {
    if (std::memchr(buf, '\0', n) != nullptr) {
      throw ArtifactError(name + ": not a valid JSON artifact: a NUL byte (a binary file?)");
    }
    for (std::size_t i = 0; i < n && !started; ++i) {
      const char c = buf[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
      if (text.size() + i < 3 && c == "\xEF\xBB\xBF"[text.size() + i]) continue;  // UTF-8 BOM
      if (c != '{') throw ArtifactError(name + ": not an invplan artifact (not a JSON object)");
      started = true;
    }
    text.append(buf, n);
  }
  if (info) *info = in.Info();
  return text;
}

}  // namespace

std::int64_t ArtifactInt(const Json& value, const std::string& what, std::int64_t lo,
                         std::int64_t hi) {
  bool ok = false;
  std::int64_t v = 0;
  if (value.is_number_unsigned()) {
    const auto u = value.get<std::uint64_t>();
    ok = hi >= 0 && u <= static_cast<std::uint64_t>(hi);
    v = ok ? static_cast<std::int64_t>(u) : 0;
    ok = ok && v >= lo;
  } else if (value.is_number_integer()) {
    v = value.get<std::int64_t>();
    ok = v >= lo && v <= hi;
  }
  if (!ok) {
    throw ArtifactError(what + ": expected an integer from " + std::to_string(lo) + " to " +
                        std::to_string(hi) + ", got " + DumpJson(value).substr(0, 60));
  }
  return v;
}

void WriteJsonArtifact(const std::string& path, const Json& doc, bool compact) {
  OutputFile out(path);
  // NaN/inf have no JSON form; nlohmann writes them as null, which readers treat
  // as "no value".
  out.stream() << DumpJson(doc, compact ? -1 : 1) << '\n';
  out.Commit();
}

std::string ReadArtifactText(const std::string& path, InputInfo* info) {
  return ReadCheckedText(path, DisplayName(path), info);
}

Json ParseArtifactText(const std::string& text, const std::string& name,
                       const Json::parser_callback_t& callback) {
  const JsonShape shape = ScanShape(text, kMaxJsonDepth, kMaxJsonKeys);
  if (shape.depth > kMaxJsonDepth) {
    throw ArtifactError(name +
                        ": not a valid JSON artifact: arrays and objects nested deeper than " +
                        std::to_string(kMaxJsonDepth) + " levels");
  }
  if (shape.keys > kMaxJsonKeys) {
    throw ArtifactError(name + ": not a valid JSON artifact: an object with more than " +
                        std::to_string(kMaxJsonKeys) + " keys");
  }
  try {
    return callback ? Json::parse(text, callback) : Json::parse(text);
  } catch (const Json::exception& e) {
    // parse_error, and out_of_range for numbers beyond a double (1e400).
    throw ArtifactError(name + ": not a valid JSON artifact: " + e.what());
  }
}

void CheckArtifactEnvelope(const Json& doc, const std::string& name, const std::string& format,
                           int max_schema_version) {
  if (!doc.is_object() || !doc.contains("format") || !doc["format"].is_string()) {
    throw ArtifactError(name + ": not an invplan artifact (no \"format\" field)");
  }
  const std::string found = doc["format"].get<std::string>();
  if (found != format) {
    throw ArtifactError(name + ": expected a " + format + " artifact, got " + found);
  }
  if (!doc.contains("schema_version") || !doc["schema_version"].is_number_integer()) {
    throw ArtifactError(name + ": " + format + " artifact without an integer schema_version");
  }
  const std::int64_t version =
      ArtifactInt(doc["schema_version"], name + ": schema_version", 1, INT32_MAX);
  if (version > max_schema_version) {
    std::string writer = doc.contains("invplan_version") && doc["invplan_version"].is_string()
                             ? doc["invplan_version"].get<std::string>()
                             : "unknown";
    throw ArtifactError(name + ": " + format + " schema_version " + std::to_string(version) +
                        " (written by invplan " + writer + ") is newer than this invplan " +
                        INVPLAN_VERSION + " reads (at most " + std::to_string(max_schema_version) +
                        "); upgrade invplan");
  }
}

Json ReadJsonArtifact(const std::string& path, const std::string& format, int max_schema_version,
                      InputInfo* info) {
  const std::string name = DisplayName(path);
  Json doc = ParseArtifactText(ReadCheckedText(path, name, info), name);
  CheckArtifactEnvelope(doc, name, format, max_schema_version);
  if (info != nullptr && doc.contains("config") && doc["config"].is_object()) {
    const Json& config = doc["config"];
    const auto shard = config.find("shard");
    if (shard != config.end() && shard->is_string()) info->shard = shard->get<std::string>();
  }
  return doc;
}

}  // namespace invplan
