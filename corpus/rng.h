// A small deterministic random source for the corpus generator.
//
// The standard distributions (std::uniform_int_distribution, ...) are not specified bit-for-bit, so
// a corpus made by one standard library could differ from another's. Everything here is defined
// in this file, so a seed means the same corpus everywhere.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace scr::corpus {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed ^ 0x9E3779B97F4A7C15ull) { next(); }

  /// A generator derived from this seed and a label, independent of how much this one was used.
  static Rng derive(uint64_t seed, uint64_t label) { return Rng(mix(seed * 0x100000001B3ull + label)); }

  uint64_t next() {  // splitmix64
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    return mix(z);
  }
  /// Uniform in [lo, hi], both inclusive.
  int uniform(int lo, int hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1));
  }
  double real() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  bool chance(double p) { return real() < p; }
  /// Standard normal, Box-Muller.
  double normal() {
    double u1 = real(), u2 = real();
    if (u1 < 1e-300) u1 = 1e-300;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<size_t>(uniform(0, static_cast<int>(v.size()) - 1))];
  }
  /// Index drawn with probability proportional to 1/(rank+1)^s: the long tail real vocabularies have.
  size_t zipf(size_t n, double s = 1.0) {
    double total = 0;
    for (size_t i = 0; i < n; ++i) total += 1.0 / std::pow(static_cast<double>(i + 1), s);
    double r = real() * total;
    for (size_t i = 0; i < n; ++i) {
      r -= 1.0 / std::pow(static_cast<double>(i + 1), s);
      if (r <= 0) return i;
    }
    return n - 1;
  }
  template <class T>
  void shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[next() % i]);
  }

 private:
  static uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t state_;
};

}  // namespace scr::corpus
