#include "common/csv_reader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "invplan/error.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace invplan {
namespace {

// A physical line may not be longer than this: a file without line breaks is not
// a CSV export, and the bound keeps the buffer bounded.
constexpr std::size_t kMaxLine = (std::size_t(1) << 24) - 1;
constexpr std::size_t kInitialBuffer = std::size_t(1) << 20;
static_assert(kMaxCsvRecord > kMaxLine, "a record holds at least one whole line");

// The line on which the last quoted field opened in the record at [p, end),
// which starts on line `first_line` and is not complete: the quote never closed.
std::size_t OpenQuoteLine(const char* p, const char* end, std::size_t first_line) {
  std::size_t line = first_line, open_line = first_line;
  bool in_quotes = false, field_start = true;
  for (; p < end; ++p) {
    const char c = *p;
    if (c == '\n') ++line;
    if (in_quotes) {
      if (c == '"' && p + 1 < end && p[1] == '"') {
        ++p;
      } else if (c == '"') {
        in_quotes = false;
        field_start = false;
      }
    } else if (c == ',' || c == '\n') {
      field_start = true;
    } else if (c == '"' && field_start) {
      in_quotes = true;
      open_line = line;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      field_start = false;
    }
  }
  return open_line;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::size_t CountLineBreaks(const char* p, const char* end) {
  // A plain loop the compiler vectorises; far cheaper than one memchr per line.
  std::size_t n = 0;
  for (; p < end; ++p) n += *p == '\n';
  return n;
}

}  // namespace

const char* CsvRecordSplitter::Split(const char* p, const char* end, bool eof, bool may_quote) {
  // By far the common case: a line without quotes, whose fields are views into the
  // input. Commas, the line break and quotes are found 16 bytes at a time.
  fields_.clear();
  const char* start = p;
  const char* q = p;
  const char* nl = nullptr;
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), newline = _mm_set1_epi8('\n'),
                quote = _mm_set1_epi8('"');
  for (; end - q >= 16; q += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(q));
    unsigned commas = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)));
    const unsigned breaks = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)));
    unsigned quotes =
        may_quote ? static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote))) : 0u;
    if (breaks) {
      const unsigned before = (1u << __builtin_ctz(breaks)) - 1;
      commas &= before;
      quotes &= before;
    }
    if (quotes) return SplitQuoted(p, end, eof);
    for (; commas; commas &= commas - 1) {
      const char* c = q + __builtin_ctz(commas);
      fields_.emplace_back(start, static_cast<std::size_t>(c - start));
      start = c + 1;
    }
    if (breaks) {
      nl = q + __builtin_ctz(breaks);
      break;
    }
  }
#endif
  if (!nl) {
    for (; q < end && *q != '\n'; ++q) {
      if (*q == ',') {
        fields_.emplace_back(start, static_cast<std::size_t>(q - start));
        start = q + 1;
      } else if (*q == '"' && may_quote) {
        return SplitQuoted(p, end, eof);
      }
    }
    if (q < end) {
      nl = q;
    } else if (!eof) {
      return nullptr;
    }
  }
  const char* stop = nl ? nl : end;
  const char* text_end = stop > start && stop[-1] == '\r' ? stop - 1 : stop;
  fields_.emplace_back(start, static_cast<std::size_t>(text_end - start));
  lines_ = 1;
  return nl ? nl + 1 : end;
}

const char* CsvRecordSplitter::SplitQuoted(const char* p, const char* end, bool eof) {
  scratch_.clear();
  spans_.clear();
  std::size_t field_start = 0, lines = 1;
  bool in_quotes = false;
  const char* line = p;
  for (;;) {
    const char* nl =
        static_cast<const char*>(std::memchr(line, '\n', static_cast<std::size_t>(end - line)));
    if (!nl && !eof) return nullptr;
    const char* stop = nl ? nl : end;
    const char* text_end = stop > line && stop[-1] == '\r' ? stop - 1 : stop;
    for (const char* q = line; q < text_end; ++q) {
      char c = *q;
      if (in_quotes) {
        if (c != '"') {
          scratch_.push_back(c);
        } else if (q + 1 < text_end && q[1] == '"') {
          scratch_.push_back('"');
          ++q;
        } else {
          in_quotes = false;
        }
      } else if (c == ',') {
        spans_.emplace_back(field_start, scratch_.size());
        field_start = scratch_.size();
      } else if (c == '"' && BlankField(std::string_view(scratch_).substr(field_start))) {
        // A quote opens a field only before any text (blanks before it are dropped);
        // elsewhere it is an ordinary character, as in 12" screen.
        scratch_.resize(field_start);
        in_quotes = true;
      } else {
        scratch_.push_back(c);
      }
    }
    if (!in_quotes) break;
    // The quoted field goes on after the line break (or is never closed).
    if (!nl || nl + 1 == end) return nullptr;
    scratch_.push_back('\n');
    line = nl + 1;
    ++lines;
  }
  spans_.emplace_back(field_start, scratch_.size());
  fields_.clear();
  for (auto [from, to] : spans_) fields_.emplace_back(scratch_.data() + from, to - from);
  lines_ = lines;
  const char* nl =
      static_cast<const char*>(std::memchr(line, '\n', static_cast<std::size_t>(end - line)));
  return nl ? nl + 1 : end;
}

bool CsvRecordSplitter::blank() const {
  return fields_.size() == 1 && BlankField(fields_[0]);
}

CsvReader::CsvReader(const std::string& path)
    : input_(std::make_unique<InputFile>(path)),
      buf_(new char[kInitialBuffer]),
      cap_(kInitialBuffer) {
  Fill();
  if (end_ >= 3 && std::memcmp(buf_.get(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;  // UTF-8 BOM
  while (Next()) {
    if (!split_.blank()) break;
  }
  if (split_.size() == 0) {
    throw InputError(input_->display_name() + ": the file is empty (expected a header line)");
  }
  for (std::string_view h : split_.fields()) header_.emplace_back(Trim(h));
  row_ = static_cast<std::size_t>(-1);
}

CsvReader::~CsvReader() = default;

bool CsvReader::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    std::memmove(buf_.get(), buf_.get() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == cap_) {
    // One record longer than the buffer: grow, unless its last line is too long.
    const char* b = buf_.get();
    const char* last = static_cast<const char*>(::memrchr(b, '\n', end_));
    std::size_t tail = last ? static_cast<std::size_t>(b + end_ - (last + 1)) : end_;
    if (tail > kMaxLine) ThrowLineTooLong(next_line_ + CountLineBreaks(b, b + end_));
    // Several lines in one record: a quoted field spans them. Bounded, so a quote
    // that is never closed cannot make the reader buffer the whole input.
    if (end_ >= kMaxCsvRecord) {
      throw InputError(input_->display_name() + ":" +
                       std::to_string(OpenQuoteLine(b, b + end_, next_line_)) +
                       ": a quoted field opened on this line is not closed within " +
                       std::to_string(kMaxCsvRecord >> 20) +
                       " MiB (the most one record may span); a closing quote is probably missing");
    }
    std::unique_ptr<char[]> bigger(new char[2 * cap_]);
    std::memcpy(bigger.get(), b, end_);
    buf_ = std::move(bigger);
    cap_ *= 2;
  }
  std::size_t want = cap_ - end_;
  std::size_t got = input_->Read(buf_.get() + end_, want);
  end_ += got;
  if (got < want) eof_ = true;
  return got > 0;
}

void CsvReader::ThrowLineTooLong(std::size_t line) const {
  throw InputError(input_->display_name() + ": Line number " + std::to_string(line) +
                   " in file \"" + input_->display_name() +
                   "\" exceeds the maximum length of 2^24-1.");
}

void CsvReader::ThrowUnterminated(std::size_t line) const {
  // The line where the quote opened, which may be after the record's first line.
  const char* b = buf_.get();
  line = OpenQuoteLine(b + pos_, b + end_, line);
  throw InputError(input_->display_name() + ":" + std::to_string(line) +
                   ": unterminated quoted field");
}

int CsvReader::FindColumn(std::string_view name) const {
  name = Trim(name);
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

int CsvReader::RequireColumn(std::string_view name, std::string_view option) const {
  int idx = FindColumn(name);
  if (idx >= 0) return idx;
  std::string msg = input_->display_name() + ":1: missing column '" + std::string(name) + "'";
  if (!option.empty()) msg += " (named by " + std::string(option) + ")";
  msg += "; the header has: ";
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (i) msg += ", ";
    msg += header_[i];
  }
  throw InputError(msg);
}

bool CsvReader::Next() {
  for (;;) {
    if (pos_ == end_ && !Fill()) {
      split_ = CsvRecordSplitter();
      return false;
    }
    const char* b = buf_.get();
    const char* next = split_.Split(b + pos_, b + end_, eof_);
    if (!next) {
      if (eof_) ThrowUnterminated(next_line_);
      Fill();
      continue;
    }
    line_ = next_line_;
    next_line_ += split_.lines();
    pos_ = static_cast<std::size_t>(next - b);
    if (split_.blank()) continue;  // an empty line
    ++row_;
    return true;
  }
}

bool CsvReader::NextChunk(CsvChunk* chunk, std::size_t target_bytes) {
  if (cap_ < target_bytes) {
    std::unique_ptr<char[]> bigger(new char[target_bytes]);
    std::memcpy(bigger.get(), buf_.get() + pos_, end_ - pos_);
    buf_ = std::move(bigger);
    cap_ = target_bytes;
    end_ -= pos_;
    pos_ = 0;
  }
  for (;;) {
    if (end_ - pos_ < target_bytes && !eof_) {
      Fill();
      continue;
    }
    if (pos_ == end_) return false;
    const char* b = buf_.get() + pos_;
    const char* e = buf_.get() + end_;
    const bool quotes = std::memchr(b, '"', static_cast<std::size_t>(e - b)) != nullptr;
    // Cut after the last record that starts before b + target_bytes.
    const char* limit = b + std::min(target_bytes, static_cast<std::size_t>(e - b));
    const char* cut = b;
    std::size_t lines = 0;
    if (!quotes) {
      const void* nl = ::memrchr(b, '\n', static_cast<std::size_t>(limit - b));
      if (!nl) nl = std::memchr(limit, '\n', static_cast<std::size_t>(e - limit));
      cut = nl ? static_cast<const char*>(nl) + 1 : eof_ ? e : b;
      if (eof_ && limit == e) cut = e;
      lines = CountLineBreaks(b, cut);
    } else {
      // Quotes decide where records end: walk them with the splitter's rules.
      for (const char* p = b; p < limit;) {
        const char* next = split_.Split(p, e, eof_);
        if (!next) break;
        lines += split_.lines();
        p = cut = next;
      }
    }
    if (cut == b) {
      if (eof_) ThrowUnterminated(next_line_);
      Fill();  // a record longer than the buffer
      continue;
    }
    const std::size_t taken = static_cast<std::size_t>(cut - b);
    const std::size_t rest = static_cast<std::size_t>(e - cut);
    if (taken <= rest) {
      // Small chunks (or a grown buffer): copy the records out.
      if (chunk->capacity < taken) {
        chunk->storage.reset(new char[taken]);
        chunk->capacity = taken;
      }
      std::memcpy(chunk->storage.get(), b, taken);
      chunk->begin = chunk->storage.get();
      chunk->end = chunk->begin + taken;
      pos_ += taken;
    } else {
      // The chunk takes the buffer; what follows the cut moves to the chunk's old
      // storage, which becomes the buffer.
      std::unique_ptr<char[]> next = std::move(chunk->storage);
      std::size_t next_cap = chunk->capacity;
      if (!next || next_cap < cap_) {
        next.reset(new char[cap_]);
        next_cap = cap_;
      }
      std::memcpy(next.get(), cut, rest);
      chunk->begin = b;
      chunk->end = cut;
      chunk->storage = std::move(buf_);
      chunk->capacity = cap_;
      buf_ = std::move(next);
      cap_ = next_cap;
      pos_ = 0;
      end_ = rest;
    }
    chunk->first_line = next_line_;
    chunk->has_quotes = quotes;
    next_line_ += lines;
    return true;
  }
}

std::string CsvReader::Where() const {
  return input_->display_name() + ":" + std::to_string(line_);
}

void CsvReader::CheckFieldCount() const {
  if (size() != header_.size()) {
    throw InputError(Where() + ": expected " + std::to_string(header_.size()) +
                     " fields as in the header, got " + std::to_string(size()));
  }
}

std::string CsvReader::FieldError(std::size_t column, std::string_view expected) const {
  return CsvFieldError(Where(), header_, split_.fields(), column, expected);
}

std::string CsvFieldError(const std::string& where, const std::vector<std::string>& header,
                          const std::vector<std::string_view>& fields, std::size_t column,
                          std::string_view expected) {
  std::string name = column < header.size() ? header[column] : std::to_string(column + 1);
  std::string_view value = column < fields.size() ? fields[column] : std::string_view();
  return where + ": column '" + name + "': expected " + std::string(expected) + ", got " +
         Quoted(value);
}

InputInfo CsvReader::Info() {
  return input_->Info();
}

bool ParseNumber(std::string_view text, double* value) {
  text = Trim(text);
  if (text.empty()) return false;
  if (text.front() == '+') text.remove_prefix(1);
  // Fast path for plain decimals with at most 15 significant digits: the digits
  // and the power of ten are exact doubles, so one division rounds correctly,
  // giving the same double as from_chars.
  {
    const char* p = text.data();
    const char* end = p + text.size();
    bool neg = p < end && *p == '-';
    if (neg) ++p;
    std::uint64_t mantissa = 0;
    int digits = 0, frac = -1;
    for (; p < end && digits <= 15; ++p) {
      if (*p >= '0' && *p <= '9') {
        mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
        ++digits;
        if (frac >= 0) ++frac;
      } else if (*p == '.' && frac < 0) {
        frac = 0;
      } else {
        break;
      }
    }
    if (p == end && digits > 0 && digits <= 15) {
      static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                          1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
      double v = static_cast<double>(mantissa);
      if (frac > 0) v /= kPow10[frac];
      *value = neg ? -v : v;
      return true;
    }
  }
  const char* end = text.data() + text.size();
  auto res = std::from_chars(text.data(), end, *value, std::chars_format::general);
  if (res.ec != std::errc() || res.ptr != end) return false;
  return std::isfinite(*value);
}

std::string CsvEscape(std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string Quoted(std::string_view value) {
  std::string out = "\"";
  if (value.size() > 60) {
    out.append(value.substr(0, 57));
    out.append("...");
  } else {
    out.append(value);
  }
  out.push_back('"');
  return out;
}

}  // namespace invplan
