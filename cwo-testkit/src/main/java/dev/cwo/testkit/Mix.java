package dev.cwo.testkit;

/**
 * SplitMix64-style hashing used to derive seeded, order-independent random values.
 *
 * <p>Stateless and thread-safe.
 */
final class Mix {
  private Mix() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long mix(long a, long b) {
    return mix(a * 0x9e3779b97f4a7c15L + mix(b));
  }

  /** A uniform double in [0, 1) from a hash. */
  static double unit(long h) {
    return (mix(h) >>> 11) * 0x1.0p-53;
  }

  /** A 64-bit hash of a string (FNV-1a over UTF-16 units, then mixed). */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }
}
