#include "exact/formula.hpp"

#include <stdexcept>
#include <string>

namespace gdcert {

std::string_view to_string(Tag t) {
  switch (t) {
    case Tag::paper: return "paper";
    case Tag::reconstructed: return "reconstructed";
    case Tag::derived: return "derived";
  }
  return "unknown";
}

const Formula& find_formula(std::span<const Formula> table, std::string_view id) {
  for (const Formula& f : table)
    if (f.id == id) return f;
  throw std::logic_error("internal: unknown formula id " + std::string(id));
}

}  // namespace gdcert
