package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Box's seven official vectors and the negatives of the same SDK test, through the public API; then
 * the freshness rule (10 minutes past, nothing ahead) and key rotation.
 */
class BoxTest {
  // OFFICIAL (SDK test): box/box-java-sdk src/test/java/com/box/sdkgen/webhooks/WebhooksITest.java
  // (testWebhookValidation), commit b508245; recomputed in shared/providers-next.md section 46.
  private static final String PRIMARY = "SamplePrimaryKey";
  private static final String SECONDARY = "SampleSecondaryKey";
  private static final String TIMESTAMP = "2020-01-01T00:00:00-07:00";
  private static final Instant SENT = OffsetDateTime.parse(TIMESTAMP).toInstant();
  private static final String PREFIX =
      "{\"webhook\":{\"id\":\"1234567890\"},\"trigger\":\"FILE.UPLOADED\","
          + "\"source\":{\"id\":\"1234567890\",\"type\":\"file\",\"name\":\"";

  /** Wire bodies (escapes are literal characters) and their primary signatures. */
  private static final Map<String, String> PRIMARY_VECTORS = new LinkedHashMap<>();

  static {
    PRIMARY_VECTORS.put(
        "{\"type\":\"webhook_event\",\"webhook\":{\"id\":\"1234567890\"},"
            + "\"trigger\":\"FILE.UPLOADED\",\"source\":{\"id\":\"1234567890\",\"type\":\"file\","
            + "\"name\":\"Test.txt\"}}",
        "6TfeAW3A1PASkgboxxA5yqHNKOwFyMWuEXny/FPD5hI=");
    PRIMARY_VECTORS.put(
        PREFIX
            + "\\u30b9\\u30af\\u30ea\\u30fc\\u30f3\\u30b7\\u30e7\\u30c3\\u30c8 2020-08-05.txt\"}}",
        "LV2uCu+5NJtIHrCXDYgZ0v/PP5THGRuegw3RtdnEyuE=");
    PRIMARY_VECTORS.put(
        PREFIX + "\\ud83d\\ude00 2020-08-05.txt\"}}",
        "xF/SDZosX4le+v4A0Qn59sZhuD1RqY5KRUKzVMSbh0E=");
    PRIMARY_VECTORS.put(PREFIX + "test \\r\"}}", "SVkbKgy3dEEf2PbbzpNu2lDZS7zZ/aboU7HOZgBGrJk=");
    PRIMARY_VECTORS.put(PREFIX + "\\/\"}}", "t41PWT5ZB6OcysnD6SDy9Ud+p9hdXxIdXqcdweyZv/Q=");
    PRIMARY_VECTORS.put(PREFIX + "\\\\\"}}", "ERpMZwUQsGDTfj82ehdX6VvDZfvOhK5ULNfVmwVAGe0=");
  }

  private static final String SECONDARY_SIGNATURE = "v+1CD1Jdo3muIcbpv5lxxgPglOqMfsNHPV899xWYydo=";

  private static WebhookVerifier verifier(Instant now, String... keys) {
    KeyRing.Builder ring = KeyRing.builder();
    for (int i = 0; i < keys.length; i++) {
      ring.add("k" + i, WebhookSecret.ofUtf8(keys[i]));
    }
    return Box.builder(ring.build()).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
  }

  private static Map<String, String> headers(String timestamp, String... nameValues) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(Box.TIMESTAMP_HEADER, timestamp);
    headers.put(Box.VERSION_HEADER, "1");
    headers.put(Box.ALGORITHM_HEADER, "HmacSHA256");
    for (int i = 0; i < nameValues.length; i += 2) {
      headers.put(nameValues[i], nameValues[i + 1]);
    }
    return headers;
  }

  @Test
  void officialVectors_everyPrimaryAndTheSecondary_verify() {
    List<String> failures = new ArrayList<>();
    WebhookVerifier verifier = verifier(SENT, PRIMARY, SECONDARY);
    PRIMARY_VECTORS.forEach(
        (body, signature) -> {
          Reason reason =
              reasonOf(
                  verifier,
                  request(headers(TIMESTAMP, Box.PRIMARY_SIGNATURE_HEADER, signature), utf8(body)));
          if (reason != null) {
            failures.add("primary " + signature + ": " + reason);
          }
          if (!Box.signature(WebhookSecret.ofUtf8(PRIMARY), TIMESTAMP, utf8(body))
              .equals(signature)) {
            failures.add("our signer disagrees with " + signature);
          }
        });
    String first = PRIMARY_VECTORS.keySet().iterator().next();
    Reason secondary =
        reasonOf(
            verifier,
            request(
                headers(TIMESTAMP, Box.SECONDARY_SIGNATURE_HEADER, SECONDARY_SIGNATURE),
                utf8(first)));
    if (secondary != null) {
      failures.add("secondary alone: " + secondary);
    }
    Reason both =
        reasonOf(
            verifier,
            request(
                headers(
                    TIMESTAMP,
                    Box.PRIMARY_SIGNATURE_HEADER,
                    PRIMARY_VECTORS.get(first),
                    Box.SECONDARY_SIGNATURE_HEADER,
                    SECONDARY_SIGNATURE),
                utf8(first)));
    if (both != null) {
      failures.add("both: " + both);
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void officialNegatives_wrongKeyVersionAlgorithmAndTimestamps_rejected() {
    String body = PRIMARY_VECTORS.keySet().iterator().next();
    String signature = PRIMARY_VECTORS.get(body);
    Map<String, String> genuine = headers(TIMESTAMP, Box.PRIMARY_SIGNATURE_HEADER, signature);

    assertThat(reasonOf(verifier(SENT, "IncorrectKey"), request(genuine, utf8(body))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    Map<String, String> version2 = new LinkedHashMap<>(genuine);
    version2.put(Box.VERSION_HEADER, "2");
    assertThat(reasonOf(verifier(SENT, PRIMARY), request(version2, utf8(body))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    Map<String, String> sha1 = new LinkedHashMap<>(genuine);
    sha1.put(Box.ALGORITHM_HEADER, "HmacSHA1");
    assertThat(reasonOf(verifier(SENT, PRIMARY), request(sha1, utf8(body))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    Map<String, String> noVersion = new LinkedHashMap<>(genuine);
    noVersion.remove(Box.VERSION_HEADER);
    assertThat(reasonOf(verifier(SENT, PRIMARY), request(noVersion, utf8(body))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);

    // The SDK test signs at now + 1200 s and now - 1200 s: both fail, now succeeds.
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    WebhookVerifier verifier = verifier(now, PRIMARY);
    assertThat(reasonOf(verifier, signedAt(now.plusSeconds(1200), body)))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    assertThat(reasonOf(verifier, signedAt(now.minusSeconds(1200), body)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(reasonOf(verifier, signedAt(now, body))).isNull();
  }

  @Test
  void freshness_tenMinutesPastAndNothingAhead_onTheBoundary() {
    String body = "{\"type\":\"webhook_event\",\"id\":\"evt_1\"}";
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    WebhookVerifier verifier = verifier(now, PRIMARY);
    assertThat(reasonOf(verifier, signedAt(now.minusSeconds(600), body))).isNull();
    assertThat(reasonOf(verifier, signedAt(now.minusSeconds(601), body)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    // Box's SDK refuses any timestamp ahead of the receiver's clock; so does hookverify.
    assertThat(reasonOf(verifier, signedAt(now.plusSeconds(1), body)))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    // A configured maximum age keeps "nothing ahead".
    WebhookVerifier hour =
        Box.builder(KeyRing.of(WebhookSecret.ofUtf8(PRIMARY)), java.time.Duration.ofHours(1))
            .clock(Clock.fixed(now, ZoneOffset.UTC))
            .build();
    assertThat(reasonOf(hour, signedAt(now.minusSeconds(3600), body))).isNull();
    assertThat(reasonOf(hour, signedAt(now.plusSeconds(1), body)))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
  }

  @Test
  void rotation_eitherHeaderUnderEitherKey_andARetiredKeyIsRefused() {
    String body = "{\"type\":\"webhook_event\",\"id\":\"evt_1\"}";
    Instant now = Instant.parse("2026-12-06T10:00:00Z");
    String ts = Box.timestamp(now.getEpochSecond());
    WebhookSecret oldSecondary = WebhookSecret.ofUtf8("old-secondary");
    WebhookSecret newSecondary = WebhookSecret.ofUtf8("new-secondary");
    WebhookSecret primary = WebhookSecret.ofUtf8(PRIMARY);
    // Box signs with the primary and the secondary key it holds now.
    Map<String, String> sent = Box.sign(primary, newSecondary, ts, utf8(body));
    // A receiver that still holds the old secondary accepts by the primary.
    assertThat(reasonOf(verifier(now, PRIMARY, "old-secondary"), request(sent, utf8(body))))
        .isNull();
    // A receiver that rotated to the new secondary only accepts by the secondary header.
    assertThat(reasonOf(verifier(now, "new-secondary"), request(sent, utf8(body)))).isNull();
    // A delivery signed only with the retired secondary key is refused once it is removed.
    Map<String, String> retired = Box.sign(oldSecondary, ts, utf8(body));
    Map<String, String> asSecondary = new LinkedHashMap<>(retired);
    asSecondary.put(
        Box.SECONDARY_SIGNATURE_HEADER, asSecondary.remove(Box.PRIMARY_SIGNATURE_HEADER));
    assertThat(reasonOf(verifier(now, PRIMARY, "new-secondary"), request(asSecondary, utf8(body))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void signer_sendsTheTimestampWithANumericOffset() {
    assertThat(Box.timestamp(1_577_862_000L)).isEqualTo("2020-01-01T07:00:00+00:00");
  }

  private static dev.hookverify.WebhookRequest signedAt(Instant at, String body) {
    String ts = Box.timestamp(at.getEpochSecond());
    return request(Box.sign(WebhookSecret.ofUtf8(PRIMARY), ts, utf8(body)), utf8(body));
  }
}
