package dev.hookverify;

import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * No {@code toString}, exception message or listener event contains a secret, a received signature,
 * a computed MAC, body bytes, or credentials carried in the URI (user-info, query, fragment), on
 * any path.
 */
class SecretHygieneTest {
  private static final String SECRET = "SuperSecretValue-9f8e7d";
  private static final String TOKEN = "BearerTokenValue-1a2b3c";
  private static final String BODY = "{\"ssn\":\"BodyContent-078-05-1120\"}";
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

  @Test
  void everyRejectionAndEveryObject_revealsNoSecretSignatureMacOrBody() {
    byte[] body = utf8(BODY);
    long ts = NOW.getEpochSecond();
    String goodMac = hex(hmac(HmacAlgorithm.SHA256, utf8(SECRET), utf8(ts + "."), body));
    String forgedMac = "f0".repeat(32);
    List<String> texts = new ArrayList<>();
    Set<Reason> seen = EnumSet.noneOf(Reason.class);

    WebhookVerifier verifier =
        WebhookVerifier.builder("hygiene")
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .maxBodyBytes(1000)
            .listener(event -> texts.add(event.toString()))
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(
                        SignatureHeader.builder("Sig")
                            .list(',', '=', "v1")
                            .timestampKey("t")
                            .build())
                    .signedContent(SignedContent.builder().timestamp().literal(".").body().build())
                    .keys(KeyRing.builder().add("k1", WebhookSecret.ofUtf8(SECRET)).build())
                    .build())
            .authenticator(TokenAuthenticator.bearer().secret(WebhookSecret.ofUtf8(TOKEN)).build())
            .build();
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(10)).build();

    List<WebhookRequest> requests =
        List.of(
            req("Sig", "t=" + ts + ",v1=" + goodMac, body),
            req("Sig", "t=" + ts + ",v1=" + forgedMac, body),
            req("Sig", "t=" + (ts - 10_000) + ",v1=" + goodMac, body),
            req("Sig", "t=" + (ts + 10_000) + ",v1=" + goodMac, body),
            req("Sig", "v1=" + goodMac, body),
            req("Sig", "t=x" + ",v1=" + goodMac, body),
            req("Sig", "t=" + ts + ",v1=" + goodMac.substring(2), body),
            req("Authorization", "Bearer " + TOKEN + "x", body),
            req("Authorization", "Bearer " + TOKEN, body),
            req("Sig", "t=" + ts + ",v1=" + goodMac, new byte[1001]),
            WebhookRequest.builder().body(body).build(),
            // Credentials in the URI: user-info, a token in the query and in the fragment.
            WebhookRequest.builder()
                .uri("https://hook:" + SECRET + "@example.com/hook?access_token=" + TOKEN)
                .body(body)
                .build(),
            WebhookRequest.builder()
                .uri("https://" + SECRET + "@example.com/hook#" + TOKEN)
                .header("Authorization", "Bearer " + TOKEN)
                .body(body)
                .build(),
            req("Sig", "t=" + ts + ",v1=" + goodMac, body));
    for (WebhookRequest request : requests) {
      texts.add(request.toString());
      try {
        VerifiedWebhook webhook = verifier.verify(request);
        texts.add(webhook.toString());
      } catch (WebhookVerificationException e) {
        seen.add(e.reason());
        texts.add(e.toString());
        texts.add(String.valueOf(e.getMessage()));
      }
      try (ClaimedDelivery delivery = idempotent.claim(request)) {
        texts.add(delivery.toString());
        delivery.complete();
      } catch (WebhookVerificationException e) {
        seen.add(e.reason());
        texts.add(e.toString());
      }
    }
    texts.add(verifier.toString());
    texts.add(idempotent.toString());
    texts.add(KeyRing.builder().add("k1", WebhookSecret.ofUtf8(SECRET)).build().toString());

    assertThat(seen)
        .contains(
            Reason.SIGNATURE_MISMATCH,
            Reason.TIMESTAMP_TOO_OLD,
            Reason.TIMESTAMP_IN_FUTURE,
            Reason.MISSING_TIMESTAMP,
            Reason.MALFORMED_TIMESTAMP,
            Reason.MALFORMED_SIGNATURE,
            Reason.BODY_TOO_LARGE,
            Reason.MISSING_SIGNATURE,
            Reason.DUPLICATE_DELIVERY);
    assertThat(texts)
        .isNotEmpty()
        .allSatisfy(
            text ->
                assertThat(text)
                    .doesNotContain(SECRET)
                    .doesNotContain(TOKEN)
                    .doesNotContain(goodMac)
                    .doesNotContain(goodMac.substring(2))
                    .doesNotContain(forgedMac)
                    .doesNotContain("BodyContent"));
  }

  private static WebhookRequest req(String header, String value, byte[] body) {
    return WebhookRequest.builder()
        .uri("https://example.com/hook")
        .header(header, value)
        .body(body)
        .build();
  }
}
