package dev.hookverify;

import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Signing.MutableClock;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * How long {@link IdempotentVerifier} remembers a delivery: the default outlasts the documented
 * retry schedules of senders without a signed timestamp, and a huge lease or retention is kept, not
 * refused with an exception or wrapped into the past.
 */
class IdempotentVerifierRetentionTest {
  private static final byte[] SECRET = utf8("retention-secret");
  private static final byte[] BODY = utf8("{\"pspReference\":\"7914073381342284\"}");

  /** The longest documented retry schedule of a registered sender without a signed timestamp. */
  private static final Duration ADYEN_RETRY_QUEUE = Duration.ofDays(30);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));

  /** A sender with no timestamp: only the store stands between a resend and a second processing. */
  private static WebhookVerifier untimestamped() {
    return WebhookVerifier.builder("untimestamped")
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
                .secret(WebhookSecret.ofBytes(SECRET))
                .build())
        .build();
  }

  private static WebhookRequest delivery() {
    return WebhookRequest.builder()
        .header("X-Hub-Signature-256", "sha256=" + hex(hmac(HmacAlgorithm.SHA256, SECRET, BODY)))
        .body(BODY)
        .build();
  }

  private static Reason process(IdempotentVerifier verifier) {
    try (ClaimedDelivery delivery = verifier.claim(delivery())) {
      delivery.complete();
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  @Test
  void defaultRetention_outlastsTheLongestRetryScheduleOfSendersWithoutTimestamps() {
    assertThat(IdempotentVerifier.DEFAULT_RETENTION).isGreaterThan(ADYEN_RETRY_QUEUE);
  }

  @Test
  void claim_retryOnTheLastDayOfAdyensRetryQueue_isDuplicateByDefault() {
    IdempotentVerifier verifier =
        IdempotentVerifier.builder(untimestamped(), new InMemoryIdempotencyStore(100, clock))
            .build();
    assertThat(process(verifier)).isNull();
    clock.advance(ADYEN_RETRY_QUEUE);
    assertThat(process(verifier)).isEqualTo(Reason.DUPLICATE_DELIVERY);
  }

  @Test
  void claim_retentionOfLongMaxMillis_replayIsStillDuplicate() {
    // The finding: Long.MAX_VALUE ms wrapped into the past; every delivery was forgotten at once.
    IdempotentVerifier verifier =
        IdempotentVerifier.builder(untimestamped(), new InMemoryIdempotencyStore(100, clock))
            .retention(Duration.ofMillis(Long.MAX_VALUE))
            .build();
    assertThat(process(verifier)).isNull();
    clock.advance(Duration.ofDays(365L * 50));
    assertThat(process(verifier)).isEqualTo(Reason.DUPLICATE_DELIVERY);
  }

  @Test
  void builder_longerThanMillisecondsCanCount_isAcceptedAndKeptForGood() {
    // Duration.toMillis() throws past Long.MAX_VALUE ms; the builder must not.
    Duration forever = ChronoUnit.FOREVER.getDuration();
    IdempotentVerifier verifier =
        IdempotentVerifier.builder(untimestamped(), new InMemoryIdempotencyStore(100, clock))
            .lease(forever)
            .retention(forever)
            .build();
    assertThat(process(verifier)).isNull();
    clock.advance(Duration.ofDays(365L * 50));
    assertThat(process(verifier)).isEqualTo(Reason.DUPLICATE_DELIVERY);
  }
}
