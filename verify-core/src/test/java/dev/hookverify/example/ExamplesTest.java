package dev.hookverify.example;

import static dev.hookverify.Signing.base64;
import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.ExampleServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs every example the README and the docs/ pages show. */
class ExamplesTest {
  private static final byte[] BODY = utf8("{\"id\":\"evt_1\"}");

  @Test
  void quickStart_verifiesGithubsExampleAndRejectsTheTamperedCopy() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("verified: VerifiedWebhook{github, HMAC_SIGNATURE, key=default")
        .contains("delivery=72d3162e-cc78-11e3-81ab-4c9367dc0958 (unsigned)")
        .contains("rejected: SIGNATURE_MISMATCH (HTTP 401)");
  }

  @Test
  void stripeStyle_acceptsAFreshSignature() throws Exception {
    long ts = Instant.now().getEpochSecond();
    String sig = hex(hmac(HmacAlgorithm.SHA256, utf8("whsec_x"), utf8(ts + "."), BODY));
    Examples.stripeStyle("whsec_x")
        .verify(
            WebhookRequest.builder()
                .header("Stripe-Signature", "t=" + ts + ",v1=" + sig)
                .body(BODY)
                .build());
  }

  @Test
  void standardWebhooksStyle_reportsTheSignedId() throws Exception {
    String key = "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String ts = Long.toString(Instant.now().getEpochSecond());
    byte[] raw = java.util.Base64.getDecoder().decode(key);
    String sig = base64(hmac(HmacAlgorithm.SHA256, raw, utf8("msg_1." + ts + "."), BODY));
    assertThat(
            Examples.standardWebhooksStyle(key)
                .verify(
                    WebhookRequest.builder()
                        .header("webhook-id", "msg_1")
                        .header("webhook-timestamp", ts)
                        .header("webhook-signature", "v1," + sig)
                        .body(BODY)
                        .build())
                .isDeliveryIdSigned())
        .isTrue();
  }

  @Test
  void rotation_oldKeyStopsAtItsRetirement() throws Exception {
    String sig = "sha256=" + hex(hmac(HmacAlgorithm.SHA256, utf8("old"), BODY));
    WebhookRequest request =
        WebhookRequest.builder().header("X-Hub-Signature-256", sig).body(BODY).build();
    assertThat(
            Examples.rotation("old", "new", Instant.now().plusSeconds(3600))
                .verify(request)
                .keyId())
        .isEqualTo("2026-05");
    assertThatThrownBy(
            () -> Examples.rotation("old", "new", Instant.now().minusSeconds(1)).verify(request))
        .isInstanceOfSatisfying(
            WebhookVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
  }

  @Test
  void perTenant_tokenOrHmacOfTheNamedOrganization() throws Exception {
    WebhookVerifier verifier =
        Examples.perTenant(
            Map.of(
                "org_1", KeyRing.of(WebhookSecret.ofUtf8("org-1-token")),
                "org_2", KeyRing.of(WebhookSecret.ofUtf8("org-2-token"))));
    assertThat(
            verifier
                .verify(
                    WebhookRequest.builder()
                        .header("X-Organization-Id", "org_2")
                        .header("Authorization", "Bearer org-2-token")
                        .build())
                .tenant())
        .contains("org_2");
    assertThat(
            verifier
                .verify(
                    WebhookRequest.builder()
                        .header("X-Organization-Id", "org_1")
                        .header(
                            "X-Signature",
                            hex(hmac(HmacAlgorithm.SHA256, utf8("org-1-token"), BODY)))
                        .body(BODY)
                        .build())
                .tenant())
        .contains("org_1");
  }

  @Test
  void sharedStores_deduplicateAcrossVerifierInstances() throws Exception {
    String sig = "sha256=" + hex(hmac(HmacAlgorithm.SHA256, utf8("old"), BODY));
    WebhookRequest request =
        WebhookRequest.builder().header("X-Hub-Signature-256", sig).body(BODY).build();
    ExampleServers.createPostgresTable();
    for (boolean postgres : new boolean[] {true, false}) {
      // Two "instances" of the receiver share one store.
      IdempotentVerifier first =
          postgres
              ? Examples.withPostgres(
                  Examples.rotation("old", "new", Instant.MAX), ExampleServers.postgres())
              : Examples.withRedis(
                  Examples.rotation("old", "new", Instant.MAX), ExampleServers.redis());
      IdempotentVerifier second =
          postgres
              ? Examples.withPostgres(
                  Examples.rotation("old", "new", Instant.MAX), ExampleServers.postgres())
              : Examples.withRedis(
                  Examples.rotation("old", "new", Instant.MAX), ExampleServers.redis());
      try (ClaimedDelivery delivery = first.claim(request)) {
        delivery.complete();
      }
      assertThatThrownBy(() -> second.claim(request))
          .isInstanceOfSatisfying(
              WebhookVerificationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_DELIVERY));
    }
  }
}
