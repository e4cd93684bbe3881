package dev.hookverify.fuzz;

import java.time.Duration;

/**
 * A hang detector for fuzz targets. Inputs are a few KiB, so one verification taking seconds means
 * runaway work (a loop or quadratic scan), not noise. Not a speed claim: those are JMH's.
 */
final class Hangs {
  static final Duration LIMIT = Duration.ofSeconds(5);

  private Hangs() {}

  static void check(long startNanos) {
    long elapsed = System.nanoTime() - startNanos;
    if (elapsed > LIMIT.toNanos()) {
      throw new AssertionError("one input took " + Duration.ofNanos(elapsed) + ": a hang");
    }
  }
}
