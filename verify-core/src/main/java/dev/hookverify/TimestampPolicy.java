package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How a signed timestamp is read and how fresh it must be: its unit, the greatest age accepted and,
 * separately, how far ahead of this server's clock it may be (sender clocks drift both ways).
 *
 * <p>A timestamp is a plain decimal number of seconds or milliseconds since the epoch (no sign,
 * spaces, fraction or exponent, at most 18 digits), or an RFC 3339 date-time. A delivery exactly at
 * a limit is accepted; one unit past it is rejected. Limits must be positive: no value silently
 * turns the check off. To turn it off, say so with {@link #freshnessNotChecked}.
 *
 * <p>Instances are immutable and thread-safe; the clock is supplied per check so tests and replays
 * can fix it.
 */
public final class TimestampPolicy {
  /** The unit a sender writes its timestamp in. */
  public enum Unit {
    /** Whole seconds since the epoch (Stripe, Slack, Standard Webhooks and most others). */
    SECONDS,
    /** Milliseconds since the epoch. */
    MILLISECONDS,
    /**
     * An RFC 3339 date-time with an offset, such as Twitch's {@code
     * 2019-11-16T10:11:12.634234626Z}; checked to the millisecond.
     */
    RFC_3339
  }

  private static final int MAX_DIGITS = 18;

  private static final Attempt.Rejected MALFORMED =
      Attempt.rejected(Reason.MALFORMED_TIMESTAMP, "timestamp is not in the sender's format");
  private static final Attempt.Rejected TOO_OLD =
      Attempt.rejected(Reason.TIMESTAMP_TOO_OLD, "timestamp too old");
  private static final Attempt.Rejected IN_FUTURE =
      Attempt.rejected(Reason.TIMESTAMP_IN_FUTURE, "timestamp too far in the future");

  private final Unit unit;
  private final long maxAge;
  private final long maxFuture;
  private final boolean checked;

  private TimestampPolicy(Unit unit, long maxAge, long maxFuture, boolean checked) {
    this.unit = unit;
    this.maxAge = maxAge;
    this.maxFuture = maxFuture;
    this.checked = checked;
  }

  /**
   * Seconds timestamps no older than {@code maxAge} and no further ahead than {@code maxFuture}.
   *
   * @throws IllegalArgumentException if a limit is shorter than one second
   */
  public static TimestampPolicy seconds(Duration maxAge, Duration maxFuture) {
    return of(Unit.SECONDS, maxAge, maxFuture);
  }

  /** Seconds timestamps within {@code tolerance} either way (Stripe's 300 s, for example). */
  public static TimestampPolicy secondsWithin(Duration tolerance) {
    return seconds(tolerance, tolerance);
  }

  /**
   * Millisecond timestamps no older than {@code maxAge} and no further ahead than {@code
   * maxFuture}.
   *
   * @throws IllegalArgumentException if a limit is shorter than one millisecond
   */
  public static TimestampPolicy milliseconds(Duration maxAge, Duration maxFuture) {
    return of(Unit.MILLISECONDS, maxAge, maxFuture);
  }

  /**
   * Timestamps in {@code unit} that must be present and well formed (they are signed) but whose age
   * is not checked. This gives up replay protection by time; use it only with an {@link
   * IdempotentVerifier}, or to re-verify captured requests.
   */
  public static TimestampPolicy freshnessNotChecked(Unit unit) {
    return new TimestampPolicy(requireNonNull(unit, "unit"), 0, 0, false);
  }

  private static TimestampPolicy of(Unit unit, Duration maxAge, Duration maxFuture) {
    requireNonNull(maxAge, "maxAge");
    requireNonNull(maxFuture, "maxFuture");
    long age = inUnit(unit, maxAge);
    long future = inUnit(unit, maxFuture);
    if (age < 1 || future < 1) {
      throw new IllegalArgumentException(
          "timestamp limits must be at least one "
              + unit.name().toLowerCase(java.util.Locale.ROOT)
              + "; to turn the check off use TimestampPolicy.freshnessNotChecked");
    }
    return new TimestampPolicy(unit, age, future, true);
  }

  private static long inUnit(Unit unit, Duration d) {
    if (d.isNegative()) {
      return -1;
    }
    return unit == Unit.SECONDS ? d.getSeconds() : d.toMillis();
  }

  /**
   * RFC 3339 timestamps no older than {@code maxAge} and no further ahead than {@code maxFuture},
   * compared to the millisecond.
   *
   * @throws IllegalArgumentException if a limit is shorter than one millisecond
   */
  public static TimestampPolicy rfc3339(Duration maxAge, Duration maxFuture) {
    return of(Unit.RFC_3339, maxAge, maxFuture);
  }

  /** The unit timestamps are written in. */
  public Unit unit() {
    return unit;
  }

  /** Whether the age is checked at all. */
  public boolean isChecked() {
    return checked;
  }

  /**
   * Parses the timestamp in {@code text[start, end)} and checks it against {@code clock}; for
   * authenticators of schemes the core does not cover.
   *
   * @return the timestamp as an instant
   * @throws WebhookVerificationException {@link Reason#MALFORMED_TIMESTAMP}, {@link
   *     Reason#TIMESTAMP_TOO_OLD} or {@link Reason#TIMESTAMP_IN_FUTURE}
   */
  public Instant check(CharSequence text, int start, int end, Clock clock)
      throws WebhookVerificationException {
    long value = value(text, start, end);
    Attempt.Rejected rejected = judge(value, clock);
    if (rejected != null) {
      throw rejected.toException();
    }
    return instant(value, text, start, end);
  }

  /** What {@link #value} answers for text that is not a timestamp in this policy's unit. */
  static final long INVALID = Long.MIN_VALUE;

  /**
   * Whether freshness is checked and neither limit exceeds {@code bound}: every accepted timestamp
   * is then within {@code bound} of the clock, both ways.
   */
  boolean boundedWithin(Duration bound) {
    long limit = unit == Unit.SECONDS ? bound.getSeconds() : bound.toMillis();
    return checked && maxAge <= limit && maxFuture <= limit;
  }

  /**
   * The timestamp in {@code text[start, end)}, read once: epoch seconds or milliseconds as the unit
   * says (milliseconds for RFC 3339), or {@link #INVALID}.
   */
  long value(CharSequence text, int start, int end) {
    if (unit == Unit.RFC_3339) {
      Instant instant = parseRfc3339(text, start, end);
      return instant == null ? INVALID : instant.toEpochMilli();
    }
    long value = parse(text, start, end);
    return value < 0 || (unit == Unit.SECONDS && value > Instant.MAX.getEpochSecond())
        ? INVALID
        : value;
  }

  /**
   * Why a timestamp of {@link #value} is not acceptable now, or null if it is: the allocation-free
   * form of {@link #check} for core's authenticators.
   */
  Attempt.Rejected judge(long value, Clock clock) {
    if (value == INVALID) {
      return MALFORMED;
    }
    return age(value, unit == Unit.SECONDS ? Math.floorDiv(clock.millis(), 1000L) : clock.millis());
  }

  /**
   * The instant of a timestamp {@link #judge} accepted; an RFC 3339 one is read again from {@code
   * text} for its digits below the millisecond.
   */
  Instant instant(long value, CharSequence text, int start, int end) {
    switch (unit) {
      case SECONDS:
        return Instant.ofEpochSecond(value);
      case MILLISECONDS:
        return Instant.ofEpochMilli(value);
      default:
        return parseRfc3339(text, start, end);
    }
  }

  private Attempt.Rejected age(long value, long now) {
    if (checked) {
      if (now - value > maxAge) {
        return TOO_OLD;
      }
      if (value - now > maxFuture) {
        return IN_FUTURE;
      }
    }
    return null;
  }

  /**
   * A strict RFC 3339 date-time with offset, at most 64 characters, within Instant's range: {@code
   * yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, then {@code Z} or {@code +HH:mm} /
   * {@code -HH:mm}. java.time alone also takes {@code +HH}, {@code +HH:mm:ss}, an empty fraction
   * and no seconds; each of these is a prefix or an extension of an RFC 3339 timestamp, so where
   * the timestamp is signed next to other bytes (Zendesk's {@code {timestamp}{body}}), bytes could
   * move across the boundary without changing the instant or the MAC. The grammar here is
   * prefix-free.
   */
  private static Instant parseRfc3339(CharSequence text, int start, int end) {
    if (end - start < 20 || end - start > 64 || !isRfc3339Shape(text, start, end)) {
      return null;
    }
    try {
      Instant instant = java.time.OffsetDateTime.parse(text.subSequence(start, end)).toInstant();
      instant.toEpochMilli(); // within the range the age check computes with
      return instant;
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return null;
    }
  }

  /** Whether {@code text[start, end)} has RFC 3339's date-time shape (ranges are java.time's). */
  private static boolean isRfc3339Shape(CharSequence text, int start, int end) {
    String shape = "dddd-dd-ddTdd:dd:dd";
    if (end - start < shape.length() + 1) {
      return false;
    }
    for (int i = 0; i < shape.length(); i++) {
      char want = shape.charAt(i);
      char c = text.charAt(start + i);
      if (want == 'd' ? c < '0' || c > '9' : c != want) {
        return false;
      }
    }
    int i = start + shape.length();
    if (text.charAt(i) == '.') {
      int digits = ++i;
      while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      if (i == digits || i - digits > 9) {
        return false;
      }
    }
    if (end - i == 1) {
      return text.charAt(i) == 'Z';
    }
    return end - i == 6
        && (text.charAt(i) == '+' || text.charAt(i) == '-')
        && isDigit(text.charAt(i + 1))
        && isDigit(text.charAt(i + 2))
        && text.charAt(i + 3) == ':'
        && isDigit(text.charAt(i + 4))
        && isDigit(text.charAt(i + 5));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The decimal value of {@code text[start, end)}, or -1 if it is not 1-18 digits. */
  private static long parse(CharSequence text, int start, int end) {
    int length = end - start;
    if (length < 1 || length > MAX_DIGITS) {
      return -1;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  @Override
  public String toString() {
    return checked
        ? "TimestampPolicy{" + unit + ", maxAge=" + maxAge + ", maxFuture=" + maxFuture + "}"
        : "TimestampPolicy{" + unit + ", freshness not checked}";
  }
}
