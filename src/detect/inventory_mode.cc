// Inventory mode: the cleaned panel is in memory (see invplan/ingest.h), so the
// derived features of every SKU x period are built at once and scored in chunks.
#include <algorithm>
#include <limits>
#include <memory>

#include "common/file_io.h"
#include "common/random.h"
#include "detect/inventory_features.h"
#include "detect/pipeline.h"
#include "invplan/error.h"
#include "invplan/forecast_artifact.h"

namespace invplan::detect {
namespace {

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

// Rows `rows` of `x` as a matrix of their own.
Matrix Gather(const Matrix& x, const std::vector<std::size_t>& rows) {
  Matrix m;
  m.cols = x.cols;
  m.rows = rows.size();
  m.data.reserve(rows.size() * x.cols);
  for (std::size_t i : rows) m.data.insert(m.data.end(), x.row(i), x.row(i) + x.cols);
  return m;
}

// The first period --since or --last lets through (the lowest one without them).
std::int64_t FirstScoredPeriod(const Settings& o, const Panel& panel) {
  if (!o.since.empty()) {
    std::int64_t day = 0;
    ParseIsoDay(o.since, &day);  // checked with the options
    return PeriodOfDay(day, panel.frequency);
  }
  if (o.last > 0 && !panel.series.empty()) {
    std::int64_t end = panel.series.front().end();
    for (const Series& s : panel.series) end = std::max(end, s.end());
    return end - o.last;
  }
  return std::numeric_limits<std::int64_t>::min();
}

}  // namespace

DetectSummary RunInventoryMode(const Settings& o, const DetectModel* loaded, RunInfo* run) {
  DetectSummary summary;
  summary.mode = "inventory";
  IngestReport report;
  Panel panel = LoadPanel(o.ingest, o.clean, o.threads, &report, run);
  std::unique_ptr<ForecastSet> forecast;
  if (!o.forecast.empty()) {
    InputInfo info;
    forecast = std::make_unique<ForecastSet>(ReadForecastArtifact(o.forecast, &info));
    run->inputs.push_back(info);
    if (forecast->frequency != panel.frequency) {
      throw UsageError(DisplayName(o.forecast) + " forecasts frequency " +
                       FrequencyCode(forecast->frequency) + " but the sales are " +
                       FrequencyCode(panel.frequency) + "; use the same --freq for both");
    }
  }
  const int season = loaded ? loaded->season : o.clean.season;
  InventoryTable table = BuildInventoryFeatures(panel, season, forecast.get());
  summary.features = table.features;
  summary.forecast_periods = table.forecast_periods;
  const std::size_t rows = table.x.rows;
  if (loaded && loaded->features != table.features) {
    throw InputError(DisplayName(o.ingest.input) + ": gives the features " + Join(table.features) +
                     " but " + DisplayName(o.model) + " was trained on " + Join(loaded->features) +
                     " (the same extra columns are needed)");
  }

  // Closed periods are neither trained on nor scored; --since/--last score only
  // the recent periods of the rows that train.
  std::vector<std::size_t> usable;
  usable.reserve(rows);
  for (std::size_t i = 0; i < rows; ++i) {
    if (!table.closed[i]) usable.push_back(i);
  }
  summary.closed_periods = rows - usable.size();
  const std::int64_t from = FirstScoredPeriod(o, panel);
  if (from > std::numeric_limits<std::int64_t>::min()) {
    summary.scored_from = FormatPeriod(from, panel.frequency);
  }

  const Contamination contamination = ParseContamination(o.contamination);
  DetectModel model;
  std::vector<double> train_scores;  // of usable[0], usable[1], ... when all of them train
  bool all_trained = false;
  if (loaded) {
    model = *loaded;
    ResolveThreshold(contamination, &model, nullptr, &summary);
  } else {
    // A uniform sample of train_rows rows (all of them when there are fewer),
    // kept in panel order.
    std::vector<std::size_t> idx(usable.size());
    for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    if (usable.size() <= o.train_rows) {
      all_trained = true;
    } else {
      Rng rng(DeriveSeed(o.seed, 0x7265736572766f69ULL));
      for (std::size_t i = 0; i < o.train_rows; ++i) {
        std::swap(idx[i], idx[i + rng.Below(usable.size() - i)]);
      }
      idx.resize(o.train_rows);
      std::sort(idx.begin(), idx.end());
    }
    for (std::size_t& i : idx) i = usable[i];
    Matrix train = Gather(table.x, idx);
    std::vector<double> medians(train.cols);
    std::vector<double> col(train.rows);
    for (std::size_t j = 0; j < train.cols; ++j) {
      for (std::size_t i = 0; i < train.rows; ++i) col[i] = train.row(i)[j];
      if (!col.empty()) {
        std::nth_element(col.begin(), col.begin() + static_cast<std::ptrdiff_t>(col.size() / 2),
                         col.end());
        medians[j] = col[col.size() / 2];
      }
    }
    model = TrainModel(o, "inventory", table.features, train, medians, table.season, &train_scores);
    summary.training_rows = model.training_rows;
    ResolveThreshold(contamination, &model, &train_scores, &summary);
  }

  // Positions in `usable` of the rows to score.
  std::vector<std::size_t> scored;
  for (std::size_t p = 0; p < usable.size(); ++p) {
    if (table.period[usable[p]] >= from) scored.push_back(p);
  }
  std::unique_ptr<RecordWriter> writer;
  if (!o.output.empty() || !o.csv_output.empty()) {
    const bool json = o.format == OutputFormat::kJson;
    Json head = ArtifactHead(o, model, summary, loaded != nullptr, *run);
    // A shard numbers its records' rows within its own panel; `invplan merge`
    // renumbers them in the whole panel from each series' row count.
    if (o.ingest.shard.active()) {
      std::vector<std::uint64_t> counts(panel.series.size(), 0);
      for (std::uint32_t k : table.series) ++counts[k];
      Json series_rows = Json::array();
      for (std::size_t k = 0; k < panel.series.size(); ++k) {
        const Series& s = panel.series[k];
        series_rows.push_back(Json::array({s.sku, s.location, counts[k]}));
      }
      head["shard_series_rows"] = std::move(series_rows);
    }
    writer = std::make_unique<RecordWriter>(json ? o.output : std::string(),
                                            json ? o.csv_output : o.output, head);
  }
  if (writer || loaded) {
    std::vector<std::size_t> chunk;
    std::vector<double> chunk_scores;
    for (std::size_t begin = 0; begin < scored.size(); begin += o.chunk_rows) {
      const std::size_t end = std::min(scored.size(), begin + o.chunk_rows);
      chunk.clear();
      chunk_scores.clear();
      for (std::size_t k = begin; k < end; ++k) {
        chunk.push_back(usable[scored[k]]);
        if (all_trained) chunk_scores.push_back(train_scores[scored[k]]);
      }
      Matrix x = Gather(table.x, chunk);
      RowDetails d;
      d.meta = [&](std::size_t i, Record* r) {
        const std::size_t row = chunk[i];
        const Series& s = panel.series[table.series[row]];
        r->row = row;
        r->line = table.line[row];
        r->sku = s.sku;
        r->location = s.location;
        r->date = FormatPeriod(table.period[row], panel.frequency);
      };
      d.shown = [&](std::size_t i, std::size_t j, double* value, double* expected) {
        *value = table.shown.row(chunk[i])[j];
        *expected = table.expected.row(chunk[i])[j];
      };
      d.type = [&](std::size_t i, const std::vector<double>& shares) {
        return InventoryType(table, chunk[i], shares);
      };
      d.note = [&](std::size_t i) { return InventoryNote(table, chunk[i]); };
      ScoreBatch(o, model, x, all_trained ? chunk_scores.data() : nullptr, d, writer.get(),
                 &summary);
    }
  }
  FinishRun(o, model, summary, writer.get(), *run);
  return summary;
}

}  // namespace invplan::detect
