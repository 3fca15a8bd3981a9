// Formula provenance: every implemented definition, identity or bound has an id, a source and a tag.
#pragma once
#include <span>
#include <string>
#include <string_view>

namespace gdcert {

/** Provenance tag: [paper], [reconstructed] (standard form; the paper's constants may differ), [derived] (ours, proved in proofs/). */
enum class Tag { paper, reconstructed, derived };
std::string_view to_string(Tag t);

/**
 * One formula of the registry. All fields point to static storage.
 *   id        stable identifier, "<family>.<name>" (e.g. "walsh.level_weight")
 *   statement the formula in one line of plain text
 *   source    paper and section/theorem, or "definition" / "standard"
 *   tag       see Tag
 *   proof     anchor in proofs/ ("proofs/walsh.md#level-weight"); required for Tag::derived
 */
struct Formula {
  std::string_view id;
  std::string_view statement;
  std::string_view source;
  Tag tag;
  std::string_view proof;
};

/** Looks up `id` in `table`; throws std::logic_error if absent (a bug: ids are compile-time constants). */
const Formula& find_formula(std::span<const Formula> table, std::string_view id);

}  // namespace gdcert
