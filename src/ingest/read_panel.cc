// Streaming ingest: one pass over the CSV, rows aggregated into per-series
// period cells as they arrive, so memory follows the panel, not the file.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <unordered_map>

#include "common/csv_reader.h"
#include "ingest/accumulator.h"
#include "ingest/date_parse.h"
#include "invplan/error.h"
#include "invplan/ingest.h"

namespace invplan {
namespace {

constexpr std::size_t kSkippedExamples = 5;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// How an extra column is aggregated within a period: stock levels take the last
// value, flows (receipts, returns) are summed, everything else (price, promo
// share, ...) is averaged.
ExtraAgg AggregationFor(const std::string& column) {
  std::string c = column;
  for (auto& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* stock : {"on_hand", "onhand", "stock", "inventory"}) {
    if (c.find(stock) != std::string::npos) return ExtraAgg::kLast;
  }
  for (const char* flow : {"receipt", "received", "returns", "units_ordered"}) {
    if (c.find(flow) != std::string::npos) return ExtraAgg::kSum;
  }
  return ExtraAgg::kMean;
}

// Infers the frequency from the distinct active days: the most common gap
// between consecutive ones.
Frequency InferFrequency(std::vector<std::int64_t> days) {
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  if (days.size() < 2) return Frequency::kDay;
  std::map<std::int64_t, std::size_t> gaps;
  for (std::size_t i = 1; i < days.size(); ++i) ++gaps[days[i] - days[i - 1]];
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
  std::string name;
  int index;
  bool requested;  // named by --extra-cols: a non-number is a bad row
  bool numeric = true;
  ExtraAgg agg;
};

}  // namespace

Panel ReadPanel(const IngestOptions& o, IngestReport* report, RunInfo* run) {
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

  CsvReader csv(o.input);
  const int date_i = csv.RequireColumn(o.date_col, "--date-col");
  const int sku_i = csv.RequireColumn(o.sku_col, "--sku-col");
  const int qty_i = csv.RequireColumn(o.qty_col, "--qty-col");
  const int loc_i = o.location_col.empty() ? -1 : csv.RequireColumn(o.location_col, "--location-col");

  std::vector<Column> extras;
  if (!o.extra_cols.empty()) {
    for (const auto& name : o.extra_cols) {
      int idx = csv.RequireColumn(name, "--extra-cols");
      if (idx == date_i || idx == sku_i || idx == qty_i || idx == loc_i) {
        throw UsageError("--extra-cols: '" + name + "' is a key column");
      }
      extras.push_back({name, idx, true, true, AggregationFor(name)});
    }
  } else {
    for (std::size_t i = 0; i < csv.header().size(); ++i) {
      int idx = static_cast<int>(i);
      if (idx == date_i || idx == sku_i || idx == qty_i || idx == loc_i) continue;
      if (csv.header()[i].empty()) continue;
      extras.push_back({csv.header()[i], idx, false, true, AggregationFor(csv.header()[i])});
    }
  }

  std::unordered_map<std::string, std::size_t> index;
  std::vector<std::pair<std::string, std::string>> keys;
  std::vector<std::unique_ptr<SeriesAccumulator>> acc;
  std::vector<double> row_extras(extras.size());
  std::vector<std::int64_t> active_days;  // for inference only, one per (series, day) cell
  std::string key;
  const bool use_format = !o.date_format.empty();

  auto bad_row = [&](const std::string& message) {
    if (o.on_bad_row == BadRowPolicy::kError) {
      throw InputError(message + " (use --on-bad-row skip to skip such rows)");
    }
    ++rep.rows_skipped;
    if (rep.skipped_examples.size() < kSkippedExamples) rep.skipped_examples.push_back(message);
  };

  while (csv.Next()) {
    ++rep.rows_read;
    if (csv.size() != csv.header().size()) {
      bad_row(csv.Where() + ": expected " + std::to_string(csv.header().size()) +
              " fields as in the header, got " + std::to_string(csv.size()));
      continue;
    }
    std::int64_t day;
    std::string_view date_text = csv.field(static_cast<std::size_t>(date_i));
    bool date_ok = use_format ? ParseDateWithFormat(date_text, o.date_format, &day)
                              : ParseIsoDate(date_text, &day);
    if (!date_ok) {
      bad_row(csv.FieldError(static_cast<std::size_t>(date_i),
                             use_format ? "a date in the format " + o.date_format
                                        : std::string("a date (YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] "
                                                      "or YYYY-MM; see --date-format)")));
      continue;
    }
    std::string_view sku = csv.field(static_cast<std::size_t>(sku_i));
    while (!sku.empty() && sku.front() == ' ') sku.remove_prefix(1);
    while (!sku.empty() && sku.back() == ' ') sku.remove_suffix(1);
    if (sku.empty()) {
      bad_row(csv.FieldError(static_cast<std::size_t>(sku_i), "a non-empty SKU"));
      continue;
    }
    double qty;
    if (!ParseNumber(csv.field(static_cast<std::size_t>(qty_i)), &qty)) {
      bad_row(csv.FieldError(static_cast<std::size_t>(qty_i), "a number"));
      continue;
    }
    bool row_ok = true;
    for (std::size_t k = 0; k < extras.size(); ++k) {
      Column& c = extras[k];
      row_extras[k] = kNaN;
      if (!c.numeric) continue;
      std::string_view text = csv.field(static_cast<std::size_t>(c.index));
      if (text.find_first_not_of(" \t") == std::string_view::npos) continue;  // missing
      double v;
      if (ParseNumber(text, &v)) {
        row_extras[k] = v;
      } else if (c.requested) {
        bad_row(csv.FieldError(static_cast<std::size_t>(c.index), "a number"));
        row_ok = false;
        break;
      } else {
        // A column that is not numeric throughout is not carried (e.g. Description).
        c.numeric = false;
        rep.ignored_columns.push_back(c.name);
        spdlog::debug("column '{}' is not numeric ({}); not carried along", c.name, csv.Where());
      }
    }
    if (!row_ok) continue;

    std::string_view loc = loc_i >= 0 ? csv.field(static_cast<std::size_t>(loc_i)) : "";
    key.assign(sku);
    if (loc_i >= 0) {
      key.push_back('\x1f');
      key.append(loc);
    }
    auto [it, inserted] = index.try_emplace(key, acc.size());
    if (inserted) {
      keys.emplace_back(std::string(sku), std::string(loc));
      acc.push_back(std::make_unique<SeriesAccumulator>(extras.size()));
    }
    SeriesAccumulator& series = *acc[it->second];
    if (qty < 0) {
      ++series.negatives;
      if (o.negatives == NegativePolicy::kDrop) {
        ++rep.rows_dropped_negative;
        continue;
      }
      if (o.negatives == NegativePolicy::kZero) qty = 0.0;
    }
    std::int64_t period = infer ? day : PeriodOfDay(day, freq);
    if (infer && (series.empty() || day < series.first() || day > series.last() ||
                  series.row_count(day) == 0)) {
      active_days.push_back(day);
    }
    series.Add(period, day, qty, static_cast<std::uint32_t>(csv.line()), row_extras.data());
    ++rep.rows_used;
  }
  if (run) run->inputs.push_back(csv.Info());

  if (infer) {
    freq = InferFrequency(std::move(active_days));
    rep.frequency_inferred = true;
    if (freq != Frequency::kDay) {
      for (auto& a : acc) {
        auto rolled = std::make_unique<SeriesAccumulator>(extras.size());
        rolled->RollUpFrom(*a, [freq](std::int64_t d) { return PeriodOfDay(d, freq); });
        a = std::move(rolled);
      }
    }
  }

  // Assemble the panel, series sorted by key, carried columns only.
  std::vector<std::size_t> carried;
  Panel panel;
  panel.frequency = freq;
  panel.has_location = loc_i >= 0;
  for (std::size_t k = 0; k < extras.size(); ++k) {
    if (extras[k].numeric) {
      carried.push_back(k);
      panel.extra_names.push_back(extras[k].name);
    }
  }
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < acc.size(); ++i) {
    if (!acc[i]->empty()) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  panel.series.reserve(order.size());
  rep.series.reserve(order.size());
  for (std::size_t i : order) {
    const SeriesAccumulator& a = *acc[i];
    Series s;
    s.sku = keys[i].first;
    s.location = keys[i].second;
    s.start = a.first();
    std::size_t n = static_cast<std::size_t>(a.last() - a.first() + 1);
    s.quantity.assign(n, kNaN);
    s.source_line.assign(n, 0);
    s.extras.assign(carried.size(), std::vector<double>(n, kNaN));
    for (std::size_t t = 0; t < n; ++t) {
      std::int64_t p = s.start + static_cast<std::int64_t>(t);
      if (a.row_count(p) == 0) continue;
      s.quantity[t] = a.qty(p);
      s.source_line[t] = a.first_line(p);
      for (std::size_t c = 0; c < carried.size(); ++c) {
        const Column& col = extras[carried[c]];
        const ExtraCell& cell = a.extra(p, carried[c]);
        if (cell.count == 0) continue;
        s.extras[c][t] = col.agg == ExtraAgg::kSum    ? cell.sum
                         : col.agg == ExtraAgg::kLast ? cell.last
                                                      : cell.sum / cell.count;
      }
    }
    SeriesReport sr;
    sr.rows = a.rows();
    sr.negatives = a.negatives;
    rep.series.push_back(sr);
    panel.series.push_back(std::move(s));
    acc[i].reset();  // keeps the peak near one copy of the panel
  }
  return panel;
}

}  // namespace invplan
