package dev.hookverify;

import static dev.hookverify.Signing.base64;
import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.idempotency.Claim;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.IdempotencyStoreException;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdempotentVerifierTest {
  private static final byte[] SECRET = utf8("github-webhook-secret");
  private static final byte[] BODY = utf8("{\"action\":\"opened\",\"number\":7}");
  private final List<VerificationEvent> events = new CopyOnWriteArrayList<>();

  /** GitHub's layout: the delivery id header is not signed. */
  private WebhookVerifier github() {
    return WebhookVerifier.builder("github")
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
                .secret(WebhookSecret.ofBytes(SECRET))
                .build())
        .deliveryId(DeliveryIdSource.header("X-GitHub-Delivery"))
        .listener(events::add)
        .build();
  }

  private static WebhookRequest delivery(String id, byte[] body) {
    return WebhookRequest.builder()
        .header("X-Hub-Signature-256", "sha256=" + hex(hmac(HmacAlgorithm.SHA256, SECRET, body)))
        .header("X-GitHub-Delivery", id)
        .body(body)
        .build();
  }

  private static Reason reasonOf(IdempotentVerifier verifier, WebhookRequest request) {
    try (ClaimedDelivery delivery = verifier.claim(request)) {
      delivery.complete();
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  @Test
  void claim_replayOfACompletedDelivery_isDuplicate() {
    IdempotentVerifier verifier =
        IdempotentVerifier.builder(github(), new InMemoryIdempotencyStore(1000)).build();
    assertThat(reasonOf(verifier, delivery("d-1", BODY))).isNull();
    assertThat(reasonOf(verifier, delivery("d-1", BODY))).isEqualTo(Reason.DUPLICATE_DELIVERY);
    assertThat(Reason.DUPLICATE_DELIVERY.httpStatus()).isEqualTo(200);
  }

  @Test
  void claim_unsignedIdChangedOnAReplay_isStillDuplicate() {
    IdempotentVerifier verifier =
        IdempotentVerifier.builder(github(), new InMemoryIdempotencyStore(1000)).build();
    assertThat(reasonOf(verifier, delivery("d-1", BODY))).isNull();
    // An attacker replays the signed body with a fresh, unsigned delivery id.
    assertThat(reasonOf(verifier, delivery("d-forged", BODY))).isEqualTo(Reason.DUPLICATE_DELIVERY);
    // A different signed body is a different delivery.
    assertThat(reasonOf(verifier, delivery("d-2", utf8("{\"action\":\"closed\"}")))).isNull();
  }

  @Test
  void claim_whileTheFirstAttemptRuns_isInProgressAndTheRetryAfterAFailureIsProcessed()
      throws Exception {
    IdempotentVerifier verifier =
        IdempotentVerifier.builder(github(), new InMemoryIdempotencyStore(1000)).build();
    AtomicInteger processed = new AtomicInteger();
    try (ClaimedDelivery first = verifier.claim(delivery("d-1", BODY))) {
      assertThat(first.webhook().deliveryId()).contains("d-1");
      assertThat(reasonOf(verifier, delivery("d-1", BODY))).isEqualTo(Reason.DELIVERY_IN_PROGRESS);
      // The handler fails: no complete(); close() releases the claim.
    }
    try (ClaimedDelivery retry = verifier.claim(delivery("d-1", BODY))) {
      processed.incrementAndGet();
      retry.complete();
    }
    assertThat(processed).hasValue(1);
    assertThat(reasonOf(verifier, delivery("d-1", BODY))).isEqualTo(Reason.DUPLICATE_DELIVERY);
  }

  @Test
  void claim_forgedDelivery_neverReachesTheStore() {
    AtomicInteger calls = new AtomicInteger();
    IdempotencyStore counting = wrap(new InMemoryIdempotencyStore(1000), calls, false);
    IdempotentVerifier verifier = IdempotentVerifier.builder(github(), counting).build();
    WebhookRequest forged =
        WebhookRequest.builder()
            .header("X-Hub-Signature-256", "sha256=" + "00".repeat(32))
            .body(BODY)
            .build();
    assertThat(reasonOf(verifier, forged)).isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(calls).hasValue(0);
  }

  @Test
  void claim_storeDown_failsClosedAndTellsTheListener() {
    IdempotentVerifier verifier =
        IdempotentVerifier.builder(
                github(), wrap(new InMemoryIdempotencyStore(1000), new AtomicInteger(), true))
            .build();
    assertThat(reasonOf(verifier, delivery("d-1", BODY)))
        .isEqualTo(Reason.IDEMPOTENCY_STORE_UNAVAILABLE);
    assertThat(Reason.IDEMPOTENCY_STORE_UNAVAILABLE.httpStatus()).isEqualTo(503);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).reason()).contains(Reason.IDEMPOTENCY_STORE_UNAVAILABLE);
    assertThat(events.get(0).keyId()).contains("default");
  }

  @Test
  void claim_oneEventPerDelivery() {
    IdempotentVerifier verifier =
        IdempotentVerifier.builder(github(), new InMemoryIdempotencyStore(1000)).build();
    reasonOf(verifier, delivery("d-1", BODY));
    reasonOf(verifier, delivery("d-1", BODY));
    assertThat(events)
        .extracting(e -> e.reason().map(Enum::name).orElse("ACCEPTED"))
        .containsExactly("ACCEPTED", "DUPLICATE_DELIVERY");
  }

  @Test
  void deliveryKey_signedIdIsUsedAsIs() throws Exception {
    WebhookVerifier standard =
        WebhookVerifier.builder("standard-webhooks")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(
                        SignatureHeader.builder("webhook-signature")
                            .list(' ', ',', "v1")
                            .encoding(SignatureEncoding.BASE64)
                            .build())
                    .signedContent(
                        SignedContent.builder()
                            .header("webhook-id")
                            .literal(".")
                            .timestamp()
                            .literal(".")
                            .body()
                            .build())
                    .timestampHeader("webhook-timestamp")
                    .timestampPolicy(
                        TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.SECONDS))
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
            .deliveryId(DeliveryIdSource.header("webhook-id"))
            .build();
    IdempotentVerifier verifier =
        IdempotentVerifier.builder(standard, new InMemoryIdempotencyStore(1000)).build();
    // The sender's retry is re-signed with a new timestamp: same signed id, so a duplicate.
    for (String ts : List.of("1700000000", "1700000060")) {
      WebhookRequest request =
          WebhookRequest.builder()
              .header("webhook-id", "msg_abc")
              .header("webhook-timestamp", ts)
              .header(
                  "webhook-signature",
                  "v1,"
                      + base64(
                          hmac(HmacAlgorithm.SHA256, SECRET, utf8("msg_abc." + ts + "."), BODY)))
              .body(BODY)
              .build();
      if (ts.endsWith("00")) {
        try (ClaimedDelivery delivery = verifier.claim(request)) {
          assertThat(delivery.deliveryKey()).isEqualTo("standard-webhooks:msg_abc");
          delivery.complete();
        }
      } else {
        assertThat(reasonOf(verifier, request)).isEqualTo(Reason.DUPLICATE_DELIVERY);
      }
    }
  }

  @Test
  void claim_requireSignedDeliveryId_rejectsUnsignedIds() {
    IdempotentVerifier verifier =
        IdempotentVerifier.builder(github(), new InMemoryIdempotencyStore(1000))
            .requireSignedDeliveryId()
            .build();
    assertThat(reasonOf(verifier, delivery("d-1", BODY))).isEqualTo(Reason.MISSING_DELIVERY_ID);
    assertThat(events).extracting(e -> e.reason().orElseThrow())
        .containsExactly(Reason.MISSING_DELIVERY_ID);
  }

  @Test
  void deliveryKey_tokenProofWithoutId_isTheBodyDigest() throws Exception {
    WebhookVerifier bearer =
        WebhookVerifier.builder("bearer")
            .authenticator(TokenAuthenticator.bearer().secret(WebhookSecret.ofUtf8("tok")).build())
            .build();
    VerifiedWebhook webhook =
        bearer.verify(
            WebhookRequest.builder().header("Authorization", "Bearer tok").body(BODY).build());
    assertThat(IdempotentVerifier.deliveryKey(webhook).id()).startsWith("body-").hasSize(5 + 64);
  }

  private static IdempotencyStore wrap(IdempotencyStore inner, AtomicInteger calls, boolean down) {
    return new IdempotencyStore() {
      @Override
      public Claim claim(DeliveryKey key, Duration ttl) throws IdempotencyStoreException {
        calls.incrementAndGet();
        if (down) {
          throw new IdempotencyStoreException("connection refused");
        }
        return inner.claim(key, ttl);
      }

      @Override
      public void complete(Claim claim, Duration retention) throws IdempotencyStoreException {
        inner.complete(claim, retention);
      }

      @Override
      public void release(Claim claim) throws IdempotencyStoreException {
        inner.release(claim);
      }
    };
  }
}
