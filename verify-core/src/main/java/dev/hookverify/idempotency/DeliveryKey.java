package dev.hookverify.idempotency;

import static java.util.Objects.requireNonNull;

/**
 * What a store deduplicates on: the provider and its delivery id (or a digest derived from signed
 * material), as {@code provider:id}.
 *
 * <p>Instances are immutable and thread-safe; equal when provider and id are.
 */
public final class DeliveryKey {
  /** The longest key, {@code provider:id}, in characters. */
  public static final int MAX_LENGTH = 320;

  private final String provider;
  private final String id;

  private DeliveryKey(String provider, String id) {
    this.provider = provider;
    this.id = id;
  }

  /**
   * A key for delivery {@code id} of {@code provider}.
   *
   * @throws IllegalArgumentException if either part is empty, not printable ASCII, or the whole is
   *     longer than {@value #MAX_LENGTH}
   */
  public static DeliveryKey of(String provider, String id) {
    requireNonNull(provider, "provider");
    requireNonNull(id, "id");
    if (!printable(provider)
        || !printable(id)
        || provider.indexOf(':') >= 0
        || provider.length() + 1 + id.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("delivery key parts must be printable ASCII, <= 320 long");
    }
    return new DeliveryKey(provider, id);
  }

  private static boolean printable(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** The provider name. */
  public String provider() {
    return provider;
  }

  /** The delivery id or derived digest. */
  public String id() {
    return id;
  }

  /** {@code provider:id}, the form stores persist. */
  public String value() {
    return provider + ':' + id;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeliveryKey
        && ((DeliveryKey) o).provider.equals(provider)
        && ((DeliveryKey) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return 31 * provider.hashCode() + id.hashCode();
  }

  @Override
  public String toString() {
    return value();
  }
}
