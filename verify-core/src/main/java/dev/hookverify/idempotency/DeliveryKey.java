package dev.hookverify.idempotency;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.Sha256;
import java.util.Optional;

/**
 * What a store deduplicates on: the provider, the tenant when keys are per tenant, and the delivery
 * id (or a digest of the signed content), as {@code provider:id} or {@code provider:tenant:id}.
 * Scoping by tenant means one tenant cannot claim another tenant's delivery ids first.
 *
 * <p>A tenant or id that is not a plain token (letters, digits, {@code . _ -}, at most 64 and 256
 * characters), or that would make the key longer than {@value #MAX_LENGTH} characters, is written
 * as {@code ~} and its SHA-256 in hex, so every key fits the stores' column and no two deliveries
 * share one.
 *
 * <p>Instances are immutable and thread-safe; equal when their values are.
 */
public final class DeliveryKey {
  /** The longest key, {@code provider:tenant:id}, in characters. */
  public static final int MAX_LENGTH = 320;

  private static final int MAX_TENANT = 64;

  private final String provider;
  private final String tenant;
  private final String id;
  private final String value;

  private DeliveryKey(String provider, String tenant, String id) {
    this.provider = provider;
    this.tenant = tenant;
    this.id = id;
    this.value = tenant == null ? provider + ':' + id : provider + ':' + tenant + ':' + id;
  }

  /**
   * A key for delivery {@code id} of {@code provider}.
   *
   * @throws IllegalArgumentException if either part is empty or not printable ASCII, the provider
   *     contains {@code :}, or the whole is longer than {@value #MAX_LENGTH}
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
    return new DeliveryKey(provider, null, id);
  }

  /**
   * A key for delivery {@code id} of {@code provider}'s tenant {@code tenant}; a tenant or id that
   * is not a plain token is replaced by its digest (see the class documentation).
   *
   * @throws IllegalArgumentException if the provider is empty, longer than 63 characters, or not
   *     printable ASCII without {@code :}, or the id or tenant is empty
   */
  public static DeliveryKey of(String provider, String tenant, String id) {
    requireNonNull(provider, "provider");
    requireNonNull(tenant, "tenant");
    requireNonNull(id, "id");
    if (!printable(provider) || provider.indexOf(':') >= 0 || provider.length() > 63) {
      throw new IllegalArgumentException("provider must be 1-63 printable ASCII characters");
    }
    if (tenant.isEmpty() || id.isEmpty()) {
      throw new IllegalArgumentException("tenant and id must not be empty");
    }
    String tenantPart = token(tenant, MAX_TENANT);
    String idPart = token(id, MAX_LENGTH - provider.length() - tenantPart.length() - 2);
    return new DeliveryKey(provider, tenantPart, idPart);
  }

  /** {@code text} if it is a plain token of at most {@code max} characters, else its digest. */
  private static String token(String text, int max) {
    boolean plain = text.length() <= max && text.charAt(0) != '~';
    for (int i = 0; plain && i < text.length(); i++) {
      char c = text.charAt(i);
      plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
    }
    return plain ? text : "~" + Sha256.hexOf(text);
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

  /** The tenant part, when keys are per tenant (a digest if the tenant is not a plain token). */
  public Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }

  /** The delivery id or derived digest. */
  public String id() {
    return id;
  }

  /** {@code provider:id} or {@code provider:tenant:id}, the form stores persist. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeliveryKey && ((DeliveryKey) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
