// The memory ingest may plan for (--max-memory), and the estimate it checks
// before allocating a panel's cells.
//
// Contract: ResolveMaxMemory("") is half of the memory the process may use: the
// machine's physical memory, or less under an address-space limit (ulimit -v) or
// a cgroup v2 memory limit;
// otherwise the text is a size in bytes with an optional K, M, G or T suffix
// (powers of 1024), e.g. "512M", "8G". Anything else throws Error(kUsage).
// The estimate is per period and column: what the accumulated cells and the
// assembled series take, so a file whose dates span millennia or that has a
// hundred thousand columns is refused (Error(kBadInput), exit 3) with the
// estimate before memory runs out, instead of after.
#pragma once

#include <cstdint>
#include <string>

namespace invplan {

std::uint64_t ResolveMaxMemory(const std::string& text);

// Bytes a panel of `periods` period cells (summed over its series) with
// `extra_columns` carried columns is estimated to need.
std::uint64_t PanelBytesEstimate(std::uint64_t periods, std::uint64_t extra_columns);

// "3.2 GiB", "512.0 MiB", "12 KiB"-style text for messages.
std::string FormatBytes(std::uint64_t bytes);

}  // namespace invplan
