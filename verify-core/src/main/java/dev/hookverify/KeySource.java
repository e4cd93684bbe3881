package dev.hookverify;

import java.util.Optional;

/** Selects the key ring for a request: one fixed ring, or the ring of the request's tenant. */
abstract class KeySource {
  /** A key ring and the tenant it belongs to (null for a fixed ring). */
  static final class Selected {
    final KeyRing ring;
    final String tenant;

    Selected(KeyRing ring, String tenant) {
      this.ring = ring;
      this.tenant = tenant;
    }
  }

  abstract Selected select(WebhookRequest request) throws WebhookVerificationException;

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
      Selected select(WebhookRequest request) throws WebhookVerificationException {
        String tenant = resolver.tenant(request).orElseThrow(() -> unknown("tenant not found"));
        KeyRing ring = keys.keyRing(tenant).orElseThrow(() -> unknown("tenant has no keys"));
        return new Selected(ring, tenant);
      }

      @Override
      Optional<KeyRing> fixedRing() {
        return Optional.empty();
      }
    };
  }

  private static WebhookVerificationException unknown(String message) {
    return new WebhookVerificationException(Reason.UNKNOWN_TENANT, message);
  }
}
