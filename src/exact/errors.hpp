// One error hierarchy; each class has its own exit code in cli/ (see exit_code()).
#pragma once
#include <stdexcept>
#include <string>

namespace gdcert {

/** Base of every error gdcert throws on purpose. Message form: "<function>: requires <condition>, got <name> = <value>". */
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  /** The process exit code the CLI uses for this class of error. */
  virtual int exit_code() const noexcept = 0;
};
/** Bad command line: unknown verb/option, conflicting options. */
class usage_error : public error {
 public:
  using error::error;
  int exit_code() const noexcept override { return 2; }
};
/** Malformed input: specs, files, TOML, out-of-range parameters of an input object. */
class input_error : public error {
 public:
  using error::error;
  int exit_code() const noexcept override { return 3; }
};
/** A mathematically invalid argument (outside the domain of a formula). */
class domain_error : public error {
 public:
  using error::error;
  int exit_code() const noexcept override { return 4; }
};
/** A ball could not be made as accurate as requested within the allowed precision. */
class precision_error : public error {
 public:
  using error::error;
  int exit_code() const noexcept override { return 5; }
};
/** A fixed-width integer computation would overflow (detected before it happens). */
class overflow_error : public error {
 public:
  using error::error;
  int exit_code() const noexcept override { return 6; }
};
/** Not enough memory or time for the requested size (refused before allocation). */
class resource_error : public error {
 public:
  using error::error;
  int exit_code() const noexcept override { return 7; }
};

/** Exit code for claims that were evaluated and failed (gdcert check). */
inline constexpr int exit_check_failed = 1;
/** Exit code for an unexpected internal error (a bug). */
inline constexpr int exit_internal = 70;

/** Invariant check active in all builds; throws std::logic_error (a bug, exit 70). */
#define GDCERT_ASSERT(cond, msg)                                                               \
  do {                                                                                         \
    if (!(cond)) throw std::logic_error(std::string("internal: ") + (msg) + " [" #cond "]"); \
  } while (0)

}  // namespace gdcert
