package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys a sender may currently be signing with: several at once during a rotation, each with an
 * id (reported in {@link VerifiedWebhook#keyId()}) and an optional validity window.
 *
 * <p>A key is active from its {@code notBefore} (inclusive) until its {@code notAfter} (exclusive).
 * Keys outside their window are never tried; a ring with no active key rejects with {@link
 * Reason#NO_ACTIVE_KEY}.
 *
 * <p>Prepared MAC state is cached per key, so build a ring once and reuse it (a {@link TenantKeys}
 * implementation should cache the rings it returns). Instances are immutable and thread-safe.
 */
public final class KeyRing {
  /**
   * The most keys a ring holds. A forged delivery costs one MAC over the signed content per active
   * key, so the count is capped; a rotation needs two or three.
   */
  public static final int MAX_KEYS = 8;

  private final List<KeyEntry> keys;

  private KeyRing(List<KeyEntry> keys) {
    this.keys = List.copyOf(keys);
  }

  /** A ring of one key, with id {@code "default"} and no validity window. */
  public static KeyRing of(WebhookSecret secret) {
    return builder().add("default", secret).build();
  }

  /** A builder for a ring of several keys. */
  public static Builder builder() {
    return new Builder();
  }

  List<KeyEntry> keys() {
    return keys;
  }

  /** The number of keys, active or not. */
  public int size() {
    return keys.size();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("KeyRing{");
    for (int i = 0; i < keys.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(keys.get(i));
    }
    return out.append('}').toString();
  }

  /** Builds a {@link KeyRing}; every argument is checked at once. Not thread-safe. */
  public static final class Builder {
    private final List<KeyEntry> keys = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    private Builder() {}

    /** Adds a key that is always active. */
    public Builder add(String id, WebhookSecret secret) {
      return add(id, secret, Instant.MIN, Instant.MAX);
    }

    /**
     * Adds a key that is active from {@code notBefore} (inclusive) until {@code notAfter}
     * (exclusive).
     *
     * @throws IllegalArgumentException if the id is blank or repeated, the window is empty, or the
     *     ring already holds {@value KeyRing#MAX_KEYS} keys
     */
    public Builder add(String id, WebhookSecret secret, Instant notBefore, Instant notAfter) {
      requireNonNull(id, "id");
      requireNonNull(secret, "secret");
      requireNonNull(notBefore, "notBefore");
      requireNonNull(notAfter, "notAfter");
      if (id.isBlank()) {
        throw new IllegalArgumentException("key id is blank");
      }
      if (!ids.add(id)) {
        throw new IllegalArgumentException("key id repeated: " + id);
      }
      if (keys.size() == MAX_KEYS) {
        throw new IllegalArgumentException("a key ring holds at most " + MAX_KEYS + " keys");
      }
      if (!notBefore.isBefore(notAfter)) {
        throw new IllegalArgumentException("key " + id + ": notBefore must be before notAfter");
      }
      keys.add(new KeyEntry(id, secret, notBefore, notAfter));
      return this;
    }

    /**
     * The ring.
     *
     * @throws IllegalStateException if no key was added
     */
    public KeyRing build() {
      if (keys.isEmpty()) {
        throw new IllegalStateException("a key ring needs at least one key");
      }
      return new KeyRing(keys);
    }
  }
}
