package dev.hookverify.idempotency;

import static java.util.Objects.requireNonNull;

/**
 * The answer to {@link IdempotencyStore#claim}: the outcome and, for a won claim, the random token
 * that proves ownership to {@code complete} and {@code release}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Claim {
  private final DeliveryKey key;
  private final ClaimOutcome outcome;
  private final String token;

  private Claim(DeliveryKey key, ClaimOutcome outcome, String token) {
    this.key = requireNonNull(key, "key");
    this.outcome = requireNonNull(outcome, "outcome");
    this.token = token;
  }

  /**
   * A fresh, unguessable claim token (128 random bits from a cryptographic generator, base64url
   * without padding: 22 characters). Safe to call from many threads at once: callers do not queue
   * on one generator.
   */
  public static String newToken() {
    return ClaimTokens.next();
  }

  /** A won claim, held with {@code token}. */
  public static Claim won(DeliveryKey key, String token) {
    return new Claim(key, ClaimOutcome.NEW, requireNonNull(token, "token"));
  }

  /** A lost claim: the key is held or was completed. */
  public static Claim lost(DeliveryKey key, ClaimOutcome outcome) {
    if (outcome == ClaimOutcome.NEW) {
      throw new IllegalArgumentException("a lost claim cannot be NEW");
    }
    return new Claim(key, outcome, null);
  }

  /** The key claimed. */
  public DeliveryKey key() {
    return key;
  }

  /** What the claim found. */
  public ClaimOutcome outcome() {
    return outcome;
  }

  /** Whether this caller holds the key and should process the delivery. */
  public boolean isWon() {
    return outcome == ClaimOutcome.NEW;
  }

  /**
   * The ownership token of a won claim.
   *
   * @throws IllegalStateException if the claim was not won
   */
  public String token() {
    if (token == null) {
      throw new IllegalStateException("claim was not won");
    }
    return token;
  }

  @Override
  public String toString() {
    return "Claim{" + key + ", " + outcome + "}";
  }
}
