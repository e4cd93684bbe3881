package dev.hookverify;

import java.util.Map;
import java.util.Optional;

/**
 * The keys of each tenant, for senders that sign or authenticate per organization.
 *
 * <p>Contract: called once per verification with the tenant a {@link TenantResolver} found; on any
 * thread. Return empty for an unknown tenant ({@link Reason#UNKNOWN_TENANT}). Return the same
 * {@link KeyRing} instance for the same keys: rings cache prepared MAC state, so building one per
 * call is slow. A thrown {@link RuntimeException} rejects the delivery with {@link
 * Reason#VERIFIER_ERROR}.
 */
@FunctionalInterface
public interface TenantKeys {
  /** The key ring of {@code tenant}, or empty if the tenant is unknown. */
  Optional<KeyRing> keyRing(String tenant);

  /** A fixed map from tenant to key ring. */
  static TenantKeys of(Map<String, KeyRing> rings) {
    Map<String, KeyRing> copy = Map.copyOf(rings);
    return tenant -> Optional.ofNullable(copy.get(tenant));
  }
}
