// The orders section: spend per supplier against its minimum and the table of
// order lines (sortable, filterable by supplier; changed lines highlighted).
#include <algorithm>
#include <map>
#include <set>

#include "invplan/artifact.h"
#include "report/charts.h"
#include "report/page.h"

namespace invplan::report {
namespace {

std::string NumCell(double v, const std::string& text) {
  return "<td class=\"num\" data-v=\"" + FormatDouble(v) + "\">" + Escape(text) + "</td>";
}
std::string OptCell(const std::optional<double>& v, int decimals) {
  if (!v) return "<td class=\"num\" data-v=\"\"></td>";
  return NumCell(*v, FormatDecimals(*v, decimals));
}

}  // namespace

std::string OrdersSection(const ReportData& d, const std::vector<SkuPick>& picks,
                          ChartSink& charts) {
  std::string s = "<section id=\"orders\">\n<h2>Orders</h2>\n";
  s += "<p>" + Count(d.lines.size()) + " order lines, spend " + Money(d.budget_used) +
       (d.budget ? " of a budget of " + Money(*d.budget) : std::string()) + "; solver status " +
       Escape(d.orders_status) + ".</p>\n";

  if (!d.suppliers.empty()) {
    std::vector<Bar> bars;
    for (const SupplierSpend& sp : d.suppliers) {
      Bar b;
      b.label = sp.name.empty() ? "(no supplier)" : sp.name;
      b.value = sp.spend;
      b.reference = sp.minimum ? *sp.minimum : -1;
      b.color = sp.minimum && sp.spend + 1e-9 < *sp.minimum ? color::kBad : color::kForecast;
      b.tip = b.label + ": spend " + Money(sp.spend) +
              (sp.minimum ? ", minimum " + Money(*sp.minimum) : std::string(", no minimum")) +
              ", " + Count(sp.skus) + " SKUs";
      bars.push_back(b);
    }
    s += "<h3>Spend per supplier</h3>\n<figure>" +
         charts.Inline("supplier-spend", BarChart("Spend per supplier against its minimum", bars,
                                                  "spend (tick: supplier minimum)")) +
         "</figure>\n";
  }
  if (d.lines.empty()) {
    s += "<p>Nothing to order.</p>\n</section>\n";
    return s;
  }

  std::map<std::string, std::size_t> anchor;
  for (std::size_t i = 0; i < picks.size(); ++i) anchor[d.series[picks[i].series].key] = i;
  std::set<std::string> suppliers;
  for (const OrderLine& l : d.lines) suppliers.insert(l.supplier);

  s += "<div class=\"controls js-only\"><label>Supplier <select id=\"supplier-filter\">"
       "<option value=\"\">all</option>";
  for (const std::string& sup : suppliers) {
    s += "<option value=\"" + Escape(sup) + "\">" + Escape(sup.empty() ? "(none)" : sup) +
         "</option>";
  }
  s += "</select></label> <span id=\"orders-shown\"></span></div>\n";

  // The largest lines first; at most max_rows of them.
  std::vector<const OrderLine*> rows;
  for (const OrderLine& l : d.lines) rows.push_back(&l);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const OrderLine* a, const OrderLine* b) { return a->cost > b->cost; });
  const std::size_t limit = static_cast<std::size_t>(std::max(d.options.max_rows, 0));
  if (rows.size() > limit) {
    s += "<p class=\"note\">The " + Count(limit) + " largest of " + Count(rows.size()) +
         " lines by spend are listed.</p>\n";
    rows.resize(limit);
  }
  // Lines of a network plan say where the units go (invplan/orders.h).
  const bool routed = std::any_of(d.lines.begin(), d.lines.end(),
                                  [](const OrderLine& l) { return !l.from.empty(); });
  s += "<table id=\"orders-table\" class=\"sortable\"><thead><tr>"
       "<th data-key=\"sku\">SKU</th><th data-key=\"supplier\">supplier</th>";
  if (routed) s += "<th data-key=\"route\">from → to</th><th data-key=\"kind\">kind</th>";
  s += "<th class=\"num\" data-key=\"quantity\">quantity</th>"
       "<th class=\"num\" data-key=\"cost\">spend</th>"
       "<th class=\"num\" data-key=\"value\">expected profit</th>"
       "<th class=\"num\" data-key=\"volume\">volume</th>"
       "<th class=\"num\" data-key=\"demand\">demand mean</th>"
       "<th class=\"num\" data-key=\"fill\">fill rate</th>";
  if (d.has_changes) s += "<th data-key=\"change\">change</th>";
  s += "</tr></thead>\n<tbody>\n";
  for (const OrderLine* l : rows) {
    s += "<tr data-supplier=\"" + Escape(l->supplier) + "\"" +
         (l->change.empty() ? "" : " class=\"changed\"") + "><td>";
    auto it = anchor.find(l->sku);
    if (it != anchor.end()) {
      s += "<a href=\"#" + SkuAnchor(it->second) + "\">" + Escape(l->sku) + "</a>";
    } else {
      s += Escape(l->sku);
    }
    s += "</td><td>" + Escape(l->supplier) + "</td>";
    if (routed) {
      s += "<td>" + Escape(l->from) + " → " + Escape(l->to) + "</td><td>" + Escape(l->kind) +
           "</td>";
    }
    s += NumCell(l->quantity, FormatDecimals(l->quantity, 2)) + NumCell(l->cost, Money(l->cost)) +
         NumCell(l->value, Money(l->value)) + NumCell(l->volume, FormatDecimals(l->volume, 3)) +
         OptCell(l->demand_mean, 1) +
         (l->fill_rate ? NumCell(*l->fill_rate, Percent(*l->fill_rate, 1)) : OptCell({}, 0));
    if (d.has_changes) {
      std::string change = l->change;
      if (l->previous_quantity) change += " (was " + FormatDecimals(*l->previous_quantity, 2) + ")";
      s += "<td>" + Escape(change) + "</td>";
    }
    s += "</tr>\n";
  }
  s += "</tbody></table>\n</section>\n";
  return s;
}

}  // namespace invplan::report
