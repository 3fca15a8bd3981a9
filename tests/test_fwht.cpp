// Tests of the in-place integer fast Walsh–Hadamard transform (boolean/fwht.hpp).
#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <vector>

#include "boolean/fwht.hpp"
#include "exact/errors.hpp"

using gdcert::boolean::AlignedVector;
using gdcert::boolean::fwht_default_kernel;
using gdcert::boolean::fwht_inplace_unchecked;
using gdcert::boolean::fwht_kernel_available;
using gdcert::boolean::fwht_kernel_name;
using gdcert::boolean::fwht_plain_butterfly;
using gdcert::boolean::FwhtKernel;

namespace {

struct splitmix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /** Uniform-ish integer in [-bound, bound] (modulo bias is irrelevant here). */
  std::int64_t in_range(std::int64_t bound) {
    return static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(2 * bound + 1)) - bound;
  }
};

template <class T>
std::vector<T> random_vector(std::size_t size, std::int64_t bound, std::uint64_t seed) {
  splitmix64 rng{seed};
  std::vector<T> v(size);
  for (auto& x : v) x = static_cast<T>(rng.in_range(bound));
  return v;
}

/** The definition: out[s] = sum_i (-1)^popcount(i & s) a[i], O(4^n), accumulated in int64. */
template <class T>
std::vector<T> naive_wht(const std::vector<T>& a) {
  std::vector<T> out(a.size());
  for (std::size_t s = 0; s < a.size(); ++s) {
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
      const auto x = static_cast<std::int64_t>(a[i]);
      sum += (std::popcount(i & s) % 2 == 0) ? x : -x;
    }
    out[s] = static_cast<T>(sum);
  }
  return out;
}

/** Largest |a_i| bound for which max|a_i| * 2^n stays below 2^(bits - 2). */
template <class T>
std::int64_t safe_bound(unsigned n) {
  const unsigned bits = sizeof(T) == 4 ? 29 : 61;
  return (std::int64_t{1} << (bits - n)) - 1;
}

template <class T>
void check_against_definition() {
  for (unsigned n = 0; n <= 12; ++n) {
    CAPTURE(n);
    const std::vector<T> input = random_vector<T>(std::size_t{1} << n, safe_bound<T>(n), 1000 + n);
    const std::vector<T> expect = naive_wht(input);
    std::vector<T> plain(input);
    fwht_plain_butterfly(std::span<T>(plain));
    CHECK(plain == expect);
    std::vector<T> blocked(input);
    fwht_inplace_unchecked(std::span<T>(blocked));
    CHECK(blocked == expect);
  }
}

template <class T>
void check_thread_counts() {
  // n = 0..22 covers the tiny path, single blocks, and the two-pass path with several blocks and strips.
  for (unsigned n = 0; n <= 22; ++n) {
    CAPTURE(n);
    const std::vector<T> input = random_vector<T>(std::size_t{1} << n, 3, 2000 + n);
    std::vector<T> expect(input);
    fwht_plain_butterfly(std::span<T>(expect));
    for (unsigned threads : {1u, 2u, 3u, 0u}) {
      CAPTURE(threads);
      std::vector<T> got(input);
      fwht_inplace_unchecked(std::span<T>(got), threads);
      CHECK(got == expect);
    }
  }
}

template <class T>
void check_involution(unsigned n, std::int64_t bound) {
  CAPTURE(n);
  const std::vector<T> input = random_vector<T>(std::size_t{1} << n, bound, 3000 + n);
  std::vector<T> a(input);
  fwht_inplace_unchecked(std::span<T>(a), 1);
  fwht_inplace_unchecked(std::span<T>(a), 2);
  bool all_equal = true;
  for (std::size_t i = 0; i < a.size(); ++i)
    all_equal = all_equal && a[i] == static_cast<T>(input[i] * static_cast<T>(a.size()));
  CHECK(all_equal);
}

/** The kernel families this CPU runs (portable always; avx2 / avx512 where available). */
std::vector<FwhtKernel> available_kernels() {
  std::vector<FwhtKernel> out;
  for (FwhtKernel k : {FwhtKernel::portable, FwhtKernel::avx2, FwhtKernel::avx512})
    if (fwht_kernel_available(k)) out.push_back(k);
  return out;
}

/**
 * A random input of 2^n elements, its transform by the plain butterfly (written independently of the fast path), and
 * aligned storage with `slack` elements to spare, into which run_at copies the input at an element offset.
 */
template <class T>
struct PlainCase {
  std::vector<T> input;
  std::vector<T> expect;
  AlignedVector<T> storage;
  PlainCase(unsigned n, std::int64_t bound, std::uint64_t seed, std::size_t slack)
      : input(random_vector<T>(std::size_t{1} << n, bound, seed)), expect(input), storage(input.size() + slack) {
    fwht_plain_butterfly(std::span<T>(expect));
  }
  /** The input copied to storage + offset and transformed there by transform(span): whether it equals expect. */
  template <class F>
  bool run_at(std::size_t offset, F&& transform) {
    std::span<T> a(storage.data() + offset, input.size());
    std::copy(input.begin(), input.end(), a.begin());
    transform(a);
    return std::equal(a.begin(), a.end(), expect.begin());
  }
};

/**
 * Every forced kernel family, at element offsets 0..(one cache line + 1) from a 64-byte aligned address (the
 * misaligned block path with its realigning shuffles, the split loads and stores of the pass-2 strips),
 * n = 0..max_n, threads 1 and 2: equal to the plain butterfly.
 */
template <class T>
void check_kernels_and_offsets(unsigned max_n, std::initializer_list<std::size_t> offsets) {
  for (FwhtKernel kernel : available_kernels()) {
    CAPTURE(fwht_kernel_name(kernel));
    for (unsigned n = 0; n <= max_n; ++n) {
      CAPTURE(n);
      PlainCase<T> c(n, 3, 5000 + n, 64 / sizeof(T) * 2);  // room for the largest offset
      for (std::size_t offset : offsets) {
        CAPTURE(offset);
        for (unsigned threads : {1u, 2u}) {
          CAPTURE(threads);
          CHECK(c.run_at(offset, [&](std::span<T> a) { fwht_inplace_unchecked(a, threads, kernel); }));
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("fwht kernel selection: portable always available, automatic resolves to an available family") {
  CHECK(fwht_kernel_available(FwhtKernel::portable));
  CHECK(fwht_kernel_available(FwhtKernel::automatic));
  CHECK(fwht_default_kernel() != FwhtKernel::automatic);
  CHECK(fwht_kernel_available(fwht_default_kernel()));
  CHECK(fwht_kernel_name(FwhtKernel::avx2) == "avx2");
  MESSAGE("fwht default kernel on this CPU: " << fwht_kernel_name(fwht_default_kernel()));
  for (FwhtKernel k : {FwhtKernel::avx2, FwhtKernel::avx512}) {
    if (fwht_kernel_available(k)) continue;
    std::vector<std::int32_t> v{1, 2};
    CHECK_THROWS_AS(fwht_inplace_unchecked(std::span<std::int32_t>(v), 1, k), gdcert::domain_error);
  }
}

TEST_CASE("fwht_inplace_unchecked: every kernel family, aligned and misaligned starts, n = 0..18, int32") {
  check_kernels_and_offsets<std::int32_t>(18, {0, 1, 3, 4, 8, 15, 17});
}

TEST_CASE("fwht_inplace_unchecked: every kernel family, aligned and misaligned starts, n = 0..18, int64") {
  check_kernels_and_offsets<std::int64_t>(18, {0, 1, 2, 7, 9});
}

TEST_CASE("fwht_inplace_unchecked: every kernel family, misaligned starts, n = 21, 22 (pass 2 strips)") {
  // n = 18..22: pass 1 blocks plus the strips of pass 2, whose loads and stores split cache lines at a
  // misaligned start.  The passes beyond the second: the next test case.
  for (unsigned n : {21u, 22u}) {
    CAPTURE(n);
    const std::size_t size = std::size_t{1} << n;
    const std::vector<std::int32_t> input = random_vector<std::int32_t>(size, 3, 6000 + n);
    std::vector<std::int32_t> expect(input);
    fwht_plain_butterfly(std::span<std::int32_t>(expect));
    std::vector<std::int32_t> storage(size + 32);
    for (FwhtKernel kernel : available_kernels()) {
      CAPTURE(fwht_kernel_name(kernel));
      for (std::size_t offset : {std::size_t{0}, std::size_t{5}}) {
        CAPTURE(offset);
        std::span<std::int32_t> a(storage.data() + offset, size);
        std::copy(input.begin(), input.end(), a.begin());
        fwht_inplace_unchecked(a, 2, kernel);
        CHECK(std::equal(a.begin(), a.end(), expect.begin()));
      }
    }
  }
}

template <class T>
void check_row_limits(unsigned extra_levels) {
  const unsigned block_log = gdcert::boolean::detail::fwht_block_log(sizeof(T));
  for (unsigned n = block_log + 1; n <= block_log + extra_levels; ++n) {
    CAPTURE(n);
    PlainCase<T> c(n, 3, 7000 + n, 8);
    for (FwhtKernel kernel : available_kernels()) {
      CAPTURE(fwht_kernel_name(kernel));
      for (unsigned max_row_log : {1u, 2u, 3u}) {
        CAPTURE(max_row_log);
        for (std::size_t offset : {std::size_t{0}, std::size_t{3}}) {
          CAPTURE(offset);
          CHECK(c.run_at(offset, [&](std::span<T> a) {
            gdcert::boolean::detail::fwht_inplace_row_limit(a, offset == 0 ? 1 : 2, kernel, max_row_log);
          }));
        }
      }
    }
  }
}

TEST_CASE("fwht_inplace_unchecked: 3 to 6 passes over memory (rows per pass limited), every kernel family") {
  // With at most 2^1..2^3 rows per pass the high levels of n = block_log + 1..+5 take 1 to 5 passes after pass
  // 1; only the first of them does the in-vector levels.
  check_row_limits<std::int32_t>(5);
  check_row_limits<std::int64_t>(4);
}

TEST_CASE("AlignedVector: storage on a 64-byte boundary") {
  for (std::size_t size : {1u, 3u, 16u, 1000u, 1u << 20}) {
    CAPTURE(size);
    AlignedVector<std::int32_t> v(size);
    CHECK(reinterpret_cast<std::uintptr_t>(v.data()) % 64 == 0);
    AlignedVector<std::int64_t> w(size, 7);
    CHECK(reinterpret_cast<std::uintptr_t>(w.data()) % 64 == 0);
    CHECK(w.back() == 7);
  }
}

TEST_CASE("fwht_inplace_unchecked: blocked == plain butterfly == naive definition, n = 0..12, int32") {
  check_against_definition<std::int32_t>();
}

TEST_CASE("fwht_inplace_unchecked: blocked == plain butterfly == naive definition, n = 0..12, int64") {
  check_against_definition<std::int64_t>();
}

TEST_CASE("fwht_inplace_unchecked: identical results for threads = 1, 2, 3, 0, n = 0..22, int32") {
  check_thread_counts<std::int32_t>();
}

TEST_CASE("fwht_inplace_unchecked: identical results for threads = 1, 2, 3, 0, n = 0..22, int64") {
  check_thread_counts<std::int64_t>();
}

TEST_CASE("fwht_inplace_unchecked: involution (applied twice = size * identity), n = 16, 20") {
  // Intermediates of the second transform stay within size * max|a_i| (H_S H = 2^|S| H_{complement S}).
  for (unsigned n : {16u, 20u}) {
    check_involution<std::int32_t>(n, 1000);
    check_involution<std::int64_t>(n, std::int64_t{1} << 40);
  }
}

TEST_CASE("fwht_inplace_unchecked: int64 with large values (|a_i| < 2^40), n = 20") {
  const unsigned n = 20;
  CAPTURE(n);
  const std::size_t size = std::size_t{1} << n;
  const std::vector<std::int64_t> input = random_vector<std::int64_t>(size, (std::int64_t{1} << 40) - 1, 4000);
  std::vector<std::int64_t> expect(input);
  fwht_plain_butterfly(std::span<std::int64_t>(expect));
  for (unsigned threads : {1u, 2u, 3u}) {
    CAPTURE(threads);
    std::vector<std::int64_t> got(input);
    fwht_inplace_unchecked(std::span<std::int64_t>(got), threads);
    CHECK(got == expect);
  }
  // A few coefficients straight from the definition (O(size) each).
  splitmix64 rng{4001};
  for (int k = 0; k < 8; ++k) {
    const std::size_t s = k == 0 ? 0 : k == 1 ? size - 1 : rng.next() % size;
    CAPTURE(s);
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < size; ++i) sum += (std::popcount(i & s) % 2 == 0) ? input[i] : -input[i];
    CHECK(expect[s] == sum);
  }
  // The results really are large: the magnitudes exceed the int32 range.
  std::int64_t largest = 0;
  for (std::int64_t x : expect) largest = std::max(largest, x < 0 ? -x : x);
  CHECK(largest > (std::int64_t{1} << 40));
}

TEST_CASE("fwht_inplace_unchecked: small examples and the empty span") {
  std::vector<std::int32_t> v{1, 0, 0, 0};
  fwht_inplace_unchecked(std::span<std::int32_t>(v));
  CHECK(v == std::vector<std::int32_t>{1, 1, 1, 1});
  fwht_inplace_unchecked(std::span<std::int32_t>(v));
  CHECK(v == std::vector<std::int32_t>{4, 0, 0, 0});
  std::vector<std::int64_t> w{3, 1};
  fwht_inplace_unchecked(std::span<std::int64_t>(w), 0);
  CHECK(w == std::vector<std::int64_t>{4, 2});
  std::vector<std::int32_t> u{1, 2, 3, 4, 5, 6, 7, 8};
  fwht_inplace_unchecked(std::span<std::int32_t>(u));
  CHECK(u == std::vector<std::int32_t>{36, -4, -8, 0, -16, 0, 0, 0});
  std::vector<std::int32_t> empty;
  fwht_inplace_unchecked(std::span<std::int32_t>(empty), 2);
  CHECK(empty.empty());
}

namespace {
/** The schedule choices of detail::FwhtSchedule, each forced on random data of 2^n elements, n from one pass-1
 *  block to block + 5 (super-blocks of 2..8 blocks, 1..3 passes after pass 1, prefetch and non-temporal modes,
 *  pieces from one vector to 8 KiB, strips of the default width and of 4 MiB), aligned and misaligned, 1 and 2
 *  threads: equal to the plain butterfly. */
template <class T>
void check_schedules(unsigned extra_levels) {
  using gdcert::boolean::detail::FwhtSchedule;
  const unsigned block_log = gdcert::boolean::detail::fwht_block_log(sizeof(T));
  for (unsigned n = block_log; n <= block_log + extra_levels; ++n) {
    CAPTURE(n);
    PlainCase<T> c(n, 7, 8000 + n, 8);
    int case_no = 0;
    for (int extra : {0, 1, 2, 3})
      for (unsigned row_log : {1u, 3u, 12u})
        for (std::size_t piece : {std::size_t{0}, std::size_t{64}, std::size_t{4096}, std::size_t{8192}})
          for (int prefetch : {0, 11, 4, 15}) {
            ++case_no;
            if (case_no % 3 != static_cast<int>(n % 3) && n > block_log + 2) continue;  // a third of them at large n
            // prefetch cycles fastest (period 4), so case_no / 4 numbers the other choices: every prefetch mode
            // (non-temporal stores included) meets aligned and misaligned arrays, 1 and 2 threads, and strips of the
            // default width and of 4 MiB (the buffer beyond L2, as the schedule of 2^13 rows has)
            const int combo = (case_no - 1) / 4;
            const std::size_t strip = (combo / 4) % 2 == 1 ? std::size_t{4} << 20 : 0;
            const FwhtSchedule sched{extra, row_log, piece, strip, prefetch};
            CAPTURE(extra);
            CAPTURE(row_log);
            CAPTURE(piece);
            CAPTURE(prefetch);
            CAPTURE(strip);
            const std::size_t offset = combo % 2 == 0 ? 0 : 3;
            const unsigned threads = (combo / 2) % 2 == 0 ? 1 : 2;
            CHECK(c.run_at(offset, [&](std::span<T> a) {
              gdcert::boolean::detail::fwht_inplace_schedule(a, threads, FwhtKernel::automatic, sched);
            }));
          }
  }
}
}  // namespace

TEST_CASE("fwht schedules: every forced schedule choice equals the plain butterfly, n = block .. block + 4") {
  check_schedules<std::int32_t>(4);
  check_schedules<std::int64_t>(3);
}

namespace {
/** Pass 2 over 2^5..2^7 rows (n = block + 5..7, no super-blocks): more than one group of register levels, so the
 *  strip goes through its buffer in groups of at most 3 levels (3+2, 3+3, 3+2+2), with the first group reading the
 *  strided rows and doing the low in-vector levels, and the last doing the high ones and writing the rows back; in
 *  one pass and, with at most 2^5 / 2^6 rows per pass, in two; strips of the default width and 4 MiB strips with
 *  non-temporal stores; every kernel family, aligned and misaligned.  (Checked: leaving out the high in-vector
 *  levels fails 84 assertions here and none in the other transform tests.) */
template <class T>
void check_many_rows() {
  using gdcert::boolean::detail::FwhtSchedule;
  const unsigned block_log = gdcert::boolean::detail::fwht_block_log(sizeof(T));
  for (unsigned n = block_log + 5; n <= block_log + 7; ++n) {
    CAPTURE(n);
    PlainCase<T> c(n, 9, 8500 + n, 8);
    for (FwhtKernel kernel : available_kernels()) {
      CAPTURE(fwht_kernel_name(kernel));
      for (unsigned row_log : {12u, 5u, 6u}) {
        if (row_log == 6 && n != block_log + 7) continue;  // 2^7 rows: passes of 2^6 and 2 rows
        for (const FwhtSchedule& sched : {FwhtSchedule{0, row_log, 0, 0, 0},
                                          FwhtSchedule{0, row_log, 8192, std::size_t{4} << 20, 4}}) {
          for (std::size_t offset : {std::size_t{0}, std::size_t{5}}) {
            CAPTURE(row_log);
            CAPTURE(sched.strip_bytes);
            CAPTURE(offset);
            CHECK(c.run_at(offset, [&](std::span<T> a) {
              gdcert::boolean::detail::fwht_inplace_schedule(a, 1, kernel, sched);
            }));
          }
        }
      }
    }
  }
}
}  // namespace

TEST_CASE("fwht schedules: pass 2 over 2^5 .. 2^7 rows in groups through the strip buffer equals the plain butterfly") {
  check_many_rows<std::int32_t>();
  check_many_rows<std::int64_t>();
}

TEST_CASE("fwht schedules: the library's schedule by size, and the fill-fused transform") {
  using gdcert::boolean::detail::fwht_schedule;
  // Up to 2^8 rows after pass 1: super-blocks of 2^min(3, r) blocks in pass 1, no prefetch, 256 KiB strips; 2^9 and
  // 2^10: no super-blocks, 4 MiB strips of up to 8 KiB per row, non-temporal stores; 2^11: super-blocks of 4 blocks;
  // 2^12: super-blocks of 8 and passes of at most 2^9 rows; beyond: at most 2^10 rows; from 2^11 on strips of
  // 2 MiB (4 MiB from 2^13) with pieces of 4 KiB (8 KiB) and non-temporal stores.
  CHECK(fwht_schedule(18, 4).pass1_extra_log == 1);
  CHECK(fwht_schedule(20, 4).pass1_extra_log == 3);
  CHECK(fwht_schedule(24, 4).pass1_extra_log == 3);
  CHECK(fwht_schedule(24, 4).prefetch == 0);
  CHECK(fwht_schedule(25, 4).pass1_extra_log == 3);
  CHECK(fwht_schedule(25, 4).strip_bytes == std::size_t{256} << 10);
  CHECK(fwht_schedule(26, 4).pass1_extra_log == 0);
  CHECK(fwht_schedule(26, 4).prefetch == 4);
  CHECK(fwht_schedule(27, 4).pass1_extra_log == 0);
  CHECK(fwht_schedule(27, 4).max_row_log == 12);
  CHECK(fwht_schedule(27, 4).strip_bytes == std::size_t{4} << 20);
  CHECK(fwht_schedule(27, 4).piece_bytes == 8192);
  CHECK(fwht_schedule(25, 8).pass1_extra_log == 0);
  CHECK(fwht_schedule(24, 8).pass1_extra_log == 3);
  CHECK(fwht_schedule(28, 4).pass1_extra_log == 2);
  CHECK(fwht_schedule(28, 4).prefetch == 4);
  CHECK(fwht_schedule(28, 4).strip_bytes == std::size_t{2} << 20);
  CHECK(fwht_schedule(29, 4).pass1_extra_log == 3);
  CHECK(fwht_schedule(29, 4).max_row_log == 9);
  CHECK(fwht_schedule(29, 4).piece_bytes == 4096);
  CHECK(fwht_schedule(30, 4).max_row_log == 10);
  CHECK(fwht_schedule(30, 4).strip_bytes == std::size_t{4} << 20);
  CHECK(fwht_schedule(30, 4).piece_bytes == 8192);
  CHECK(fwht_schedule(27, 8).pass1_extra_log == 2);
  CHECK(fwht_schedule(28, 8).max_row_log == 9);
  CHECK(fwht_schedule(29, 8).max_row_log == 10);
  for (unsigned n : {0u, 1u, 5u, 17u, 19u, 20u, 23u}) {  // 2^20: one pass; 2^23 int32: 32 MiB, two threads
    CAPTURE(n);
    const std::size_t size = std::size_t{1} << n;
    const std::vector<std::int32_t> input = random_vector<std::int32_t>(size, 5, 9000 + n);
    std::vector<std::int32_t> expect(input);
    fwht_plain_butterfly(std::span<std::int32_t>(expect));
    for (unsigned threads : {1u, 2u}) {
      AlignedVector<std::int32_t> a(size);
      gdcert::boolean::fwht_fill_inplace_unchecked(
          std::span<std::int32_t>(a),
          [&input](std::int32_t* p, std::size_t begin, std::size_t count) {
            std::copy(input.begin() + static_cast<std::ptrdiff_t>(begin),
                      input.begin() + static_cast<std::ptrdiff_t>(begin + count), p);
          },
          threads);
      CHECK(std::equal(a.begin(), a.end(), expect.begin()));
    }
  }
}

TEST_CASE("fwht thread team: every unit once per phase, slices taken back from a late member") {
  // Member 0 is held back until another member has taken a unit of its slice, so the taking back is exercised on
  // every run; phases > 1 checks that the barrier resets the slices.  Counts below, at and above the team size.
  for (unsigned workers : {1u, 2u, 3u, 5u}) {
    for (std::size_t count : {std::size_t{5}, std::size_t{64}, std::size_t{1001}}) {
      CAPTURE(workers);
      CAPTURE(count);
      const auto r = gdcert::boolean::detail::fwht_team_check(count, workers, 3);
      REQUIRE(r.visits.size() == count);
      CHECK(std::all_of(r.visits.begin(), r.visits.end(), [](unsigned v) { return v == 3; }));
      CHECK(r.members >= 1);
      CHECK(r.members <= workers);
      if (r.members > 1) CHECK(r.foreign > 0);
      if (workers == 1) CHECK(r.foreign == 0);
    }
  }
}

TEST_CASE("fwht thread team: a member that throws leaves the team, the others finish and the error comes back") {
  // Member 1 (a started thread) and member 0 (the caller) in turn throw before the second phase: no hang, the
  // exception reaches the caller.
  for (unsigned workers : {2u, 3u}) {
    for (int thrower : {0, 1}) {
      CAPTURE(workers);
      CAPTURE(thrower);
      CHECK_THROWS_AS(gdcert::boolean::detail::fwht_team_check(100, workers, 3, thrower), std::runtime_error);
    }
  }
  // No thrower: unchanged.
  CHECK_NOTHROW(gdcert::boolean::detail::fwht_team_check(100, 2, 3, -1));
}
