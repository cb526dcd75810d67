#include "invplan/detect.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "common/csv_reader.h"
#include "common/parallel.h"
#include "detect/model_io.h"
#include "detect/pipeline.h"
#include "invplan/error.h"

namespace invplan {

Json DetectSummary::ToJson() const {
  Json j = Json::object();
  j["rows_scored"] = rows_scored;
  j["anomalies"] = anomalies;
  j["anomaly_rate"] = rows_scored ? static_cast<double>(anomalies) / rows_scored : 0.0;
  j["threshold"] = threshold;
  j["threshold_rule"] = threshold_rule;
  j["training_rows"] = training_rows;
  Json types = Json::object();
  for (const auto& [type, n] : by_type) types[type] = n;
  j["by_type"] = types;
  if (mode == "table") {
    j["imputed_values"] = imputed_values;
    j["imputed_rows"] = imputed_rows;
  } else {
    j["forecast_periods"] = forecast_periods;
    j["closed_periods"] = closed_periods;
    if (!scored_from.empty()) j["scored_from"] = scored_from;
  }
  return j;
}

DetectSummary RunDetect(const DetectOptions& options, RunContext& ctx) {
  DetectOptionTable().Validate(options);
  detect::Settings o;
  static_cast<DetectOptions&>(o) = options;
  o.threads = ctx.threads;
  o.seed = ctx.seed;
  RunInfo* run = &ctx.run;
  std::optional<detect::DetectModel> loaded;
  if (!o.model.empty()) {
    InputInfo info;
    loaded = detect::LoadModel(o.model, &info);
    run->inputs.push_back(info);
    if (loaded->mode == "inventory" && !o.features.empty()) {
      throw UsageError(DisplayName(o.model) +
                       " is an inventory-mode model; --features applies to table mode only");
    }
    if (loaded->mode == "table" && !o.features.empty() && o.features != loaded->features) {
      std::string want;
      for (const auto& f : loaded->features) want += (want.empty() ? "" : ",") + f;
      throw UsageError("--features does not match the model, which was trained on " + want);
    }
  }
  const bool table = loaded ? loaded->mode == "table" : !o.features.empty();
  if (table && (!o.since.empty() || o.last > 0)) {
    throw UsageError("--since and --last apply to inventory mode, not to --features tables");
  }
  const detect::DetectModel* m = loaded ? &*loaded : nullptr;
  DetectSummary summary =
      table ? detect::RunTableMode(o, m, run) : detect::RunInventoryMode(o, m, run);
  summary.output = o.output;
  summary.saved_model = o.save_model;
  return summary;
}

std::string DetectSummary::Summary() const {
  std::string text = "detect (" + mode + " mode): ";
  if (rows_scored == 0 && !saved_model.empty()) {
    return text + "trained on " + std::to_string(training_rows) + " rows -> " + saved_model;
  }
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.2f%%",
                rows_scored ? 100.0 * static_cast<double>(anomalies) / rows_scored : 0.0);
  text += std::to_string(rows_scored) + " rows scored" +
          (scored_from.empty() ? std::string() : " (from " + scored_from + ")") + ", " +
          std::to_string(anomalies) + " anomalies (" + rate + "), score threshold " +
          FormatDecimals(threshold, 3) + " (" + threshold_rule + ")";
  std::string types;
  for (const auto& [type, n] : by_type) {
    types += (types.empty() ? "" : ", ") + type + " " + std::to_string(n);
  }
  if (!types.empty()) text += ": " + types;
  if (imputed_values) text += "; " + std::to_string(imputed_values) + " values imputed";
  if (closed_periods) text += "; " + std::to_string(closed_periods) + " closed periods not scored";
  if (!output.empty() && output != "-") text += " -> " + output;
  return text;
}

namespace detect {

Contamination ParseContamination(const std::string& text) {
  Contamination c;
  if (text.empty()) return c;
  c.given = true;
  if (text == "auto") return c;
  double f = 0.0;
  if (!ParseNumber(text, &f) || !(f > 0.0 && f <= 0.5)) {
    throw UsageError("--contamination: expected auto or a fraction in (0, 0.5], got " +
                     Quoted(text));
  }
  c.is_auto = false;
  c.fraction = f;
  return c;
}

DetectModel TrainModel(const Settings& o, const std::string& mode,
                       const std::vector<std::string>& features, const Matrix& train,
                       std::vector<double> medians, int season, std::vector<double>* train_scores) {
  if (train.rows < 2) {
    throw InputError(DisplayName(o.ingest.input) + ": " + std::to_string(train.rows) +
                     " data row(s); an isolation forest needs at least 2");
  }
  if (static_cast<std::size_t>(o.extension_level) >= features.size()) {
    throw UsageError(
        "--extension-level " + std::to_string(o.extension_level) +
        " needs more features: at most features - 1 = " + std::to_string(features.size() - 1));
  }
  ForestParams p;
  p.trees = o.trees;
  p.sample_size = o.sample_size;
  p.extension_level = o.extension_level;
  p.seed = o.seed;
  p.threads = o.threads;
  DetectModel m;
  m.mode = mode;
  m.features = features;
  m.medians = std::move(medians);
  m.season = season;
  m.forest = Forest::Train(train, p);
  m.training_rows = train.rows;
  train_scores->resize(train.rows);
  m.forest.ScoreAll(train, o.threads, train_scores->data());
  std::vector<double> sorted = *train_scores;
  m.score_quantiles = QuantileTable(&sorted);
  return m;
}

void ResolveThreshold(const Contamination& c, DetectModel* m,
                      const std::vector<double>* train_scores, DetectSummary* s) {
  const bool trained = train_scores != nullptr;
  if (trained || c.given) {
    if (c.is_auto) {
      s->threshold = 0.5;
      s->threshold_rule = "auto";
    } else if (trained) {
      std::vector<double> sorted = *train_scores;
      std::sort(sorted.begin(), sorted.end());
      s->threshold = ThresholdForFraction(sorted, c.fraction);
      s->threshold_rule = "contamination " + FormatDouble(c.fraction);
    } else {
      s->threshold = ThresholdForFraction(m->score_quantiles, c.fraction);
      s->threshold_rule = "contamination " + FormatDouble(c.fraction) + " (model quantiles)";
    }
    if (trained) {
      m->threshold = s->threshold;
      if (!c.is_auto) m->contamination = c.fraction;
    }
  } else {
    s->threshold = m->threshold;
    s->threshold_rule = m->contamination
                            ? "model (contamination " + FormatDouble(*m->contamination) + ")"
                            : "model (auto)";
  }
}

Json ArtifactHead(const Settings& o, const DetectModel& m, const DetectSummary& s, bool loaded,
                  const RunInfo& run) {
  Json head = MakeEnvelope(kAnomaliesFormat, kAnomaliesSchema, run);
  // The checksum of a streamed input is known only at the end: inputs come last.
  head.erase("inputs");
  head["mode"] = s.mode;
  head["features"] = m.features;
  Json model = Json::object();
  model["source"] = loaded ? "model" : "trained";
  if (loaded) model["path"] = o.model;
  model["trees"] = m.forest.trees().size();
  model["sample_size"] = m.forest.psi();
  model["extension_level"] = m.forest.extension_level();
  model["height_limit"] = m.forest.height_limit();
  model["c_psi"] = m.forest.c_psi();
  model["training_rows"] = m.training_rows;
  if (!loaded) model["seed"] = o.seed;
  head["model"] = model;
  head["threshold"] = s.threshold;
  head["threshold_rule"] = s.threshold_rule;
  head["all_rows"] = o.all_rows;
  return head;
}

void ScoreBatch(const Settings& o, const DetectModel& m, const Matrix& x, const double* scores,
                const RowDetails& details, RecordWriter* writer, DetectSummary* summary) {
  const std::size_t n = x.rows;
  std::vector<double> s;
  if (scores) {
    s.assign(scores, scores + n);
  } else {
    s.resize(n);
    m.forest.ScoreAll(x, o.threads, s.data());
  }
  std::vector<std::size_t> flagged;
  for (std::size_t i = 0; i < n; ++i) {
    if (s[i] > summary->threshold) flagged.push_back(i);
  }
  std::vector<std::vector<double>> shares(flagged.size());
  std::vector<std::string> types(flagged.size());
  ParallelFor(
      flagged.size(), o.threads,
      [&](std::size_t k) {
        shares[k] = m.forest.Explain(x.row(flagged[k]));
        types[k] = details.type(flagged[k], shares[k]);
      },
      64);
  summary->rows_scored += n;
  summary->anomalies += flagged.size();
  for (const std::string& t : types) ++summary->by_type[t];
  if (!writer) return;
  const std::size_t d = x.cols;
  std::vector<std::size_t> order(d);
  std::size_t next = 0;
  Record r;
  for (std::size_t i = 0; i < n; ++i) {
    const bool flag = next < flagged.size() && flagged[next] == i;
    if (!flag && !o.all_rows) continue;
    r = Record{};
    details.meta(i, &r);
    r.score = s[i];
    r.anomaly = flag;
    if (flag) {
      const std::vector<double>& sh = shares[next];
      r.type = types[next];
      std::iota(order.begin(), order.end(), std::size_t{0});
      std::stable_sort(order.begin(), order.end(),
                       [&](std::size_t a, std::size_t b) { return sh[a] > sh[b]; });
      for (std::size_t k = 0; k < d && static_cast<int>(k) < o.explain; ++k) {
        const std::size_t j = order[k];
        if (!(sh[j] > 0.0)) break;
        Contribution c;
        c.feature = m.features[j];
        c.share = sh[j];
        details.shown(i, j, &c.value, &c.expected);
        r.explanation.push_back(std::move(c));
      }
      ++next;
    }
    if (details.note) r.note = details.note(i);
    writer->Add(r);
  }
}

void FinishRun(const Settings& o, const DetectModel& model, const DetectSummary& summary,
               RecordWriter* writer, const RunInfo& run) {
  if (writer) {
    Json tail = Json::object();
    tail["summary"] = summary.ToJson();
    tail["inputs"] = InputsToJson(run.inputs);
    writer->Finish(tail);
  }
  if (!o.save_model.empty()) SaveModel(o.save_model, model, run);
}

}  // namespace detect
}  // namespace invplan
