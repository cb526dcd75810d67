#include "plan/manifest.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "common/file_io.h"
#include "invplan/error.h"
#include "invplan/plan.h"

namespace invplan::plan {
namespace {

Json FilesToJson(const std::vector<FileRecord>& files) {
  Json a = Json::array();
  for (const FileRecord& f : files) {
    Json j = Json::object();
    if (!f.role.empty()) j["role"] = f.role;
    j["path"] = f.path;
    j["sha256"] = f.sha256;
    a.push_back(std::move(j));
  }
  return a;
}

std::vector<FileRecord> FilesFromJson(const Json& a) {
  std::vector<FileRecord> files;
  for (const Json& j : a) {
    files.push_back(
        {j.value("role", ""), j.at("path").get<std::string>(), j.at("sha256").get<std::string>()});
  }
  return files;
}

}  // namespace

Json StageRecord::ToJson() const {
  Json j = Json::object();
  j["stage"] = stage;
  j["status"] = status;
  j["inputs"] = FilesToJson(inputs);
  j["config"] = config;
  j["outputs"] = FilesToJson(outputs);
  j["wall_seconds"] = wall_seconds;
  j["cpu_seconds"] = cpu_seconds;
  j["peak_rss_bytes"] = peak_rss_bytes;
  j["counts"] = counts;
  if (!summary.empty()) j["summary"] = summary;
  if (!error.empty()) j["error"] = error;
  return j;
}

StageRecord StageRecord::FromJson(const Json& j) {
  StageRecord r;
  r.stage = j.at("stage").get<std::string>();
  r.status = j.at("status").get<std::string>();
  r.inputs = FilesFromJson(j.at("inputs"));
  r.config = j.at("config");
  r.outputs = FilesFromJson(j.at("outputs"));
  r.wall_seconds = j.value("wall_seconds", 0.0);
  r.cpu_seconds = j.value("cpu_seconds", 0.0);
  r.peak_rss_bytes = j.value("peak_rss_bytes", std::uint64_t{0});
  r.counts = j.value("counts", Json::object());
  r.summary = j.value("summary", "");
  r.error = j.value("error", "");
  return r;
}

const StageRecord* Manifest::Find(const std::string& stage) const {
  for (const StageRecord& r : stages) {
    if (r.stage == stage) return &r;
  }
  return nullptr;
}

std::optional<Manifest> ReadManifest(const std::string& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    const Json doc = ReadJsonArtifact(path, kRunManifestFormat, kRunManifestSchema);
    Manifest m;
    m.run = doc.at("run").get<std::string>();
    m.status = doc.at("status").get<std::string>();
    m.seconds = doc.value("seconds", 0.0);
    for (const Json& s : doc.at("stages")) m.stages.push_back(StageRecord::FromJson(s));
    return m;
  } catch (const std::exception& e) {
    // A broken manifest must not stop the nightly run: it only costs a full rerun.
    spdlog::warn("run: ignoring {} ({}); every stage reruns", path, e.what());
    return std::nullopt;
  }
}

void WriteManifest(const std::string& path, const Manifest& manifest, const RunInfo& run) {
  Json doc = MakeEnvelope(kRunManifestFormat, kRunManifestSchema, run);
  doc["run"] = manifest.run;
  doc["status"] = manifest.status;
  doc["seconds"] = manifest.seconds;
  Json stages = Json::array();
  for (const StageRecord& r : manifest.stages) stages.push_back(r.ToJson());
  doc["stages"] = std::move(stages);
  if (!manifest.changes.is_null()) doc["changes"] = manifest.changes;
  WriteJsonArtifact(path, doc);
}

std::string FileSha256(const std::string& path) {
  InputFile in(path);
  std::vector<char> buffer(1 << 20);
  while (in.Read(buffer.data(), buffer.size()) > 0) {
  }
  return in.Info().sha256;
}

bool UpToDate(const StageRecord* previous, const std::vector<FileRecord>& inputs,
              const Json& config, const std::string& previous_dir) {
  if (previous == nullptr || previous->status == "failed" || previous->outputs.empty()) {
    return false;
  }
  if (previous->inputs != inputs || previous->config != config) return false;
  for (const FileRecord& out : previous->outputs) {
    const std::string path = (std::filesystem::path(previous_dir) / out.path).string();
    if (!std::filesystem::exists(path) || FileSha256(path) != out.sha256) return false;
  }
  return true;
}

}  // namespace invplan::plan
