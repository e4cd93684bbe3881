package dev.hookverify.inbox;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When {@link InboxWorkers} try a failed delivery again, and how many attempts it gets before it is
 * dead: exponential backoff with jitter.
 *
 * <p>After failed attempt {@code n} (1 for the first run of the handler) the next attempt is due
 * {@code min(initial × 2^(n−1), max)} later, less a random share of up to {@code jitter} of that
 * delay, so failures that happened together (a downstream outage) do not all come back in the same
 * second. Jitter only shortens a delay: no delay exceeds the undisturbed schedule, and none exceeds
 * {@code max}. After attempt {@link #maxAttempts()} fails the delivery is {@link
 * DeliveryStatus#DEAD} and waits for {@link DeliveryInbox#requeue}.
 *
 * <p>{@link #DEFAULT}: 10 s doubling up to 1 h, 10 attempts, 20 % jitter. Its nine retries wait 10,
 * 20, 40, 80, 160, 320, 640, 1280 and 2560 s (each up to 20 % less): a delivery whose handler keeps
 * failing is dead about 85 minutes after it was accepted. A policy with {@code initial} equal to
 * {@code max} retries at a fixed interval.
 *
 * <p>Instances are immutable and thread-safe; the {@code with} methods return a new policy.
 */
public final class RetryPolicy {
  /** The longest delay a policy schedules: 100 years, far past any useful retry. */
  static final Duration LONGEST = Duration.ofDays(36_525);

  /** 10 s doubling up to 1 h, 10 attempts, 20 % jitter. */
  public static final RetryPolicy DEFAULT =
      exponential(Duration.ofSeconds(10), Duration.ofHours(1)).withMaxAttempts(10).withJitter(0.2);

  private final long initialMillis;
  private final long maxMillis;
  private final int maxAttempts;
  private final double jitter;

  private RetryPolicy(long initialMillis, long maxMillis, int maxAttempts, double jitter) {
    this.initialMillis = initialMillis;
    this.maxMillis = maxMillis;
    this.maxAttempts = maxAttempts;
    this.jitter = jitter;
  }

  /**
   * A policy whose delays start at {@code initial} and double after each failed attempt up to
   * {@code max}; 10 attempts and no jitter until changed. Delays are whole milliseconds (a fraction
   * of one is rounded up).
   *
   * @throws IllegalArgumentException if {@code initial} is shorter than 1 ms, {@code max} is
   *     shorter than {@code initial}, or {@code max} is longer than 100 years
   */
  public static RetryPolicy exponential(Duration initial, Duration max) {
    requireNonNull(initial, "initial");
    requireNonNull(max, "max");
    if (initial.compareTo(Duration.ofMillis(1)) < 0) {
      throw new IllegalArgumentException("initial delay must be at least 1 ms");
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max delay must not be shorter than the initial delay");
    }
    if (max.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("max delay must be at most 100 years");
    }
    return new RetryPolicy(ceilMillis(initial), ceilMillis(max), 10, 0);
  }

  /** {@code d} in whole milliseconds, rounded up (cannot overflow: at most 100 years). */
  private static long ceilMillis(Duration d) {
    long millis = d.toMillis();
    return d.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }

  /**
   * This policy with {@code maxAttempts} runs of the handler before a delivery is dead; 1 means no
   * retry.
   *
   * @throws IllegalArgumentException if {@code maxAttempts} is less than 1
   */
  public RetryPolicy withMaxAttempts(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    return new RetryPolicy(initialMillis, maxMillis, maxAttempts, jitter);
  }

  /**
   * This policy with each delay shortened by a random share of up to {@code fraction} of it: 0 for
   * the exact schedule, 0.2 for delays between 80 % and 100 % of it, 1 for anything from no delay
   * to the full one.
   *
   * @throws IllegalArgumentException if {@code fraction} is not between 0 and 1
   */
  public RetryPolicy withJitter(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) { // also refuses NaN
      throw new IllegalArgumentException("jitter must be between 0 and 1");
    }
    return new RetryPolicy(initialMillis, maxMillis, maxAttempts, fraction);
  }

  /** The delay after the first failed attempt. */
  public Duration initialDelay() {
    return Duration.ofMillis(initialMillis);
  }

  /** The longest delay between two attempts. */
  public Duration maxDelay() {
    return Duration.ofMillis(maxMillis);
  }

  /** How many times the handler runs before a delivery is dead. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The largest share of a delay that jitter removes, between 0 and 1. */
  public double jitter() {
    return jitter;
  }

  /** Whether a delivery whose attempt {@code attempt} failed is dead rather than tried again. */
  public boolean isLast(int attempt) {
    return attempt >= maxAttempts;
  }

  /**
   * The delay before the attempt after failed attempt {@code attempt}, with {@code random01} (a
   * uniform random number in [0, 1), such as {@code ThreadLocalRandom.current().nextDouble()})
   * choosing the jitter: 0 gives the full delay, values towards 1 remove up to {@link #jitter()} of
   * it. Never overflows: from the attempt where doubling passes {@code max}, every delay is {@code
   * max} (less jitter).
   *
   * @throws IllegalArgumentException if {@code attempt} is less than 1 or {@code random01} is not
   *     in [0, 1]
   */
  public Duration delayAfter(int attempt, double random01) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1");
    }
    if (!(random01 >= 0 && random01 <= 1)) {
      throw new IllegalArgumentException("random01 must be between 0 and 1");
    }
    int doublings = attempt - 1;
    // initial << doublings, unless that passes max: shifting back first cannot overflow.
    long base =
        doublings >= Long.SIZE - 1 || initialMillis > (maxMillis >> doublings)
            ? maxMillis
            : initialMillis << doublings;
    return Duration.ofMillis(base - (long) (base * jitter * random01));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryPolicy p
        && p.initialMillis == initialMillis
        && p.maxMillis == maxMillis
        && p.maxAttempts == maxAttempts
        && Double.compare(p.jitter, jitter) == 0;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(initialMillis * 31 + maxMillis) * 31
        + maxAttempts * 17
        + Double.hashCode(jitter);
  }

  @Override
  public String toString() {
    return "RetryPolicy{exponential "
        + initialDelay()
        + " up to "
        + maxDelay()
        + ", "
        + maxAttempts
        + " attempts, jitter "
        + jitter
        + "}";
  }
}
