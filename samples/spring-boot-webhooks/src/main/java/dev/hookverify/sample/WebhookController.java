package dev.hookverify.sample;

import dev.hookverify.VerifiedWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The handlers. Each runs only for a verified delivery it has not handled before: a forged, stale
 * or tampered one is answered 401 and a duplicate 200 by the starter's filter, before any of this
 * code. A handler answers 2xx to mark the delivery handled; if it throws, the delivery is released
 * and the sender's retry is handled again.
 */
@RestController
class WebhookController {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

  /** The fields of a Stripe event this handler reads; Spring binds them from the verified body. */
  record StripeEvent(String id, String type) {}

  /** Stripe: the delivery id is the event's id, inside the signed body. */
  @PostMapping("/webhooks/stripe")
  ResponseEntity<Void> stripe(VerifiedWebhook webhook, @RequestBody StripeEvent event) {
    log(webhook, event.type());
    return ResponseEntity.noContent().build();
  }

  /** GitHub: the event type and delivery id are headers; the body is the event's payload. */
  @PostMapping("/webhooks/github")
  ResponseEntity<Void> github(
      VerifiedWebhook webhook, @RequestHeader("X-GitHub-Event") String event) {
    log(webhook, event);
    return ResponseEntity.noContent().build();
  }

  /** Twilio posts a form, signed with the URL; its parameters read as usual. */
  @PostMapping("/webhooks/twilio")
  ResponseEntity<Void> twilio(
      VerifiedWebhook webhook,
      @RequestParam("MessageSid") String messageSid,
      @RequestParam("From") String from,
      @RequestParam("Body") String text) {
    log(webhook, "message " + messageSid + " from " + from + ": " + text);
    return ResponseEntity.noContent().build();
  }

  /** Logs what arrived; a real handler would act on it here. */
  private static void log(VerifiedWebhook webhook, String event) {
    LOG.info(
        "{} webhook: {} (delivery id {}, idempotency key {})",
        webhook.provider(),
        event,
        webhook.deliveryId().orElse("none"),
        webhook.deliveryKey().value());
  }
}
