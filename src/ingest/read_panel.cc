// Streaming ingest: the CSV is cut into chunks of whole records, parsed on worker
// threads into rows grouped by series, and the batches are applied to per-series
// period cells in file order, so memory follows the panel, not the file, and the
// result is that of one pass over the file whatever the number of threads.
#include "ingest/read_panel.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <deque>
#include <exception>
#include <future>
#include <map>
#include <memory>
#include <type_traits>
#include <utility>

#include "common/csv_reader.h"
#include "common/parallel.h"
#include "ingest/accumulator.h"
#include "ingest/chunk_parse.h"
#include "ingest/closures.h"
#include "ingest/column_roles.h"
#include "ingest/date_parse.h"
#include "ingest/day_set.h"
#include "ingest/key_index.h"
#include "ingest/memory_budget.h"
#include "ingest/sold_bits.h"
#include "invplan/error.h"

namespace invplan {
namespace {

// Infers the frequency from the distinct active days: the most common gap
// between consecutive ones.
Frequency InferFrequency(const DaySet& days) {
  std::map<std::int64_t, std::size_t> gaps;
  bool first = true;
  std::int64_t prev = 0;
  days.ForEach([&](std::int64_t d) {
    if (!first) ++gaps[d - prev];
    first = false;
    prev = d;
  });
  if (gaps.empty()) return Frequency::kDay;
  std::int64_t mode = 1;
  std::size_t best = 0;
  for (auto [gap, n] : gaps) {
    if (n > best) {
      best = n;
      mode = gap;
    }
  }
  if (mode <= 3) return Frequency::kDay;  // daily, possibly without weekends
  if (mode <= 10) return Frequency::kWeek;
  if (mode <= 40) return Frequency::kMonth;
  if (mode <= 120) return Frequency::kQuarter;
  return Frequency::kYear;
}

struct Column {
  Column(std::string n, int i, bool req)
      : name(std::move(n)), index(i), requested(req), agg(AggregationFor(name)) {}
  std::string name;
  int index;
  bool requested;  // named by --extra-cols: a non-number is a bad row
  bool numeric = true;
  ExtraAgg agg;
  bool sniff = false;  // judged by its values (column_roles.h)
  KeySniffer sniffer;
};

// The serial half of ingest: batches applied in file order.
// Rows of one period are summed as they stream by; two quantities of 1e308 on one
// day sum to infinity, which no stage could read back. Checked once per series
// (not per row, the reader's hot path), naming the period's first input line.
void CheckFiniteSums(const std::string& name, const std::string& qty_col, const Series& s,
                     const Panel& panel) {
  auto refuse = [&](std::size_t t, const std::string& column) {
    throw InputError(name + ":" + std::to_string(s.source_line[t]) + ": column '" + column +
                     "': SKU '" + s.sku + "', period " +
                     FormatPeriod(s.start + static_cast<std::int64_t>(t), panel.frequency) +
                     ": the rows of the period sum past the largest number (1.8e308)");
  };
  for (std::size_t t = 0; t < s.quantity.size(); ++t) {
    if (std::isinf(s.quantity[t])) refuse(t, qty_col);
  }
  for (std::size_t k = 0; k < s.extras.size(); ++k) {
    for (std::size_t t = 0; t < s.extras[k].size(); ++t) {
      if (std::isinf(s.extras[k][t])) refuse(t, panel.extra_names[k]);
    }
  }
}

class PanelBuilder {
 public:
  PanelBuilder(const IngestOptions& o, std::vector<Column>* extras, Frequency freq, bool infer,
               IngestReport* rep, const std::string& display_name, std::uint64_t max_memory,
               std::uint64_t header_line)
      : o_(o),
        extras_(*extras),
        freq_(freq),
        infer_(infer),
        rep_(*rep),
        name_(display_name),
        max_memory_(max_memory),
        header_line_(header_line) {
    for (const Column& c : extras_) {
      aggs_.push_back(c.agg);
      if (c.sniff) sniffed_.push_back(static_cast<std::size_t>(&c - extras_.data()));
      // The columns the closure rule reads (closures.h), kept for the census.
      if (ExtraIndexAnyCase({c.name}, "holiday") == 0 || ExtraIndexAnyCase({c.name}, "open") == 0 ||
          ExtraIndexAnyCase({c.name}, "closed") == 0) {
        census_cols_.push_back(static_cast<std::size_t>(&c - extras_.data()));
        census_aggs_.push_back(c.agg);
      }
    }
    census_ = o.shard.active() && o.closures == ClosurePolicy::kAuto;
    census_bits_ = census_ && census_cols_.empty() && o.negatives != NegativePolicy::kKeep;
    census_values_.resize(census_cols_.size());
  }

  void Apply(const RowBatch& b) {
    rep_.rows_read += b.rows_read;
    for (const std::string& m : b.bad_rows) {
      if (rep_.skipped_examples.size() < kBadRowExamples) rep_.skipped_examples.push_back(m);
    }
    rep_.rows_skipped += b.rows_skipped;
    for (auto [line, k] : b.non_numeric) {
      Column& c = extras_[k];
      if (!c.numeric) continue;
      c.numeric = false;
      rep_.ignored_columns.push_back(c.name);
      rep_.ignored_reasons.push_back("not numeric (line " + std::to_string(line) + ")");
      spdlog::debug("column '{}' is not numeric ({}:{}); not carried along", c.name, name_, line);
    }
    if (b.stopped) {
      throw InputError(b.bad_rows.front() + " (use --on-bad-row skip to skip such rows)");
    }
    const std::size_t nx = extras_.size();
    if (!sniffed_.empty()) {
      for (std::size_t r = 0; r < b.rows.size(); ++r) {
        const std::uint64_t line = b.rows[r].line;
        if (line <= header_line_ || line - header_line_ > kKeySampleLines) continue;
        for (std::size_t k : sniffed_)
          extras_[k].sniffer.Add(line, header_line_, b.extras[r * nx + k]);
      }
    }
    for (std::size_t k = 0; k < b.keys.size(); ++k) {
      bool added;
      std::uint32_t id = index_.Find(b.keys.sku(k), b.keys.location(k), &added);
      if (added) {
        mine_.push_back(o_.shard.Contains(b.keys.sku(k), b.keys.location(k)));
        const bool cells = mine_.back() || (census_ && !census_bits_);
        acc_.push_back(cells ? std::make_unique<SeriesAccumulator>(
                                   mine_.back() ? &aggs_ : &census_aggs_, &arena_)
                             : nullptr);
        bits_.push_back(!mine_.back() && census_bits_ ? std::make_unique<SoldBits>() : nullptr);
      }
      const std::uint32_t from = b.key_begin[k], to = b.key_begin[k + 1];
      if (!mine_[id]) {
        ApplyOther(b, from, to, acc_[id].get(), bits_[id].get());
        continue;
      }
      SeriesAccumulator& series = *acc_[id];
      // Periods grow with days, so the run's first and last days bound its periods.
      std::int32_t lo = std::numeric_limits<std::int32_t>::max();
      std::int32_t hi = std::numeric_limits<std::int32_t>::min();
      for (std::uint32_t r = from; r < to; ++r) {
        if (b.rows[r].qty < 0 && o_.negatives == NegativePolicy::kDrop) continue;
        lo = std::min(lo, b.rows[r].day);
        hi = std::max(hi, b.rows[r].day);
      }
      if (lo <= hi) {
        CheckMemory(series, Period(lo), Period(hi), b.rows[from].line);
        series.Cover(Period(lo));
        series.Cover(Period(hi));
      }
      for (std::uint32_t r = from; r < to; ++r) {
        const ParsedRow& row = b.rows[r];
        double qty = row.qty;
        if (qty < 0) {
          ++series.negatives;
          if (o_.negatives == NegativePolicy::kDrop) {
            ++rep_.rows_dropped_negative;
            continue;
          }
          if (o_.negatives == NegativePolicy::kZero) qty = 0.0;
        }
        if (infer_) days_.Insert(row.day);
        series.AddCovered(Period(row.day), row.day, qty, row.line,
                          nx ? &b.extras[r * nx] : nullptr);
        ++rep_.rows_used;
      }
    }
  }

  // The panel with its series, or without them when they go to `sink`.
  Panel Finish(bool has_location, const SeriesSink* sink);

 private:
  // The rows [from, to) of a series of another shard: their days still count for
  // the inferred frequency, and `census` (null unless closed periods are looked
  // for) takes their quantities and closure columns.
  void ApplyOther(const RowBatch& b, std::uint32_t from, std::uint32_t to,
                  SeriesAccumulator* census, SoldBits* bits) {
    const std::size_t nx = extras_.size();
    for (std::uint32_t r = from; r < to; ++r) {
      const ParsedRow& row = b.rows[r];
      double qty = row.qty;
      if (qty < 0) {
        if (o_.negatives == NegativePolicy::kDrop) continue;
        if (o_.negatives == NegativePolicy::kZero) qty = 0.0;
      }
      if (infer_) days_.Insert(row.day);
      if (bits != nullptr) bits->Add(Period(row.day), qty > 0);
      if (census == nullptr) continue;
      for (std::size_t j = 0; j < census_cols_.size(); ++j) {
        census_values_[j] = b.extras[r * nx + census_cols_[j]];
      }
      census->Add(Period(row.day), row.day, qty, row.line,
                  census_values_.empty() ? nullptr : census_values_.data());
    }
  }

  // Refuses, before the cells are allocated, a panel whose estimated memory
  // (series x periods x columns, in pages of cells) would exceed --max-memory.
  void CheckMemory(const SeriesAccumulator& series, std::int64_t lo, std::int64_t hi,
                   std::uint32_t line) {
    constexpr int kPageShift = 6;  // the accumulator's pages of 64 periods
    auto pages = [](std::int64_t first, std::int64_t last) {
      return static_cast<std::uint64_t>((last >> kPageShift) - (first >> kPageShift) + 1);
    };
    const std::uint64_t before = series.empty() ? 0 : pages(series.first(), series.last());
    const std::int64_t first = series.empty() ? lo : std::min(series.first(), lo);
    const std::int64_t last = series.empty() ? hi : std::max(series.last(), hi);
    const std::uint64_t after = pages(first, last);
    if (after == before) return;
    pages_ += after - before;
    const std::uint64_t estimate =
        PanelBytesEstimate(pages_ << kPageShift, static_cast<std::uint64_t>(extras_.size()));
    if (estimate <= max_memory_) return;
    throw InputError(name_ + ":" + std::to_string(line) + ": the panel would need about " +
                     FormatBytes(estimate) + " of memory (" + std::to_string(acc_.size()) +
                     " series, " + std::to_string(pages_ << kPageShift) + " periods in all, " +
                     std::to_string(extras_.size() + 1) + " columns), more than --max-memory " +
                     FormatBytes(max_memory_) + "; check the dates (a series spans " +
                     std::to_string(last - first + 1) +
                     " periods) and columns, or use a coarser --freq, --extra-cols or a larger "
                     "--max-memory");
  }

  // Rows are aggregated by day when the frequency is to be inferred (and rolled
  // up at the end).
  std::int64_t Period(std::int64_t day) const {
    return infer_ || freq_ == Frequency::kDay ? day : PeriodOfDay(day, freq_);
  }

  const IngestOptions& o_;
  std::vector<Column>& extras_;
  std::vector<ExtraAgg> aggs_;
  Frequency freq_;
  bool infer_;
  IngestReport& rep_;
  const std::string& name_;
  std::uint64_t max_memory_;
  std::uint64_t pages_ = 0;  // pages of cells in all series, for the estimate
  std::uint64_t header_line_;
  std::vector<std::size_t> sniffed_;  // columns judged by their values
  KeyIndex index_;
  CellArena arena_;  // outlives the accumulators
  // By key id: the series' cells, or (another shard's series) its census or null.
  std::vector<std::unique_ptr<SeriesAccumulator>> acc_;
  std::vector<char> mine_;                       // by key id: in this shard
  std::vector<std::unique_ptr<SoldBits>> bits_;  // by key id: the census in bits, or null
  bool census_ = false;                          // other shards' series feed the closure rule
  bool census_bits_ = false;              // ... as SoldBits (no closure columns, no negatives kept)
  std::vector<std::size_t> census_cols_;  // extras the closure rule reads
  std::vector<ExtraAgg> census_aggs_;
  std::vector<double> census_values_;
  DaySet days_;
};

Panel PanelBuilder::Finish(bool has_location, const SeriesSink* sink) {
  if (infer_) {
    freq_ = InferFrequency(days_);
    rep_.frequency_inferred = true;
    if (freq_ != Frequency::kDay) {
      for (std::size_t i = 0; i < acc_.size(); ++i) {
        auto& a = acc_[i];
        if (!a) continue;
        auto rolled =
            std::make_unique<SeriesAccumulator>(mine_[i] ? &aggs_ : &census_aggs_, &arena_);
        rolled->RollUpFrom(*a, [f = freq_](std::int64_t d) { return PeriodOfDay(d, f); });
        a = std::move(rolled);
      }
      for (auto& b : bits_) {
        if (b) *b = b->RolledUp([f = freq_](std::int64_t d) { return PeriodOfDay(d, f); });
      }
    }
  }

  // Assemble the panel, series sorted by key, carried columns only.
  std::vector<std::size_t> carried;
  Panel panel;
  panel.frequency = freq_;
  panel.has_location = has_location;
  for (Column& c : extras_) {
    if (!c.numeric || !c.sniff) continue;
    const std::string why = c.sniffer.Verdict();
    if (why.empty()) continue;
    c.numeric = false;
    rep_.ignored_columns.push_back(c.name);
    rep_.ignored_reasons.push_back("identifier: " + why + " (name it in --extra-cols to carry it)");
  }
  for (std::size_t k = 0; k < extras_.size(); ++k) {
    if (extras_[k].numeric) {
      carried.push_back(k);
      panel.extra_names.push_back(extras_[k].name);
    }
  }
  std::vector<std::size_t> order, others;
  for (std::size_t i = 0; i < acc_.size(); ++i) {
    if (acc_[i] ? !acc_[i]->empty() : bits_[i] && !bits_[i]->empty()) {
      (mine_[i] ? order : others).push_back(i);
    }
  }
  // The covered periods of series i (with cells or a census in bits).
  auto first_of = [&](std::size_t i) { return acc_[i] ? acc_[i]->first() : bits_[i]->first(); };
  auto last_of = [&](std::size_t i) { return acc_[i] ? acc_[i]->last() : bits_[i]->last(); };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    int c = index_.sku(a).compare(index_.sku(b));
    return c != 0 ? c < 0 : index_.location(a) < index_.location(b);
  });
  auto assemble = [&](std::size_t i) {
    const SeriesAccumulator& a = *acc_[i];
    Series s;
    s.sku = index_.sku(i);
    s.location = index_.location(i);
    s.start = a.first();
    std::size_t n = static_cast<std::size_t>(a.last() - a.first() + 1);
    s.quantity.resize(n);
    s.source_line.resize(n);
    s.extras.assign(carried.size(), std::vector<double>(n));
    a.Export(carried, s.quantity.data(), s.source_line.data(), &s.extras);
    CheckFiniteSums(name_, o_.qty_col, s, panel);
    return s;
  };
  // Another shard's series as the closure rule sees it: the quantities and the
  // closure columns at their places among the carried extras.
  auto assemble_census = [&](std::size_t i) {
    Series s;
    if (!acc_[i]) {  // in bits: 1 where it sold, else 0, and no extras
      s.location = index_.location(i);
      s.start = bits_[i]->first();
      s.quantity = bits_[i]->Quantities();
      s.extras.resize(carried.size());
      return s;
    }
    const SeriesAccumulator& a = *acc_[i];
    s.location = index_.location(i);
    s.start = a.first();
    std::size_t n = static_cast<std::size_t>(a.last() - a.first() + 1);
    s.quantity.resize(n);
    std::vector<std::uint32_t> lines(n);
    std::vector<std::size_t> all(census_cols_.size());
    for (std::size_t j = 0; j < all.size(); ++j) all[j] = j;
    std::vector<std::vector<double>> values(all.size(), std::vector<double>(n));
    a.Export(all, s.quantity.data(), lines.data(), &values);
    s.extras.resize(carried.size());
    for (std::size_t j = 0; j < census_cols_.size(); ++j) {
      auto at = std::find(carried.begin(), carried.end(), census_cols_[j]);
      if (at != carried.end())
        s.extras[static_cast<std::size_t>(at - carried.begin())].swap(values[j]);
    }
    return s;
  };
  // Closed periods need every series' quantities (with a shard, those of the
  // other shards from the census): a first pass counts them.
  std::unique_ptr<ClosureFinder> closures;
  if (o_.closures == ClosurePolicy::kAuto && !(order.empty() && others.empty())) {
    const std::size_t first = order.empty() ? others[0] : order[0];
    std::int64_t lo = first_of(first), hi = last_of(first);
    for (const auto* list : {&order, &others}) {
      for (std::size_t i : *list) {
        lo = std::min(lo, first_of(i));
        hi = std::max(hi, last_of(i));
      }
    }
    closures = std::make_unique<ClosureFinder>(panel.extra_names, lo, hi);
    for (std::size_t i : order) closures->Count(assemble(i));
    for (std::size_t i : others) closures->Count(assemble_census(i));
    closures->Decide();
    if (closures->AnyClosed() && closures->ClosedColumnAdded()) {
      panel.extra_names.push_back("closed");
    }
    rep_.closed_shop_periods = closures->ClosedShopPeriods();
  }
  if (!sink) panel.series.reserve(order.size());
  rep_.series.reserve(order.size());
  for (std::size_t i : order) {
    const SeriesAccumulator& a = *acc_[i];
    Series s = assemble(i);
    SeriesReport sr;
    sr.rows = a.rows();
    sr.negatives = a.negatives;
    if (closures) sr.closed = closures->Mark(&s);
    rep_.series.push_back(sr);
    if (sink) {
      (*sink)(panel, std::move(s), rep_.series.size() - 1);
    } else {
      panel.series.push_back(std::move(s));
    }
  }
  return panel;
}

Panel Ingest(const IngestOptions& o, int threads, IngestReport* report, RunInfo* run,
             std::size_t chunk_bytes, const SeriesSink* sink) {
  IngestReport local;
  IngestReport& rep = report ? *report : local;
  rep = IngestReport{};

  Frequency freq = Frequency::kDay;
  bool infer = o.frequency.empty();
  if (!infer && !ParseFrequency(o.frequency, &freq)) {
    throw UsageError("--freq: expected D, W, M, Q or Y, got \"" + o.frequency + "\"");
  }
  if (!o.date_format.empty()) {
    std::string why = CheckDateFormat(o.date_format);
    if (!why.empty()) throw UsageError("--date-format: " + why);
  }

  const std::uint64_t max_memory = ResolveMaxMemory(o.max_memory);

  CsvReader csv(o.input);
  const int date_i = csv.RequireColumn(o.date_col, "--date-col");
  const int sku_i = csv.RequireColumn(o.sku_col, "--sku-col");
  const int qty_i = csv.RequireColumn(o.qty_col, "--qty-col");
  const int loc_i =
      o.location_col.empty() ? -1 : csv.RequireColumn(o.location_col, "--location-col");

  std::vector<Column> extras;
  if (!o.extra_cols.empty()) {
    for (const auto& name : o.extra_cols) {
      int idx = csv.RequireColumn(name, "--extra-cols");
      if (idx == date_i || idx == sku_i || idx == qty_i || idx == loc_i) {
        throw UsageError("--extra-cols: '" + name + "' is a key column");
      }
      extras.emplace_back(name, idx, true);
    }
  } else {
    for (std::size_t i = 0; i < csv.header().size(); ++i) {
      int idx = static_cast<int>(i);
      if (idx == date_i || idx == sku_i || idx == qty_i || idx == loc_i) continue;
      const std::string& name = csv.header()[i];
      if (name.empty()) continue;
      if (IsIdentifierName(name)) {
        rep.ignored_columns.push_back(name);
        rep.ignored_reasons.push_back(
            "identifier: by its name (name it in --extra-cols to carry it)");
        continue;
      }
      extras.emplace_back(name, idx, false);
      extras.back().sniff = !IsMeasureName(name);
    }
  }

  ChunkSpec spec;
  spec.display_name = csv.display_name();
  spec.header = &csv.header();
  spec.date = date_i;
  spec.sku = sku_i;
  spec.qty = qty_i;
  spec.location = loc_i;
  for (const Column& c : extras) spec.extras.push_back({c.index, c.requested});
  spec.date_format = o.date_format;
  spec.stop_at_bad_row = o.on_bad_row == BadRowPolicy::kError;
  PanelBuilder builder(o, &extras, freq, infer, &rep, spec.display_name, max_memory, csv.line());

  // Up to `workers` chunks are parsed at once while the calling thread reads the
  // next ones and applies finished batches in order. An input error met by the
  // reader is thrown only after the chunks before it, which may hold an earlier bad
  // row.
  // More than four parsers would outrun the one thread that applies their batches,
  // and each chunk in flight holds its text and its rows in memory.
  const std::size_t workers =
      std::min<std::size_t>(4, static_cast<std::size_t>(ResolveThreads(threads)));
  struct Job {
    std::unique_ptr<CsvChunk> chunk;  // both destroyed after the task that uses them
    std::unique_ptr<RowBatch> batch;
    std::future<void> done;
  };
  std::vector<std::unique_ptr<CsvChunk>> spare_chunks;
  std::vector<std::unique_ptr<RowBatch>> spare_batches;
  auto take = [](auto* spare) {
    using T = typename std::remove_reference_t<decltype(*spare)>::value_type::element_type;
    if (spare->empty()) return std::make_unique<T>();
    auto p = std::move(spare->back());
    spare->pop_back();
    return p;
  };
  std::deque<Job> jobs;
  std::exception_ptr read_error;
  bool more = true;
  for (;;) {
    while (more && jobs.size() < workers) {
      std::unique_ptr<CsvChunk> chunk = take(&spare_chunks);
      try {
        more = csv.NextChunk(chunk.get(), chunk_bytes);
      } catch (const Error&) {
        read_error = std::current_exception();
        more = false;
      }
      if (!more) break;
      std::unique_ptr<RowBatch> batch = take(&spare_batches);
      if (workers == 1) {
        ParseChunk(*chunk, spec, batch.get());
        builder.Apply(*batch);
        spare_chunks.push_back(std::move(chunk));
        spare_batches.push_back(std::move(batch));
        continue;
      }
      const CsvChunk* c = chunk.get();
      RowBatch* b = batch.get();
      CountWorkerThread();
      jobs.push_back({std::move(chunk), std::move(batch),
                      std::async(std::launch::async, [c, b, &spec] { ParseChunk(*c, spec, b); })});
    }
    if (jobs.empty()) break;
    jobs.front().done.get();
    builder.Apply(*jobs.front().batch);
    spare_chunks.push_back(std::move(jobs.front().chunk));
    spare_batches.push_back(std::move(jobs.front().batch));
    jobs.pop_front();
  }
  if (read_error) std::rethrow_exception(read_error);
  if (run) run->inputs.push_back(csv.Info());
  return builder.Finish(loc_i >= 0, sink);
}

}  // namespace

Panel ReadPanelThreaded(const IngestOptions& o, int threads, IngestReport* report, RunInfo* run,
                        std::size_t chunk_bytes) {
  return Ingest(o, threads, report, run, chunk_bytes, nullptr);
}

Panel ReadPanelSeries(const IngestOptions& o, int threads, IngestReport* report, RunInfo* run,
                      const SeriesSink& sink, std::size_t chunk_bytes) {
  return Ingest(o, threads, report, run, chunk_bytes, &sink);
}

Panel ReadPanel(const IngestOptions& o, IngestReport* report, RunInfo* run) {
  return ReadPanelThreaded(o, 0, report, run);
}

}  // namespace invplan
