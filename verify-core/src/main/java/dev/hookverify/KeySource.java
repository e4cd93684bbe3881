package dev.hookverify;

import java.util.Optional;

/** Selects the key ring for a request: one fixed ring, or the ring of the request's tenant. */
abstract class KeySource {
  /** A key ring and the tenant it belongs to (null for a fixed ring). */
  static final class Selected {
    final KeyRing ring;
    final String tenant;
    final Attempt.Rejected rejected;

    Selected(KeyRing ring, String tenant) {
      this.ring = ring;
      this.tenant = tenant;
      this.rejected = null;
    }

    private Selected(Attempt.Rejected rejected) {
      this.ring = null;
      this.tenant = null;
      this.rejected = rejected;
    }
  }

  private static final Selected TENANT_NOT_FOUND =
      new Selected(Attempt.rejected(Reason.UNKNOWN_TENANT, "tenant not found"));
  private static final Selected TENANT_WITHOUT_KEYS =
      new Selected(Attempt.rejected(Reason.UNKNOWN_TENANT, "tenant has no keys"));

  /** The keys for {@code request}, or (in {@link Selected#rejected}) why there are none. */
  abstract Selected select(WebhookRequest request);

  /** Fixed rings, whose MAC state can be prepared at build time. */
  abstract Optional<KeyRing> fixedRing();

  static KeySource fixed(KeyRing ring) {
    Selected selected = new Selected(ring, null);
    return new KeySource() {
      @Override
      Selected select(WebhookRequest request) {
        return selected;
      }

      @Override
      Optional<KeyRing> fixedRing() {
        return Optional.of(ring);
      }
    };
  }

  static KeySource perTenant(TenantResolver resolver, TenantKeys keys) {
    return new KeySource() {
      @Override
      Selected select(WebhookRequest request) {
        String tenant = resolver.tenant(request).orElse(null);
        if (tenant == null) {
          return TENANT_NOT_FOUND;
        }
        KeyRing ring = keys.keyRing(tenant).orElse(null);
        return ring == null ? TENANT_WITHOUT_KEYS : new Selected(ring, tenant);
      }

      @Override
      Optional<KeyRing> fixedRing() {
        return Optional.empty();
      }
    };
  }
}
