#include "cli/app.hpp"

#include <algorithm>
#include <new>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "exact/errors.hpp"
#include "exact/versions.hpp"

namespace gdcert::cli {

std::string version_text() {
  std::string s = "gdcert " + gdcert_version() + " (revision " + source_revision() + ")\n";
  for (const auto& [k, v] : library_versions())
    if (k != "gdcert") s += "  " + k + " " + v + "\n";
  return s;
}

namespace {

/** Registers every verb on `app` (one line per verb). */
void add_verbs(CLI::App& app, Context& ctx) {
  add_walsh(app, ctx);
  add_sbox(app, ctx);
  add_check(app, ctx);
  add_report(app, ctx);
  add_inal(app, ctx);
  add_cp(app, ctx);
  add_msp(app, ctx);
  add_kernel(app, ctx);
  add_kernel_deep(app, ctx);
  add_simulate_noisy_gd(app, ctx);
  add_bound(app, ctx);
  add_radial(app, ctx);
  add_width(app, ctx);
  add_simulate_width(app, ctx);
  add_simulate_depth(app, ctx);
  add_sweep(app, ctx);
  add_merge(app, ctx);
  add_landscape(app, ctx), add_simulate_landscape(app, ctx);
}

/** The unsigned option named in a CLI11 conversion error "Could not convert: NAME = DIGITS", if there is one. */
const CLI::Option* find_option(const CLI::App& app, const std::string& name) {
  for (const CLI::Option* o : app.get_options())
    if (o->get_name() == name) return o;
  return nullptr;
}

/**
 * For a conversion error of an unsigned integer option whose value is a plain decimal number (so it is too large
 * for the option's type): the input-error message naming the option and the value.
 */
std::optional<std::string> out_of_range_value(CLI::App& app, const std::string& what) {
  static const std::string prefix = "Could not convert: ";
  if (what.rfind(prefix, 0) != 0) return std::nullopt;
  const auto eq = what.find(" = ", prefix.size());
  if (eq == std::string::npos) return std::nullopt;
  const std::string name = what.substr(prefix.size(), eq - prefix.size());
  const std::string value = what.substr(eq + 3);
  const std::size_t digits = !value.empty() && value[0] == '-' ? 1 : 0;
  if (value.size() == digits ||
      !std::all_of(value.begin() + static_cast<std::ptrdiff_t>(digits), value.end(),
                   [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  // The option is on the parsed subcommand chain.  A decimal integer beyond an option's range is an input error
  // (exit 3) for signed and unsigned options alike.
  for (CLI::App* a = &app; a;) {
    const CLI::Option* o = find_option(*a, name);
    if (o && o->get_type_name().rfind("UINT", 0) == 0 && digits == 0)
      return name + ": requires a non-negative integer within the range of the option, got " + value;
    if (o && o->get_type_name().rfind("INT", 0) == 0)
      return name + ": requires an integer within the range of the option, got " + value;
    const auto subs = a->get_subcommands();
    a = subs.empty() ? nullptr : subs.front();
  }
  return std::nullopt;
}

/** Levenshtein distance, for "did you mean". */
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

/** The closest of `names` to `word` (a prefix, or within a third of its length in edits), or "". */
std::string closest(const std::string& word, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const std::string& n : names) {
    const std::size_t d = n.rfind(word, 0) == 0 && word.size() >= 3 ? 1 : edit_distance(word, n);
    if (d < best_d) {
      best_d = d;
      best = n;
    }
  }
  return best;
}

/**
 * After a usage error: where to look (the verb's own --help, found by walking argv down the subcommands) and, for an
 * unknown verb or option, the closest name that exists.
 */
std::string usage_hint(CLI::App& app, int argc, char** argv) {
  CLI::App* sub = &app;
  std::string path = "gdcert";
  std::string suggestion;
  int i = 1;
  for (; i < argc; ++i) {  // the verb words
    const std::string w = argv[i];
    if (w.empty() || w[0] == '-') break;
    CLI::App* next = nullptr;
    for (CLI::App* c : sub->get_subcommands({})) {
      if (c->get_name() == w) next = c;
    }
    if (!next) {
      if (!sub->get_subcommands({}).empty() && (sub == &app || sub->get_require_subcommand_min() > 0)) {
        std::vector<std::string> names;
        for (CLI::App* c : sub->get_subcommands({})) names.push_back(c->get_name());
        const std::string c = closest(w, names);
        suggestion = std::string(sub == &app ? "unknown verb" : "unknown subcommand") + " \"" + w + "\"" + (c.empty() ? "" : "; did you mean \"" + c + "\"?");
      }
      break;
    }
    sub = next;
    path += " " + w;
  }
  if (suggestion.empty()) {
    std::vector<std::string> names;
    for (const CLI::Option* o : sub->get_options())
      for (const std::string& n : o->get_lnames()) names.push_back("--" + n);
    for (; i < argc; ++i) {
      std::string w = argv[i];
      if (w.rfind("--", 0) != 0 || w.size() < 3) continue;
      w = w.substr(0, w.find('='));
      if (std::find(names.begin(), names.end(), w) != names.end()) continue;
      const std::string c = closest(w, names);
      suggestion = "unknown option " + w + (c.empty() ? "" : "; did you mean " + c + "?");
      break;
    }
  }
  return (suggestion.empty() ? "" : suggestion + "; ") + "run " + path + " --help";
}

/** Ends every (sub)command's --help with its examples (verb_examples). */
void add_examples(CLI::App& app) {
  for (const auto& [path, examples] : verb_examples()) {
    CLI::App* sub = &app;
    std::istringstream words(path);
    std::string w;
    bool found = true;
    while (found && words >> w) {
      found = false;
      for (CLI::App* c : sub->get_subcommands({}))
        if (c->get_name() == w) {
          sub = c;
          found = true;
          break;
        }
    }
    if (!found) continue;
    std::string text = "\nExamples:\n";
    for (const auto& e : examples) text += "  gdcert " + e.command + "\n";
    sub->footer(text);
  }
}

}  // namespace

const std::vector<std::pair<std::string, std::vector<VerbExample>>>& verb_examples() {
  static const std::vector<std::pair<std::string, std::vector<VerbExample>>> examples = {
      {"walsh", {{"walsh majority:n=5 --influences"}, {"walsh parity:n=6:S=1,2 --coeffs --json"},
                 {"walsh anf:n=4:x1*x2+x3*x4 --criteria"}, {"walsh restrict(majority:n=9,x1=1)^parity:n=8:S=1 --levels"},
                 {"walsh majority:n=5 --bias 1/3 --influences"}}},
      {"cp", {{"cp parity:n=6:S=1,2 --group Bn"}, {"cp --class parities:n=8:k=2"}}},
      {"inal", {{"inal parity:n=8:S=1,2 --act relu"}}},
      {"kernel", {{"kernel relu --rho 1/2 --series 6"}, {"kernel gelu --q1 2 --q2 1/2 --c 1/3"}}},
      {"deep-kernel", {{"deep-kernel relu --depth 5 --data 24cell:reps"}, {"deep-kernel relu --depth 3 --q1 1 --q2 1 --c 1/2"},
                       {"deep-kernel relu --depth 50 --q1 1 --q2 1 --c 0 --fixed-point"}}},
      {"msp", {{"msp staircase:n=4"}}},
      {"sbox", {{"sbox sbox:present --lat --ddt"}, {"sbox sbox:aes"}}},
      {"radial", {{"radial --d 10"}}},
      {"bound", {{"bound --list"}, {"bound noisy_gd.orbit -p T=100 -p P=net:64 -p sigma=1000 -p n=20 -p k=1,2,3"}}},
      {"check", {{"check --filter walsh."}, {"check checks/ -v --filter full_parity", false}}},
      {"report", {{"report --only walsh --out-dir out", false}, {"report --full --out-dir out-full", false}}},
      {"sweep", {{"sweep grid.toml --out results.jsonl --shard 1/4", false}}},
      {"merge", {{"merge all.jsonl shard*.jsonl --manifest grid.toml", false}}},
      {"simulate", {{"simulate noisy-gd --target parity:n=6:S=1,2 --net 32 --steps 100 --lr 1/5"}}},
      {"simulate noisy-gd", {{"simulate noisy-gd --target parity:n=6:S=1,2 --net 32 --steps 100 --lr 1/5"}}},
      {"simulate width", {{"simulate width", false}, {"simulate width --full", false}}},
      {"simulate depth-separation", {{"simulate depth-separation", false}}},
      {"simulate landscape", {{"simulate landscape --figure 2a", false}, {"simulate landscape --full --threads 2", false}}},
      {"width", {{"width lambda --data 24cell:reps"}}},
      {"width data", {{"width data --data 24cell"}}},
      {"width gram", {{"width gram --data antipodal:n=4:d=3"}}},
      {"width lambda", {{"width lambda --data 24cell:reps"}}},
      {"width margin", {{"width margin --data 24cell:reps --labels alt"}}},
      {"width formulas", {{"width formulas --n 12 --lambda0 1/12 --gamma 1/10"}}},
      {"width invert", {{"width invert --m 100000 --lambda0 1/12 --gamma 1/10"}}},
      {"landscape", {{"landscape generate --kind saddle --out saddle.json"}, {"landscape certify --data saddle.json"}}},
      {"landscape generate", {{"landscape generate --kind saddle --out saddle.json"}}},
      {"landscape certify", {{"landscape certify --data saddle.json"}}},
      {"landscape rank", {{"landscape rank --n-min 2 --n-max 6"}}},
      {"landscape assumption", {{"landscape assumption --act softplus"}}},
      {"landscape theorem25", {{"landscape theorem25 --n 100 --d 10 --k 20"}}},
      {"landscape theorem22", {{"landscape theorem22 --eps-g 1/100 --eps-H 1/100"}}},
  };
  return examples;
}

sweep::VerbRunner verb_runner() {
  sweep::VerbRunner r;
  r.options = verb_options;
  r.run = [](const std::vector<std::string>& args, std::string& out, std::string& err) {
    std::vector<std::string> a = args;
    a.insert(a.begin(), "gdcert");
    std::vector<char*> argv;
    for (auto& x : a) argv.push_back(x.data());
    std::ostringstream o, e;
    const int code = run(static_cast<int>(argv.size()), argv.data(), o, e);
    out = o.str();
    err = e.str();
    return code;
  };
  return r;
}

std::optional<std::vector<std::string>> verb_options(const std::string& verb) {
  Context ctx{"", nullptr, nullptr, {}};
  CLI::App app;
  add_verbs(app, ctx);
  // A verb is one or more words ("inal", "simulate noisy-gd"): walk the subcommands.
  std::istringstream words(verb);
  CLI::App* sub = &app;
  std::string word;
  bool any = false;
  while (words >> word) {
    if (word[0] == '-') return std::nullopt;
    try {
      sub = sub->get_subcommand(word);
    } catch (const CLI::OptionNotFound&) {
      return std::nullopt;
    }
    any = true;
  }
  if (!any) return std::nullopt;
  std::vector<std::string> names;
  for (const CLI::Option* o : sub->get_options())
    for (const std::string& n : o->get_lnames()) names.push_back("--" + n);
  return names;
}

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  Context ctx{joined_command_line(argc, argv), &out, &err, {}};
  CLI::App app{"gdcert: exact and certified quantities behind theorems on what gradient descent can learn"};
  app.name("gdcert");
  app.set_version_flag("--version", [] { return version_text(); }, "print the version of gdcert and its libraries");
  app.require_subcommand(1);
  add_verbs(app, ctx);
  add_examples(app);
  guard_integer_options(app);
  try {
    try {
      app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
      out << app.help();
      return 0;
    } catch (const CLI::CallForAllHelp& e) {
      out << app.help("", CLI::AppFormatMode::All);
      return 0;
    } catch (const CLI::CallForVersion& e) {
      out << e.what();
      return 0;
    } catch (const CLI::ConversionError& e) {
      // An unsigned option given a decimal number beyond its type (unsigned: 2^32 - 1) is out-of-range input, as
      // check_integer_value reports it for 64 bits; anything else CLI11 cannot convert is a usage error.
      if (auto value = out_of_range_value(app, e.what())) throw input_error(*value);
      err << "gdcert: usage error: " << one_line(e.what()) << " (" << usage_hint(app, argc, argv) << ")\n";
      return usage_error("").exit_code();
    } catch (const CLI::ParseError& e) {
      err << "gdcert: usage error: " << one_line(e.what()) << " (" << usage_hint(app, argc, argv) << ")\n";
      return usage_error("").exit_code();
    }
    return ctx.action ? ctx.action() : 0;
  } catch (const gdcert::error& e) {
    err << "gdcert: error: " << one_line(e.what()) << "\n";
    return e.exit_code();
  } catch (const std::bad_alloc&) {
    err << "gdcert: error: out of memory\n";
    return resource_error("").exit_code();
  } catch (const std::exception& e) {
    err << "gdcert: internal error: " << one_line(e.what()) << "\n";
    return exit_internal;
  }
}

}  // namespace gdcert::cli
