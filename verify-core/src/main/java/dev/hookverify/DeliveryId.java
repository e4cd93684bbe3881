package dev.hookverify;

import static java.util.Objects.requireNonNull;

/**
 * A sender's id for one delivery, and whether the proof covers it. A signed id is safe to
 * deduplicate on; an unsigned one (GitHub's {@code X-GitHub-Delivery}, Shopify's, Twilio's) can be
 * changed by anyone who replays the request.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DeliveryId {
  /** The longest delivery id accepted, in characters. */
  public static final int MAX_LENGTH = 256;

  private final String value;
  private final boolean signed;

  private DeliveryId(String value, boolean signed) {
    this.value = value;
    this.signed = signed;
  }

  /**
   * An id, if it is 1 to {@value #MAX_LENGTH} printable ASCII characters.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static DeliveryId of(String value, boolean signed) {
    if (!isValid(requireNonNull(value, "value"))) {
      throw new IllegalArgumentException("delivery id must be 1-256 printable ASCII characters");
    }
    return new DeliveryId(value, signed);
  }

  /** Whether {@code value} can be a delivery id: 1 to 256 printable ASCII characters. */
  public static boolean isValid(String value) {
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** The id. */
  public String value() {
    return value;
  }

  /** Whether the proof covers the id. */
  public boolean isSigned() {
    return signed;
  }

  @Override
  public String toString() {
    return value + (signed ? " (signed)" : " (unsigned)");
  }
}
