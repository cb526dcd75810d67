// Table mode: train on a uniform sample of the rows, then stream the file
// through the forest in chunks.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>

#include "common/file_io.h"
#include "common/parallel.h"
#include "common/random.h"
#include "detect/pipeline.h"
#include "detect/table_source.h"
#include "invplan/error.h"

namespace invplan::detect {
namespace {

// Standard input copied to a temporary file, so that it can be read twice
// without holding it in memory. The file is unlinked as soon as it is created and
// read back through /proc/self/fd, so no copy is left behind however the run
// ends (even by a signal). Other paths are used as they are.
class RereadableInput {
 public:
  explicit RereadableInput(const std::string& path) : path_(path) {
    if (path != "-") return;
    const char* dir = std::getenv("TMPDIR");
    std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/invplan-detect-XXXXXX";
    fd_ = mkstemp(tmpl.data());
    if (fd_ < 0) throw InputError("<stdin>: cannot create a temporary copy in " + tmpl);
    ::unlink(tmpl.c_str());
    path_ = "/proc/self/fd/" + std::to_string(fd_);
    InputFile in("-");
    std::vector<char> buf(1 << 20);
    for (std::size_t n; (n = in.Read(buf.data(), buf.size())) > 0;) {
      for (std::size_t off = 0; off < n;) {
        ssize_t w = ::write(fd_, buf.data() + off, n - off);
        if (w <= 0) {
          ::close(fd_);
          fd_ = -1;
          throw InputError("<stdin>: cannot write the temporary copy in " + tmpl);
        }
        off += static_cast<std::size_t>(w);
      }
    }
  }
  ~RereadableInput() {
    if (fd_ >= 0) ::close(fd_);
  }
  RereadableInput(const RereadableInput&) = delete;
  RereadableInput& operator=(const RereadableInput&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

std::vector<double> ColumnMedians(const Matrix& x, const std::vector<std::string>& names,
                                  const std::string& file, int threads) {
  std::vector<double> medians(x.cols, std::numeric_limits<double>::quiet_NaN());
  ParallelFor(x.cols, threads, [&](std::size_t j) {
    std::vector<double> v;
    v.reserve(x.rows);
    for (std::size_t i = 0; i < x.rows; ++i) {
      if (!std::isnan(x.row(i)[j])) v.push_back(x.row(i)[j]);
    }
    if (v.empty()) return;
    const std::size_t mid = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
    double m = v[mid];
    if (v.size() % 2 == 0) {
      m = (m + *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid))) / 2;
    }
    medians[j] = m;
  });
  for (std::size_t j = 0; j < x.cols; ++j) {
    if (std::isnan(medians[j]))
      throw InputError(file + ": column '" + names[j] + "' has no values");
  }
  return medians;
}

// Replaces NaN by the column median; counts cells and rows when `summary` is set.
void Impute(Matrix* x, const std::vector<double>& medians, DetectSummary* summary) {
  for (std::size_t i = 0; i < x->rows; ++i) {
    double* r = x->row(i);
    bool any = false;
    for (std::size_t j = 0; j < x->cols; ++j) {
      if (std::isnan(r[j])) {
        r[j] = medians[j];
        any = true;
        if (summary) ++summary->imputed_values;
      }
    }
    if (any && summary) ++summary->imputed_rows;
  }
}

RowDetails TableDetails(const RowBatch& b, const std::vector<double>& medians) {
  RowDetails d;
  d.meta = [&b](std::size_t i, Record* r) {
    r->row = b.row[i];
    r->line = b.line[i];
    if (!b.sku.empty()) r->sku = b.sku[i];
    if (!b.date.empty()) r->date = b.date[i];
  };
  d.shown = [&b, &medians](std::size_t i, std::size_t j, double* value, double* expected) {
    *value = b.x.row(i)[j];
    *expected = medians[j];
  };
  d.type = [](std::size_t, const std::vector<double>&) { return std::string("other"); };
  return d;
}

}  // namespace

DetectSummary RunTableMode(const Settings& o, const DetectModel* loaded, RunInfo* run) {
  DetectSummary summary;
  summary.mode = "table";
  const std::vector<std::string>& features = loaded ? loaded->features : o.features;
  summary.features = features;
  const std::size_t d = features.size();
  const Contamination contamination = ParseContamination(o.contamination);
  const std::string display = DisplayName(o.ingest.input);
  std::unique_ptr<RecordWriter> writer;
  auto open_writer = [&](const DetectModel& m) {
    if (o.output.empty() && o.csv_output.empty()) return;
    const bool json = o.format == OutputFormat::kJson;
    const std::string csv = !json ? o.output : o.csv_output;
    writer = std::make_unique<RecordWriter>(json ? o.output : std::string(), csv,
                                            ArtifactHead(o, m, summary, loaded != nullptr, *run));
  };
  RowBatch batch;
  InputInfo info;

  if (loaded) {
    DetectModel model = *loaded;
    ResolveThreshold(contamination, &model, nullptr, &summary);
    TableReader reader(o.ingest.input, features, o.missing, o.ingest.sku_col, o.ingest.date_col);
    open_writer(model);
    for (;;) {
      batch.Clear(d);
      if (reader.Read(o.chunk_rows, &batch) == 0) break;
      Impute(&batch.x, model.medians, &summary);
      ScoreBatch(o, model, batch.x, nullptr, TableDetails(batch, model.medians), writer.get(),
                 &summary);
    }
    info = reader.Info();
    info.path = o.ingest.input;
    run->inputs.push_back(info);
    FinishRun(o, model, summary, writer.get(), *run);
    return summary;
  }

  // Pass 1: keep every row while they fit in train_rows; beyond that, keep a
  // uniform reservoir sample (Vitter's algorithm R) of the feature values only.
  RereadableInput input(o.ingest.input);
  RowBatch kept;
  kept.Clear(d);
  bool overflow = false;
  std::uint64_t seen = 0;
  Rng rng(DeriveSeed(o.seed, 0x7265736572766f69ULL));
  {
    TableReader reader(input.path(), features, o.missing, o.ingest.sku_col, o.ingest.date_col);
    for (;;) {
      batch.Clear(d);
      const std::size_t n = reader.Read(o.chunk_rows, &batch);
      if (n == 0) break;
      if (!overflow && kept.size() + n <= o.train_rows) {
        kept.x.data.insert(kept.x.data.end(), batch.x.data.begin(), batch.x.data.end());
        kept.x.rows += n;
        kept.row.insert(kept.row.end(), batch.row.begin(), batch.row.end());
        kept.line.insert(kept.line.end(), batch.line.begin(), batch.line.end());
        kept.sku.insert(kept.sku.end(), batch.sku.begin(), batch.sku.end());
        kept.date.insert(kept.date.end(), batch.date.begin(), batch.date.end());
        seen += n;
        continue;
      }
      if (!overflow) {
        overflow = true;
        kept.row = {};
        kept.line = {};
        kept.sku = {};
        kept.date = {};
      }
      for (std::size_t i = 0; i < n; ++i, ++seen) {
        const double* src = batch.x.row(i);
        if (seen < o.train_rows) {
          kept.x.data.insert(kept.x.data.end(), src, src + d);
          ++kept.x.rows;
        } else {
          const std::uint64_t j = rng.Below(seen + 1);
          if (j < o.train_rows) std::copy(src, src + d, kept.x.row(j));
        }
      }
    }
    info = reader.Info();
  }
  info.path = o.ingest.input;
  run->inputs.push_back(info);
  if (seen == 0) throw InputError(display + ": no data rows (the file has only a header)");
  const std::vector<double> medians = ColumnMedians(kept.x, features, display, o.threads);
  Impute(&kept.x, medians, overflow ? nullptr : &summary);
  std::vector<double> train_scores;
  DetectModel model = TrainModel(o, "table", features, kept.x, medians, 0, &train_scores);
  summary.training_rows = model.training_rows;
  ResolveThreshold(contamination, &model, &train_scores, &summary);
  open_writer(model);

  if (writer) {
    if (!overflow) {
      // Every row was a training row: their scores are known already.
      ScoreBatch(o, model, kept.x, train_scores.data(), TableDetails(kept, medians), writer.get(),
                 &summary);
    } else {
      TableReader reader(input.path(), features, o.missing, o.ingest.sku_col, o.ingest.date_col);
      for (;;) {
        batch.Clear(d);
        if (reader.Read(o.chunk_rows, &batch) == 0) break;
        Impute(&batch.x, medians, &summary);
        ScoreBatch(o, model, batch.x, nullptr, TableDetails(batch, medians), writer.get(),
                   &summary);
      }
    }
  }
  FinishRun(o, model, summary, writer.get(), *run);
  return summary;
}

}  // namespace invplan::detect
