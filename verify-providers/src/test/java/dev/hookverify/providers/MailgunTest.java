package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mailgun: the verifier and the handler read the same (timestamp, token), and one signed pair is
 * one delivery, whatever else a replayer changes in the unsigned body.
 */
class MailgunTest {
  // OFFICIAL: mailgun-php tests/Api/WebhookTest.php.
  private static final String KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
  private static final String TIMESTAMP = "1403645220";
  private static final String TOKEN = "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6";
  private static final String SIGNATURE =
      "9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33";
  private static final String GENUINE =
      "{\"timestamp\":\""
          + TIMESTAMP
          + "\",\"token\":\""
          + TOKEN
          + "\",\"signature\":\""
          + SIGNATURE
          + "\"}";
  private static final WebhookVerifier VERIFIER =
      Mailgun.builder(KeyRing.of(WebhookSecret.ofUtf8(KEY))).build();

  private static Reason verify(String body) {
    return reasonOf(VERIFIER, request(Map.of(), utf8(body)));
  }

  private static String hmac(String text) {
    return HexFormat.of()
        .formatHex(
            SignedDocuments.hmac(KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8), text));
  }

  @Test
  void verify_literalDottedKeysBesideTheSignatureObject_rejectedMalformed() {
    // The literal keys carry a genuine pair; the nested object every parser reads carries another.
    String body =
        "{\"signature\":{\"timestamp\":\"1403645221\",\"token\":\"tok_F\",\"signature\":\"00\"},"
            + "\"signature.timestamp\":\""
            + TIMESTAMP
            + "\",\"signature.token\":\""
            + TOKEN
            + "\",\"signature.signature\":\""
            + SIGNATURE
            + "\",\"event-data\":{}}";
    assertThat(verify(body)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    String inside =
        "{\"signature\":{\"timestamp\":\""
            + TIMESTAMP
            + "\",\"token\":\""
            + TOKEN
            + "\",\"signature\":\""
            + SIGNATURE
            + "\",\"token.x\":\"y\"}}";
    assertThat(verify(inside)).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_signatureFieldsOfAnotherType_rejectedMalformed() {
    List<String> accepted = new ArrayList<>();
    // Each signed over the text the old reader took from it (a number as written).
    for (String body :
        List.of(
            "{\"signature\":{\"timestamp\":\""
                + TIMESTAMP
                + "\",\"token\":12,\"signature\":\""
                + hmac(TIMESTAMP + "12")
                + "\"}}",
            "{\"signature\":{\"timestamp\":1403645220.0,\"token\":\""
                + TOKEN
                + "\",\"signature\":\""
                + hmac("1403645220.0" + TOKEN)
                + "\"}}",
            "{\"signature\":{\"timestamp\":\""
                + TIMESTAMP
                + "\",\"token\":\""
                + TOKEN
                + "\",\"signature\":\""
                + SIGNATURE
                + "\",\"Token\":\"tok_F\"}}",
            "{\"signature\":{\"timestamp\":\""
                + TIMESTAMP
                + "\",\"token\":\"t\\ud800\","
                + "\"signature\":\""
                + hmac(TIMESTAMP + "t?")
                + "\"}}")) {
      Reason reason = verify(body);
      if (reason != Reason.MALFORMED_SIGNATURE) {
        accepted.add(body + " -> " + reason);
      }
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void verify_repeatedOrTrailingSignature_rejectedMalformed() {
    assertThat(verify("{\"signature\":" + GENUINE + ",\"signature\":" + GENUINE + "}"))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(verify("{\"signature\":" + GENUINE + "} {\"signature\":" + GENUINE + "}"))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(verify("\ufeff{\"signature\":" + GENUINE + "}"))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(verify("not json")).isEqualTo(Reason.MISSING_SIGNATURE);
  }

  @Test
  void signature_ofAVerifiedDelivery_isTheSignedPair() throws Exception {
    VerifiedWebhook webhook =
        VERIFIER.verify(
            request(Map.of(), utf8("{\"signature\":" + GENUINE + ",\"event-data\":{\"a.b\":1}}")));
    Mailgun.Signature signature = Mailgun.signature(webhook);
    assertThat(signature.timestamp()).isEqualTo(Instant.ofEpochSecond(1403645220));
    assertThat(signature.token()).isEqualTo(TOKEN);
    assertThat(signature.toString()).doesNotContain(TOKEN);
    assertThat(webhook.deliveryId()).contains(TIMESTAMP + TOKEN);
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
  }

  @Test
  void claim_replayWithAnotherUnsignedBody_duplicateDelivery() throws Exception {
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(VERIFIER, new InMemoryIdempotencyStore(1000)).build();
    String original = "{\"signature\":" + GENUINE + ",\"event-data\":{\"event\":\"delivered\"}}";
    try (ClaimedDelivery delivery = idempotent.claim(request(Map.of(), utf8(original)))) {
      delivery.complete();
    }
    // The HMAC covers timestamp + token with no separator: a digit moved from the token to the
    // timestamp keeps the signature, so it must keep the key too.
    String moved =
        "{\"signature\":{\"timestamp\":\""
            + TIMESTAMP
            + TOKEN.charAt(0)
            + "\",\"token\":\""
            + TOKEN.substring(1)
            + "\",\"signature\":\""
            + SIGNATURE
            + "\"}}";
    List<String> processedAgain = new ArrayList<>();
    for (String replay :
        List.of(
            "{\"signature\":" + GENUINE + ",\"event-data\":{\"event\":\"failed\"}}",
            "{\"event-data\":{\"event\":\"opened\"},\"signature\":" + GENUINE + "}",
            " {\"signature\":" + GENUINE + "}\n",
            moved)) {
      try (ClaimedDelivery delivery = idempotent.claim(request(Map.of(), utf8(replay)))) {
        processedAgain.add(replay);
        delivery.complete();
      } catch (WebhookVerificationException e) {
        if (e.reason() != Reason.DUPLICATE_DELIVERY) {
          processedAgain.add(replay + " -> " + e.reason());
        }
      }
    }
    assertThat(processedAgain).isEmpty();
  }
}
