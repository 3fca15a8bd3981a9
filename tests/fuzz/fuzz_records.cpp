// libFuzzer harness: sweep record files as `sweep --resume` and `gdcert merge` read them (src/sweep/records.cpp).
// Any bytes: read_records accepts whole records or refuses with a typed error; repair truncates only a torn record
// line (never a foreign file); merge validates every record and bounds every count. Built by tests/fuzz/run_fuzz.sh.
#include <filesystem>

#include "fuzz_support.hpp"
#include "sweep/records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = gdcert::fuzz::scratch_path("_records.jsonl");
  namespace fuzz = gdcert::fuzz;
  fuzz::write_file(path, data, size);
  fuzz::expect_typed_errors([&] {
    const auto lines = gdcert::sweep::read_records(path, false);
    for (const auto& l : lines)
      if (l.head.id >= l.head.points || l.head.points > gdcert::sweep::kMaxPoints) std::abort();
    std::vector<std::string> texts;
    for (const auto& l : lines) texts.push_back(l.text);
    (void)gdcert::sweep::failed_ids(texts);
  });
  fuzz::expect_typed_errors([&] { (void)gdcert::sweep::merge_records({path}, "", 0); });
  // Repair: either refused (the file is left as it was) or the file is cut to its complete lines.
  fuzz::expect_typed_errors([&] {
    bool torn = false;
    (void)gdcert::sweep::read_records(path, true, &torn);
    const auto after = std::filesystem::file_size(path);
    if (after > size) std::abort();
    if (!torn && after != size) std::abort();
  });
  return 0;
}
