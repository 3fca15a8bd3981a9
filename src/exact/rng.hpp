// Our own pseudo-random generator: reproducible across platforms, compilers and standard libraries.
#pragma once
#include <cstdint>

namespace gdcert {

/** splitmix64 step (Steele, Lea, Flood 2014): used to seed and to derive per-point seeds. */
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/**
 * xoshiro256** (Blackman, Vigna 2018), seeded from one 64-bit seed through splitmix64.
 * Guarantee: the same seed gives the same stream on every platform.
 * Example:
 *     Rng rng(7); std::uint64_t w = rng.next(); double u = rng.uniform01();
 */
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    std::uint64_t st = seed;
    for (auto& w : s_) w = splitmix64(st);
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /** Uniform in [0, 1) with 53 random bits. */
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /** Uniform integer in [0, bound) without modulo bias (Lemire). Precondition: bound > 0. */
  std::uint64_t below(std::uint64_t bound) {
    for (;;) {
      __extension__ const unsigned __int128 m = static_cast<unsigned __int128>(next()) * bound;
      const auto lo = static_cast<std::uint64_t>(m);
      if (lo >= bound || lo >= (-bound) % bound) return static_cast<std::uint64_t>(m >> 64);
    }
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

/** Derives a seed for point `id` from a master seed: same (master, id) -> same seed, independent of order. */
inline std::uint64_t derive_seed(std::uint64_t master, std::uint64_t id) {
  std::uint64_t st = master ^ (0xd1b54a32d192ed03ULL * (id + 1));
  splitmix64(st);
  return splitmix64(st);
}

}  // namespace gdcert
