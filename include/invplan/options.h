// invplan/options.h — each option of a stage declared once, as data.
//
// A stage describes its options struct T with an OptionTable<T>: one entry per
// option with its long name, help, kind, the values it accepts and its check.
// Everything else comes from that table:
//  * the command line (src/cli registers every entry with CLI11),
//  * config files and the sections of `invplan run` (the same keys, set by name
//    through Set()),
//  * Validate(), which every stage runs on entry, so a library caller gets
//    exactly the checks of the command line,
//  * the resolved configuration written into artifacts (Resolved()),
//  * the option tables of the README (Markdown(); a test keeps them equal).
//
// Defaults are the values of a default-constructed T: the table never repeats
// them. Values are parsed from text strictly (no trailing garbage, integers must
// be whole) and every failure is an Error(kUsage) that names the option:
//   --horizon: expected a whole number, got "x"
//   --outlier-z: must be > 0, got -1
// Tables of sub-structs (ingest options inside the forecast options) are
// included with a projection, so a shared group is declared once.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "invplan/artifact.h"
#include "invplan/error.h"

namespace invplan {

// What kind of value an option takes; decides how the CLI registers it.
enum class OptionKind {
  kFlag,   // present or not (config: true/false)
  kValue,  // one value
  kList,   // comma-separated values (may be repeated on the command line)
};

// The type-independent description of one option.
struct OptionInfo {
  std::string name;        // long name without dashes, e.g. "outlier-z"
  char short_name = 0;     // e.g. 'o' for -o; 0: none
  std::string help;        // one or two sentences
  std::string value_name;  // shown in help: N, X, FILE, TEXT, or the choices a|b|c
  OptionKind kind = OptionKind::kValue;
  std::vector<std::string> choices;  // accepted words, for choice options
  bool required = false;             // must be given on the command line
  std::string group;                 // heading in help and the README
};

// Parsing helpers shared by every table (src/common/options.cc). Each throws
// Error(kUsage) naming `--name` when the text is not a value of that type.
namespace option_text {
long long ParseInteger(const std::string& name, const std::string& text);
double ParseNumber(const std::string& name, const std::string& text);
bool ParseBool(const std::string& name, const std::string& text);
std::vector<std::string> SplitList(const std::string& text);
std::string JoinList(const std::vector<std::string>& items);
// Shortest round-trip text of a number ("0.001", "5", "1e-09").
std::string Number(double value);
// "a|b|c".
std::string Choices(const std::vector<std::string>& words);
// Throws `--name: must be between lo and hi, got v` (either bound optional).
void CheckRange(const std::string& name, double value, std::optional<double> lo,
                std::optional<double> hi, bool lo_open = false, bool hi_open = false);
}  // namespace option_text

// Fields are named by a member pointer (&Options::horizon) or, for a member of a
// member, by a generic lambda: [](auto& o) -> auto& { return o.rnn.hidden; }.
template <class T, class F>
using FieldType = std::remove_cv_t<std::remove_reference_t<std::invoke_result_t<F, T&>>>;

template <class T>
class OptionTable {
 public:
  struct Entry {
    OptionInfo info;
    std::function<void(T&, const std::string&)> set;  // parses and assigns one text value
    std::function<std::string(const T&)> show;        // the value as text ("" when unset)
    std::function<void(const T&)> check;              // throws Error(kUsage); may be empty
  };

  // The builder returned by every Add*: sets the optional parts of the last entry.
  class Builder {
   public:
    explicit Builder(Entry* e) : e_(e) {}
    Builder& Short(char c) {
      e_->info.short_name = c;
      return *this;
    }
    Builder& Value(std::string name) {
      e_->info.value_name = std::move(name);
      return *this;
    }
    // Taken without a value on the command line (true/false in config files).
    Builder& AsFlag() {
      e_->info.kind = OptionKind::kFlag;
      return *this;
    }
    Builder& Required() {
      e_->info.required = true;
      return *this;
    }
    // An extra check run by Validate (after the type's own range check).
    Builder& Check(std::function<void(const T&)> fn) {
      auto prev = e_->check;
      e_->check = [prev, fn](const T& o) {
        if (prev) prev(o);
        fn(o);
      };
      return *this;
    }

   private:
    Entry* e_;
  };

  // The group that the following entries belong to (help headings).
  void Group(std::string name) { group_ = std::move(name); }

  // A whole number in [lo, hi]. `special` maps words to values (e.g. {"auto", -1})
  // that are accepted and shown as the word.
  template <class F, class I = FieldType<T, F>>
  Builder Int(std::string name, F field, std::string help, long long lo, long long hi,
              std::vector<std::pair<std::string, I>> special = {}) {
    Entry& e = NewEntry(name, std::move(help), "N");
    e.set = [name, field, lo, hi, special](T& o, const std::string& text) {
      for (const auto& [word, v] : special) {
        if (text == word) {
          std::invoke(field, o) = v;
          return;
        }
      }
      const long long v = option_text::ParseInteger(name, text);
      // Checked before the cast, so a value too large for the field is refused
      // instead of wrapping around.
      option_text::CheckRange(name, static_cast<double>(v), static_cast<double>(lo),
                              static_cast<double>(hi));
      std::invoke(field, o) = static_cast<I>(v);
    };
    e.show = [field, special](const T& o) {
      const I v = std::invoke(field, o);
      for (const auto& [word, s] : special) {
        if (v == s) return word;
      }
      return std::to_string(v);
    };
    e.check = [name, field, lo, hi, special](const T& o) {
      const I v = std::invoke(field, o);
      for (const auto& sp : special) {
        if (v == sp.second) return;
      }
      option_text::CheckRange(name, static_cast<double>(v), static_cast<double>(lo),
                              static_cast<double>(hi));
    };
    return Builder(&e);
  }

  // A number in the range given by lo/hi (open ends when lo_open/hi_open).
  template <class F>
  Builder Number(std::string name, F field, std::string help, std::optional<double> lo,
                 std::optional<double> hi, bool lo_open = false, bool hi_open = false) {
    Entry& e = NewEntry(name, std::move(help), "X");
    e.set = [name, field](T& o, const std::string& text) {
      std::invoke(field, o) = option_text::ParseNumber(name, text);
    };
    e.show = [field](const T& o) { return option_text::Number(std::invoke(field, o)); };
    e.check = [name, field, lo, hi, lo_open, hi_open](const T& o) {
      option_text::CheckRange(name, std::invoke(field, o), lo, hi, lo_open, hi_open);
    };
    return Builder(&e);
  }

  // A number that may be absent (std::nullopt: not given).
  template <class F>
  Builder OptionalNumber(std::string name, F field, std::string help, std::optional<double> lo,
                         std::optional<double> hi) {
    Entry& e = NewEntry(name, std::move(help), "X");
    e.set = [name, field](T& o, const std::string& text) {
      std::invoke(field, o) = option_text::ParseNumber(name, text);
    };
    e.show = [field](const T& o) {
      const auto& v = std::invoke(field, o);
      return v ? option_text::Number(*v) : std::string();
    };
    e.check = [name, field, lo, hi](const T& o) {
      const auto& v = std::invoke(field, o);
      if (v) option_text::CheckRange(name, *v, lo, hi);
    };
    return Builder(&e);
  }

  // Free text (a path, a spec); "" means not given.
  template <class F>
  Builder Text(std::string name, F field, std::string help, std::string value_name = "TEXT") {
    Entry& e = NewEntry(name, std::move(help), std::move(value_name));
    e.set = [field](T& o, const std::string& text) { std::invoke(field, o) = text; };
    e.show = [field](const T& o) { return std::invoke(field, o); };
    return Builder(&e);
  }

  // One word of a fixed set. `words` maps each accepted word to its value; the
  // first word of a value is how it is shown.
  template <class F, class E = FieldType<T, F>>
  Builder Choice(std::string name, F field, std::string help,
                 std::vector<std::pair<std::string, E>> words) {
    std::vector<std::string> names;
    for (const auto& w : words) names.push_back(w.first);
    Entry& e = NewEntry(name, std::move(help), option_text::Choices(names));
    e.info.choices = names;
    e.set = [name, field, words, names](T& o, const std::string& text) {
      for (const auto& [word, v] : words) {
        if (text == word) {
          std::invoke(field, o) = v;
          return;
        }
      }
      throw UsageFailure(name,
                         "expected " + option_text::Choices(names) + ", got \"" + text + "\"");
    };
    e.show = [field, words](const T& o) {
      const E v = std::invoke(field, o);
      for (const auto& w : words) {
        if (w.second == v) return w.first;
      }
      return std::string();
    };
    return Builder(&e);
  }

  // Comma-separated words (given once as a,b,c or repeated).
  template <class F>
  Builder TextList(std::string name, F field, std::string help,
                   std::string value_name = "A,B,...") {
    Entry& e = NewEntry(name, std::move(help), std::move(value_name));
    e.info.kind = OptionKind::kList;
    e.set = [field](T& o, const std::string& text) {
      std::invoke(field, o) = option_text::SplitList(text);
    };
    e.show = [field](const T& o) { return option_text::JoinList(std::invoke(field, o)); };
    return Builder(&e);
  }

  // Comma-separated numbers, each in (lo, hi) open or closed as given.
  template <class F>
  Builder NumberList(std::string name, F field, std::string help, std::optional<double> lo,
                     std::optional<double> hi, bool open = false) {
    Entry& e = NewEntry(name, std::move(help), "X,Y,...");
    e.info.kind = OptionKind::kList;
    e.set = [name, field](T& o, const std::string& text) {
      std::vector<double> v;
      for (const auto& item : option_text::SplitList(text)) {
        v.push_back(option_text::ParseNumber(name, item));
      }
      std::invoke(field, o) = std::move(v);
    };
    e.show = [field](const T& o) {
      std::vector<std::string> items;
      for (double v : std::invoke(field, o)) items.push_back(option_text::Number(v));
      return option_text::JoinList(items);
    };
    e.check = [name, field, lo, hi, open](const T& o) {
      for (double v : std::invoke(field, o)) option_text::CheckRange(name, v, lo, hi, open, open);
    };
    return Builder(&e);
  }

  // A flag: given means true (config files: true/false).
  template <class F>
  Builder Flag(std::string name, F field, std::string help) {
    Entry& e = NewEntry(name, std::move(help), "");
    e.info.kind = OptionKind::kFlag;
    e.set = [name, field](T& o, const std::string& text) {
      std::invoke(field, o) = option_text::ParseBool(name, text);
    };
    e.show = [field](const T& o) { return std::string(std::invoke(field, o) ? "true" : "false"); };
    return Builder(&e);
  }

  // An option whose text is parsed by `set` (throwing Error(kUsage)) and shown by
  // `show`: for values with their own syntax, e.g. "s,S".
  Builder Custom(std::string name, std::string help, std::string value_name,
                 std::function<void(T&, const std::string&)> set,
                 std::function<std::string(const T&)> show) {
    Entry& e = NewEntry(name, std::move(help), std::move(value_name));
    e.set = std::move(set);
    e.show = std::move(show);
    return Builder(&e);
  }

  // Every entry of `other` (a table of a member struct), reached through `part`.
  // `on_set`, when given, is called with the option's name whenever one of these
  // options is set (to record which were given explicitly).
  template <class S, class F>
  void Include(const OptionTable<S>& other, F part,
               std::function<void(T&, const std::string&)> on_set = {}) {
    for (const auto& oe : other.entries()) {
      Entry e;
      e.info = oe.info;
      auto set = oe.set;
      auto show = oe.show;
      const std::string name = oe.info.name;
      e.set = [set, part, on_set, name](T& o, const std::string& text) {
        set(std::invoke(part, o), text);
        if (on_set) on_set(o, name);
      };
      e.show = [show, part](const T& o) { return show(std::invoke(part, o)); };
      if (oe.check) {
        auto check = oe.check;
        e.check = [check, part](const T& o) { check(std::invoke(part, o)); };
      }
      entries_.push_back(std::move(e));
    }
  }

  // A check over several options (which go together, which exclude each other).
  void Rule(std::function<void(const T&)> fn) { rules_.push_back(std::move(fn)); }

  const std::vector<Entry>& entries() const { return entries_; }
  const Entry* Find(const std::string& name) const {
    for (const auto& e : entries_) {
      if (e.info.name == name) return &e;
    }
    return nullptr;
  }

  // Sets option `name` from text; Error(kUsage) for an unknown name or a bad value.
  void Set(T& o, const std::string& name, const std::string& text) const {
    const Entry* e = Find(name);
    if (e == nullptr) throw UsageFailure(name, "unknown option");
    e->set(o, text);
  }

  // Runs every entry's check and the rules, in table order. (Whether a required
  // option was given is the command line's check: a library caller passes what
  // it has.)
  void Validate(const T& o) const {
    for (const auto& e : entries_) {
      if (e.check) e.check(o);
    }
    for (const auto& rule : rules_) rule(o);
  }

  // {"name": "value as text", ...} for every option, in table order: the
  // resolved configuration that artifacts record.
  Json Resolved(const T& o) const {
    Json j = Json::object();
    for (const auto& e : entries_) j[e.info.name] = e.show(o);
    return j;
  }

  // The README table: | option | value | default | meaning |.
  std::string Markdown() const {
    const T& defaults = Defaults();
    std::string out = "| option | value | default | meaning |\n|---|---|---|---|\n";
    for (const auto& e : entries_) {
      std::string names = "`--" + e.info.name + "`";
      if (e.info.short_name) names = "`-" + std::string(1, e.info.short_name) + "`, " + names;
      std::string def = e.info.kind == OptionKind::kFlag ? "" : e.show(defaults);
      std::string value = e.info.value_name;
      out += "| " + names + " | " + Code(value) + " | " + Code(def) + " | " + Cell(e.info.help) +
             (e.info.required ? " (required)" : "") + " |\n";
    }
    return out;
  }

  // A default-constructed T: the defaults every option shows.
  static const T& Defaults() {
    // Built once and never destroyed (no destruction-order questions at exit).
    static const T* const kDefaults = new T();
    return *kDefaults;
  }

  static Error UsageFailure(const std::string& name, const std::string& what) {
    return Error(ErrorKind::kUsage, "--" + name + ": " + what);
  }

 private:
  Entry& NewEntry(std::string name, std::string help, std::string value_name) {
    Entry e;
    e.info.name = std::move(name);
    e.info.help = std::move(help);
    e.info.value_name = std::move(value_name);
    e.info.group = group_;
    entries_.push_back(std::move(e));
    return entries_.back();
  }
  // Markdown table cells: a '|' would end the cell.
  static std::string Cell(const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '|') out += '\\';
      out += c;
    }
    return out;
  }
  static std::string Code(const std::string& s) { return s.empty() ? "" : "`" + Cell(s) + "`"; }

  std::vector<Entry> entries_;
  std::vector<std::function<void(const T&)>> rules_;
  std::string group_;
};

}  // namespace invplan
