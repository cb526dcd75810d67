// Shard membership and the sharding options (invplan/shard.h).
#include "invplan/shard.h"

#include <cstdlib>

#include "invplan/error.h"

namespace invplan {

std::uint64_t ShardHash(std::string_view sku, std::string_view location) {
  // FNV-1a 64: documented, trivial to reimplement in any language (a partition
  // script in Python or SQL gives the same pieces), and stable across versions,
  // unlike std::hash.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto add = [&h](unsigned char c) {
    h ^= c;
    h *= 0x100000001b3ULL;
  };
  for (char c : sku) add(static_cast<unsigned char>(c));
  add(0x1f);
  for (char c : location) add(static_cast<unsigned char>(c));
  return h;
}

int ShardOf(std::string_view sku, std::string_view location, int count) {
  return static_cast<int>(ShardHash(sku, location) % static_cast<std::uint64_t>(count));
}

bool ShardOptions::Contains(std::string_view sku, std::string_view location) const {
  return !active() || ShardOf(sku, location, count) == index;
}

std::string ShardOptions::Text() const {
  return active() && index >= 0 ? std::to_string(index) + "/" + std::to_string(count) : "";
}

bool IsShardOptionName(const std::string& name) {
  return name == "shard" || name == "shards" || name == "shard-from-env";
}

namespace {

constexpr int kMaxShards = 1000000;

int ParseShardIndex(const std::string& option, const std::string& text) {
  const long long v = option_text::ParseInteger(option, text);
  option_text::CheckRange(option, static_cast<double>(v), 0.0, kMaxShards - 1.0);
  return static_cast<int>(v);
}

OptionTable<ShardOptions> MakeTable() {
  using S = ShardOptions;
  OptionTable<S> t;
  t.Group("Sharding (job arrays)");
  t.Custom(
      "shard",
      "Process only the SKUs of shard K of N (0-based): those whose FNV-1a 64 hash of "
      "sku\\x1flocation is K mod N; invplan merge joins the N artifacts",
      "K/N",
      [](S& o, const std::string& text) {
        const auto slash = text.find('/');
        if (slash == std::string::npos) {
          throw UsageError("--shard: expected K/N (e.g. 3/8), got \"" + text + "\"");
        }
        const long long n = option_text::ParseInteger("shard", text.substr(slash + 1));
        option_text::CheckRange("shard", static_cast<double>(n), 1.0, kMaxShards);
        o.count = static_cast<int>(n);
        o.index = ParseShardIndex("shard", text.substr(0, slash));
        o.from_env.clear();
      },
      [](const S& o) { return o.Text(); });
  t.Int("shards", &S::count,
        "Number of shards N, with --shard-from-env (the same N for every piece)", 0, kMaxShards)
      .Check([](const S& o) {
        if (o.count > 0 && o.index < 0) {
          throw UsageError("--shards " + std::to_string(o.count) +
                           ": give --shard-from-env VAR (or --shard K/N) for this piece's K");
        }
        if (o.index >= 0 && o.count == 0) {
          throw UsageError("--shard-from-env " + o.from_env + ": give --shards N as well");
        }
        if (o.index >= o.count && o.count > 0) {
          throw UsageError("--shard: K must be below N, got " + std::to_string(o.index) + "/" +
                           std::to_string(o.count) +
                           (o.from_env.empty() ? "" : " (K from $" + o.from_env + ")"));
        }
      });
  t.Custom(
      "shard-from-env",
      "Read K from this environment variable (e.g. SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX); "
      "with --shards N",
      "VAR",
      [](S& o, const std::string& var) {
        const char* value = var.empty() ? nullptr : std::getenv(var.c_str());
        if (value == nullptr) {
          throw UsageError("--shard-from-env: the environment variable '" + var +
                           "' is not set (this piece's K is read from it)");
        }
        o.index = ParseShardIndex("shard-from-env", value);
        o.from_env = var;
      },
      [](const S& o) { return o.from_env; });
  return t;
}

}  // namespace

const OptionTable<ShardOptions>& ShardOptionTable() {
  static const OptionTable<ShardOptions> kTable = MakeTable();
  return kTable;
}

}  // namespace invplan
