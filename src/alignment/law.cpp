#include "alignment/law.hpp"

#include <algorithm>
#include <map>

#include "exact/errors.hpp"

namespace gdcert::alignment {

namespace {

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(sep, start);
    out.push_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) return out;
    start = pos + 1;
  }
}

Rational parse_q(std::string_view what, std::string_view text) {
  try {
    return Rational::parse(text);
  } catch (const input_error&) {
    throw input_error(std::string(what) + ": requires a rational number, got \"" + std::string(text) + "\"");
  }
}

/** "v1@p1,v2@p2": merges equal values, checks probabilities. */
std::vector<Atom> parse_atoms(std::string_view what, std::string_view text) {
  std::map<Rational, Rational> merged;
  Rational total(0);
  for (std::string_view part : split(text, ',')) {
    const std::size_t at = part.find('@');
    if (at == std::string_view::npos)
      throw input_error(std::string(what) + ": requires atoms \"value@probability\", got \"" + std::string(part) + "\"");
    Rational v = parse_q(what, part.substr(0, at));
    Rational p = parse_q(what, part.substr(at + 1));
    if (p.sign() <= 0 || p > Rational(1))
      throw input_error(std::string(what) + ": requires probabilities in (0, 1], got " + p.str());
    merged[v] += p;
    total += p;
  }
  if (total != Rational(1))
    throw input_error(std::string(what) + ": requires probabilities summing to 1, got sum = " + total.str());
  std::vector<Atom> atoms;
  for (auto& [v, p] : merged) atoms.push_back({v, p});
  return atoms;
}

std::string atoms_str(const std::vector<Atom>& atoms) {
  std::string s;
  for (const auto& a : atoms) s += (s.empty() ? "" : ",") + a.value.str() + "@" + a.prob.str();
  return s;
}

/** "key=value" options after ':' or ';'. */
Rational option_q(std::string_view what, std::string_view opt, std::string_view key) {
  if (opt.substr(0, key.size() + 1) != std::string(key) + "=")
    throw input_error(std::string(what) + ": unknown option \"" + std::string(opt) + "\" (expected " + std::string(key) +
                      "=Q)");
  return parse_q(what, opt.substr(key.size() + 1));
}

}  // namespace

bool WeightLaw::sign_symmetric() const {
  if (kind == Kind::gaussian) return true;
  for (const auto& a : atoms) {
    const auto it = std::find_if(atoms.begin(), atoms.end(), [&](const Atom& b) { return b.value == -a.value; });
    if (it == atoms.end() || it->prob != a.prob) return false;
  }
  return true;
}

std::string WeightLaw::name() const {
  const std::string s2s = s2 == Rational(1) ? "" : "s2=" + s2.str();
  if (kind == Kind::gaussian) return "gaussian" + (s2s.empty() ? "" : ":" + s2s);
  if (atoms.size() == 2 && atoms[0].value == Rational(-1) && atoms[1].value == Rational(1) &&
      atoms[0].prob == Rational(1, 2))
    return "rademacher" + (s2s.empty() ? "" : ":" + s2s);
  return "finite:" + atoms_str(atoms) + (s2s.empty() ? "" : ";" + s2s);
}

std::string BiasLaw::name() const {
  switch (kind) {
    case Kind::none: return "none";
    case Kind::gaussian: return "gaussian:beta2=" + beta2.str();
    case Kind::finite:
      if (atoms.size() == 1) return "const:" + atoms[0].value.str();
      return "finite:" + atoms_str(atoms);
  }
  return "none";
}

WeightLaw rademacher_law() {
  WeightLaw w;
  w.kind = WeightLaw::Kind::finite;
  w.atoms = {{Rational(-1), Rational(1, 2)}, {Rational(1), Rational(1, 2)}};
  return w;
}

WeightLaw parse_weight_law(std::string_view text) {
  const std::string what = "init law \"" + std::string(text) + "\"";
  const std::size_t colon = text.find(':');
  const std::string_view family = text.substr(0, colon);
  const std::string_view rest = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
  WeightLaw w;
  if (family == "gaussian") {
    w.kind = WeightLaw::Kind::gaussian;
    if (!rest.empty()) w.s2 = option_q(what, rest, "s2");
  } else if (family == "rademacher") {
    w = rademacher_law();
    if (!rest.empty()) w.s2 = option_q(what, rest, "s2");
  } else if (family == "finite") {
    if (rest.empty()) throw input_error(what + ": requires atoms, e.g. finite:2@1/3,-1@2/3");
    const std::size_t semi = rest.find(';');
    w.kind = WeightLaw::Kind::finite;
    w.atoms = parse_atoms(what, rest.substr(0, semi));
    if (semi != std::string_view::npos) w.s2 = option_q(what, rest.substr(semi + 1), "s2");
  } else {
    throw input_error("init law: unknown family \"" + std::string(family) +
                      "\" (known: gaussian[:s2=Q], rademacher[:s2=Q], finite:v@p,...[;s2=Q])");
  }
  if (w.s2.sign() <= 0) throw input_error(what + ": requires s2 > 0, got s2 = " + w.s2.str());
  return w;
}

BiasLaw parse_bias_law(std::string_view text) {
  const std::string what = "bias law \"" + std::string(text) + "\"";
  const std::size_t colon = text.find(':');
  const std::string_view family = text.substr(0, colon);
  const std::string_view rest = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
  BiasLaw b;
  if (family == "none" && rest.empty()) return b;
  if (family == "gaussian") {
    b.kind = BiasLaw::Kind::gaussian;
    b.beta2 = rest.empty() ? Rational(1) : option_q(what, rest, "beta2");
    if (b.beta2.sign() < 0) throw input_error(what + ": requires beta2 >= 0, got beta2 = " + b.beta2.str());
    if (b.beta2.is_zero()) b.kind = BiasLaw::Kind::none;
    return b;
  }
  b.kind = BiasLaw::Kind::finite;
  if (family == "const" && !rest.empty()) {
    b.atoms = {{parse_q(what, rest), Rational(1)}};
  } else if (family == "rademacher" && !rest.empty()) {
    const Rational v = parse_q(what, rest);
    if (v.is_zero()) b.atoms = {{Rational(0), Rational(1)}};
    else if (v.sign() > 0) b.atoms = {{-v, Rational(1, 2)}, {v, Rational(1, 2)}};
    else b.atoms = {{v, Rational(1, 2)}, {-v, Rational(1, 2)}};
  } else if (family == "finite" && !rest.empty()) {
    b.atoms = parse_atoms(what, rest);
  } else {
    throw input_error("bias law: unknown or incomplete \"" + std::string(text) +
                      "\" (known: none, gaussian:beta2=Q, const:v, rademacher:v, finite:v@p,...)");
  }
  if (b.atoms.size() == 1 && b.atoms[0].value.is_zero()) b = BiasLaw{};
  return b;
}

ExactActivation parse_exact_activation(std::string_view text) {
  if (text == "relu") return ExactActivation::relu;
  if (text == "sign") return ExactActivation::sign;
  throw input_error("activation: the exact routes know relu and sign, got \"" + std::string(text) + "\"");
}

std::string_view to_string(ExactActivation a) { return a == ExactActivation::relu ? "relu" : "sign"; }

}  // namespace gdcert::alignment
