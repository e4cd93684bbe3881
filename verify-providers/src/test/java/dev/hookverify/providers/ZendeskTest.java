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
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Zendesk: the derived vector with the docs' test secret, used as text, not decoded. */
class ZendeskTest {
  // DERIVED, not official: shared/providers-next.md section 44.
  private static final String TIMESTAMP = "2021-03-25T05:09:27Z";
  private static final String BODY = "{\"type\":\"zen:event-type:ticket.created\"}";
  private static final String SIGNATURE = "69EIqFt9nbXumm7w0tvopVmD8Bclei89GEk+Qcfyr4Y=";
  private static final Map<String, String> HEADERS =
      Map.of(Zendesk.SIGNATURE_HEADER, SIGNATURE, Zendesk.TIMESTAMP_HEADER, TIMESTAMP);

  private static WebhookVerifier verifier(WebhookSecret secret, Instant now) {
    return Zendesk.builder(KeyRing.of(secret)).clock(Clock.fixed(now, ZoneOffset.UTC)).build();
  }

  @Test
  void derivedVector_secretAsText_verifies() {
    Instant sent = Instant.parse(TIMESTAMP);
    WebhookSecret text = WebhookSecret.ofUtf8(Zendesk.TEST_SIGNING_SECRET);
    assertThat(reasonOf(verifier(text, sent), request(HEADERS, utf8(BODY)))).isNull();
    assertThat(Zendesk.sign(text, TIMESTAMP, utf8(BODY)))
        .containsEntry(Zendesk.SIGNATURE_HEADER, SIGNATURE);
    // The secret looks like base64; decoded, it is another key.
    WebhookSecret decoded = WebhookSecret.ofBase64(Zendesk.TEST_SIGNING_SECRET);
    assertThat(reasonOf(verifier(decoded, sent), request(HEADERS, utf8(BODY))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void timestamp_signedVerbatimAndFiveMinutesEitherWay() {
    Instant sent = Instant.parse(TIMESTAMP);
    WebhookSecret text = WebhookSecret.ofUtf8(Zendesk.TEST_SIGNING_SECRET);
    assertThat(reasonOf(verifier(text, sent.plusSeconds(300)), request(HEADERS, utf8(BODY))))
        .isNull();
    assertThat(reasonOf(verifier(text, sent.plusSeconds(301)), request(HEADERS, utf8(BODY))))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(reasonOf(verifier(text, sent.minusSeconds(301)), request(HEADERS, utf8(BODY))))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    // The same instant written otherwise is other signed bytes.
    Map<String, String> reformatted =
        Map.of(
            Zendesk.SIGNATURE_HEADER,
            SIGNATURE,
            Zendesk.TIMESTAMP_HEADER,
            "2021-03-25T05:09:27+00:00");
    assertThat(reasonOf(verifier(text, sent), request(reformatted, utf8(BODY))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                verifier(text, sent),
                request(Map.of(Zendesk.SIGNATURE_HEADER, SIGNATURE), utf8(BODY))))
        .isEqualTo(Reason.MISSING_TIMESTAMP);
  }

  @Test
  void timestampOffsetMinutes_cannotMoveIntoTheBody() throws Exception {
    // Attack: Zendesk signs {timestamp}{body}. Were "+00" read as an offset (RFC 3339 requires
    // "+00:00"), a replayer could cut ":00" from a timestamp such as 2021-03-25T05:09:27+00:00 and
    // prepend it to the body: the same instant, the same signed bytes, so the same MAC, and a body
    // the sender never sent, whose id is unreadable and whose delivery key is therefore new.
    Instant sent = Instant.parse(TIMESTAMP);
    WebhookSecret text = WebhookSecret.ofUtf8(Zendesk.TEST_SIGNING_SECRET);
    String body = "{\"id\":\"evt_1\"}";
    Map<String, String> genuine = Zendesk.sign(text, "2021-03-25T05:09:27+00:00", utf8(body));
    WebhookVerifier verifier = verifier(text, sent);
    assertThat(verifier.verify(request(genuine, utf8(body))).deliveryKey().value())
        .isEqualTo("zendesk:evt_1");
    Map<String, String> shifted =
        Map.of(
            Zendesk.SIGNATURE_HEADER,
            genuine.get(Zendesk.SIGNATURE_HEADER),
            Zendesk.TIMESTAMP_HEADER,
            "2021-03-25T05:09:27+00");
    assertThat(reasonOf(verifier, request(shifted, utf8(":00" + body))))
        .isEqualTo(Reason.MALFORMED_TIMESTAMP);
  }
}
