package dev.hookverify.jaxrs;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * One configured endpoint: its name and how it verifies, with or without claiming the delivery.
 * Immutable and thread-safe.
 */
final class Endpoint {
  private final String name;
  private final WebhookVerifier verifier;
  private final IdempotentVerifier idempotent;

  private Endpoint(String name, WebhookVerifier verifier, IdempotentVerifier idempotent) {
    this.name = name;
    this.verifier = verifier;
    this.idempotent = idempotent;
  }

  static Endpoint verifying(String name, WebhookVerifier verifier) {
    return new Endpoint(name, verifier, null);
  }

  static Endpoint claiming(String name, IdempotentVerifier idempotent) {
    return new Endpoint(name, null, idempotent);
  }

  String name() {
    return name;
  }

  /**
   * Verifies {@code webhook} and, for an idempotent endpoint, claims it; records the outcome as
   * properties of {@code request}.
   */
  void admit(WebhookRequest webhook, ContainerRequestContext request)
      throws WebhookVerificationException {
    if (idempotent == null) {
      request.setProperty(VerifiedWebhooks.PROPERTY, verifier.verify(webhook));
      return;
    }
    ClaimedDelivery delivery = idempotent.claim(webhook);
    VerifiedWebhook verified = delivery.webhook();
    request.setProperty(VerifiedWebhooks.CLAIM_PROPERTY, delivery);
    request.setProperty(VerifiedWebhooks.PROPERTY, verified);
  }

  @Override
  public String toString() {
    return name + "=" + (idempotent == null ? verifier : idempotent);
  }
}
