#include "cli/app.hpp"

#include <algorithm>
#include <new>
#include <optional>
#include <ostream>
#include <sstream>

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
  if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::nullopt;
  // The option is on the parsed subcommand chain.
  for (CLI::App* a = &app; a;) {
    if (const CLI::Option* o = find_option(*a, name); o && o->get_type_name().rfind("UINT", 0) == 0)
      return name + ": requires a non-negative integer within the range of the option, got " + value;
    const auto subs = a->get_subcommands();
    a = subs.empty() ? nullptr : subs.front();
  }
  return std::nullopt;
}

}  // namespace

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
  guard_unsigned_options(app);
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
      // check_unsigned_value reports it for 64 bits; anything else CLI11 cannot convert is a usage error.
      if (auto value = out_of_range_value(app, e.what())) throw input_error(*value);
      err << "gdcert: usage error: " << one_line(e.what()) << " (run gdcert --help)\n";
      return usage_error("").exit_code();
    } catch (const CLI::ParseError& e) {
      err << "gdcert: usage error: " << one_line(e.what()) << " (run gdcert --help)\n";
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
