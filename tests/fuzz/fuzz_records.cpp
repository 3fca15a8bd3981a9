// libFuzzer harness: sweep record files as `sweep --resume` and `gdcert merge` read them (src/sweep/records.cpp).
// Any bytes: parse_records (what read_records runs on the file's text) accepts whole records or refuses with a
// typed error; with repair it only ever cuts a torn record line (never a foreign last line); and when the text
// parses, `merge` on it as a file validates every record and bounds every count. Built by tests/fuzz/run_fuzz.sh.
#include "fuzz_support.hpp"
#include "sweep/records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace fuzz = gdcert::fuzz;
  namespace sweep = gdcert::sweep;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  bool whole = false;
  fuzz::expect_typed_errors([&] {
    const auto lines = sweep::parse_records(text, "fuzz.jsonl", false, nullptr);
    for (const auto& l : lines)
      if (l.head.id >= l.head.points || l.head.points > sweep::kMaxPoints) std::abort();
    std::vector<std::string> texts;
    for (const auto& l : lines) texts.push_back(l.text);
    (void)sweep::failed_ids(texts);
    whole = true;
  });
  if (!whole) fuzz::expect_typed_errors([&] {  // (for whole records the repair reading is the same reading)
    std::size_t keep = 0;
    (void)sweep::parse_records(text, "fuzz.jsonl", true, &keep);
    if (keep > size) std::abort();
    if (keep < size && (text.substr(keep).find('\n') != std::string_view::npos || text.substr(keep, 1) != "{")) std::abort();
  });
  if (whole) {  // the file-level merge (rare: only texts of whole records get here)
    static const std::string path = fuzz::scratch_path("_records.jsonl");
    fuzz::write_file(path, data, size);
    fuzz::expect_typed_errors([&] { (void)sweep::merge_records({path}, "", 0); });
  }
  return 0;
}
