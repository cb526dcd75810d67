#include "ingest/accumulator.h"

#include <sys/mman.h>

#include <algorithm>
#include <new>

namespace invplan {
namespace {

constexpr std::size_t kBlockBytes = std::size_t(64) << 20;  // address space, not memory
constexpr std::size_t kHugePage = std::size_t(2) << 20;

}  // namespace

CellArena::~CellArena() {
  for (const Block& b : blocks_) ::munmap(b.base, b.bytes);
}

char* CellArena::Allocate(std::size_t bytes) {
  if (bytes > left_) {
    // A fresh mapping: its pages read as zero and cost nothing until touched.
    std::size_t size = std::max(kBlockBytes, (bytes + kHugePage - 1) / kHugePage * kHugePage);
    void* base = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    ::madvise(base, size, MADV_HUGEPAGE);  // a hint; fine if refused
#endif
    blocks_.push_back({base, size});
    next_ = static_cast<char*>(base);
    left_ = size;
  }
  char* out = next_;
  next_ += bytes;
  left_ -= bytes;
  return out;
}

void SeriesAccumulator::Cover(std::int64_t p) {
  const std::int64_t page = p >> kPageShift;  // arithmetic shift: floor division
  if (pages_.empty()) {
    first_page_ = page;
    pages_.push_back(arena_->Allocate(PageBytes()));
    first_ = last_ = p;
    return;
  }
  if (page < first_page_) {
    std::vector<char*> fresh(static_cast<std::size_t>(first_page_ - page));
    for (auto& f : fresh) f = arena_->Allocate(PageBytes());
    pages_.insert(pages_.begin(), fresh.begin(), fresh.end());
    first_page_ = page;
  }
  while (page >= first_page_ + static_cast<std::int64_t>(pages_.size())) {
    pages_.push_back(arena_->Allocate(PageBytes()));
  }
  first_ = std::min(first_, p);
  last_ = std::max(last_, p);
}

void SeriesAccumulator::Export(const std::vector<std::size_t>& columns, double* quantity,
                               std::uint32_t* line,
                               std::vector<std::vector<double>>* extras) const {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::size_t t = 0;
  for (std::int64_t p = first_; p <= last_; ++p, ++t) {
    const Cell c = At(p);
    const std::uint32_t first_line = Line(c);
    if (first_line == 0) {
      quantity[t] = nan;
      line[t] = 0;
      for (std::size_t j = 0; j < columns.size(); ++j) (*extras)[j][t] = nan;
      continue;
    }
    quantity[t] = Qty(c);
    line[t] = first_line;
    for (std::size_t j = 0; j < columns.size(); ++j) (*extras)[j][t] = ExtraOf(c, columns[j]);
  }
}

}  // namespace invplan
