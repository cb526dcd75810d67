// The options of `invplan merge`, declared once (see invplan/options.h).
#include "invplan/merge.h"

namespace invplan {
namespace {

OptionTable<MergeOptions> MakeTable() {
  OptionTable<MergeOptions> t;
  t.Group("Output");
  t.Text("output", &MergeOptions::output,
         "The merged artifact (- for stdout): what the unsharded run writes", "FILE")
      .Short('o')
      .Required();
  return t;
}

}  // namespace

const OptionTable<MergeOptions>& MergeOptionTable() {
  static const OptionTable<MergeOptions> kTable = MakeTable();
  return kTable;
}

}  // namespace invplan
