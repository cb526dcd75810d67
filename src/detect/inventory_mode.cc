// Inventory mode: the cleaned panel is in memory (see invplan/ingest.h), so the
// derived features of every SKU x period are built at once and scored in chunks.
#include <algorithm>
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

// Rows [begin, end) of `x` as a matrix of their own.
Matrix Slice(const Matrix& x, std::size_t begin, std::size_t end) {
  Matrix m;
  m.cols = x.cols;
  m.rows = end - begin;
  m.data.assign(x.data.begin() + static_cast<std::ptrdiff_t>(begin * x.cols),
                x.data.begin() + static_cast<std::ptrdiff_t>(end * x.cols));
  return m;
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

  const Contamination contamination = ParseContamination(o.contamination);
  DetectModel model;
  std::vector<double> train_scores;
  bool all_trained = false;
  if (loaded) {
    model = *loaded;
    ResolveThreshold(contamination, &model, nullptr, &summary);
  } else {
    // A uniform sample of train_rows rows (all of them when there are fewer),
    // kept in panel order.
    Matrix train;
    if (rows <= o.train_rows) {
      train = table.x;
      all_trained = true;
    } else {
      std::vector<std::size_t> idx(rows);
      for (std::size_t i = 0; i < rows; ++i) idx[i] = i;
      Rng rng(DeriveSeed(o.seed, 0x7265736572766f69ULL));
      for (std::size_t i = 0; i < o.train_rows; ++i) {
        std::swap(idx[i], idx[i + rng.Below(rows - i)]);
      }
      idx.resize(o.train_rows);
      std::sort(idx.begin(), idx.end());
      train.cols = table.x.cols;
      train.rows = idx.size();
      for (std::size_t i : idx) {
        train.data.insert(train.data.end(), table.x.row(i), table.x.row(i) + train.cols);
      }
    }
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

  std::unique_ptr<RecordWriter> writer;
  if (!o.output.empty() || !o.csv_output.empty()) {
    const bool json = o.format == OutputFormat::kJson;
    writer = std::make_unique<RecordWriter>(
        json ? o.output : std::string(), json ? o.csv_output : o.output,
        ArtifactHead(o, model, summary, loaded != nullptr, *run));
  }
  if (writer || loaded) {
    for (std::size_t begin = 0; begin < rows; begin += o.chunk_rows) {
      const std::size_t end = std::min(rows, begin + o.chunk_rows);
      Matrix x = Slice(table.x, begin, end);
      RowDetails d;
      d.meta = [&](std::size_t i, Record* r) {
        const std::size_t row = begin + i;
        const Series& s = panel.series[table.series[row]];
        r->row = row;
        r->line = table.line[row];
        r->sku = s.sku;
        r->location = s.location;
        r->date = FormatPeriod(table.period[row], panel.frequency);
      };
      d.shown = [&](std::size_t i, std::size_t j, double* value, double* expected) {
        *value = table.shown.row(begin + i)[j];
        *expected = table.expected.row(begin + i)[j];
      };
      d.type = [&](std::size_t i, const std::vector<double>& shares) {
        return InventoryType(table, begin + i, shares);
      };
      ScoreBatch(o, model, x, all_trained ? train_scores.data() + begin : nullptr, d, writer.get(),
                 &summary);
    }
  }
  FinishRun(o, model, summary, writer.get(), *run);
  return summary;
}

}  // namespace invplan::detect
