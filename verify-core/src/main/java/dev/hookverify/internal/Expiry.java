package dev.hookverify.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * How every store and the inbox turn a lease or a retention into an expiry: checked once (zero and
 * negative refused), rounded up to whole milliseconds, capped at {@link #LONGEST}, and added to the
 * current time without ever wrapping around. A duration too long to represent is remembered for as
 * long as the store can, never forgotten at once.
 */
public final class Expiry {
  /**
   * The longest lease or retention a store keeps: 100 years, for good as far as any sender's
   * retries go. Longer durations, up to {@link Duration}'s own maximum, are this.
   */
  public static final Duration LONGEST = Duration.ofDays(36_525);

  /**
   * The latest expiry a JDBC store writes, 9999-12-31T23:59:59Z: the last second that every SQL
   * database's timestamp type holds (PostgreSQL's goes further, SQL Server's, Oracle's and MySQL's
   * {@code DATETIME} end here).
   */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private Expiry() {}

  /**
   * {@code d} in whole milliseconds, rounded up (1 ns is 1 ms, never 0), and at most {@link
   * #LONGEST}.
   *
   * @throws IllegalArgumentException if {@code d} is zero or negative: a claim that expires at once
   *     would let concurrent claims of one key all win
   */
  public static Duration capped(Duration d, String what) {
    requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive");
    }
    if (d.compareTo(LONGEST) >= 0) {
      return LONGEST;
    }
    if (d.getNano() % 1_000_000 == 0) {
      return d; // whole milliseconds already: no allocation on the common path
    }
    return Duration.ofMillis(d.toMillis() + 1); // cannot overflow: below LONGEST
  }

  /** {@link #capped} in milliseconds. */
  public static long millis(Duration d, String what) {
    return capped(d, what).toMillis();
  }

  /** The epoch millisecond {@code d} after {@code nowMillis}, at most {@code Long.MAX_VALUE}. */
  public static long millisAfter(long nowMillis, Duration d, String what) {
    long millis = millis(d, what);
    long sum = nowMillis + millis;
    // Overflow only when both are positive and the sum wrapped: then the latest millisecond.
    return nowMillis > 0 && sum < 0 ? Long.MAX_VALUE : sum;
  }

  /** The instant {@code d} after {@code now}, at most {@link #LATEST}. */
  public static Instant after(Instant now, Duration d, String what) {
    Duration c = capped(d, what);
    if (!now.isBefore(LATEST)) {
      return LATEST;
    }
    // Not Duration.between(now, LATEST): its nanoseconds overflow (centuries apart), so every call
    // threw and caught an ArithmeticException inside the JDK, and C2 deoptimised on each one (the
    // request-path profile: 30,000 deoptimisations in 25 s). now + c stays far inside Instant's
    // range, c being at most 100 years.
    Instant expiry = now.plus(c);
    return expiry.isBefore(LATEST) ? expiry : LATEST;
  }
}
