package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookVerifier;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Telnyx (no official vector: the SDKs sign with the current time). */
class TelnyxTest {
  /** The Java SDK's published TEST key pair (telnyx-java WebhookVerificationTest.kt). */
  private static final String SEED = "i1xxSkIuQOY9H8laaRslIoYGTJ1NwBAFdjsQwiwJH04=";

  private static final String PUBLIC_KEY = "jrMBoswHlhhVx2W2Www72WU/xn4UMpjreslD0m2u0qs=";
  private static final long TS = 1_700_000_000L;
  private static final byte[] BODY = utf8("{\"data\":{\"event_type\":\"call.initiated\"}}");
  private static final String SIGNATURE =
      "nN8VAO9sutFJDWO2dUSayLSsGONZSn1mJxWdywWljbFguww8hxg2i5nSTfb51KrZ3m/uSynHkUWwaCKQlg5cBQ==";

  private static WebhookVerifier verifier(long now, PublicKeys.Engine engine) {
    return Telnyx.builder(List.of(PUBLIC_KEY), engine).clock(at(now)).build();
  }

  private static Map<String, String> headers(String signature, String timestamp) {
    return Map.of("telnyx-signature-ed25519", signature, "telnyx-timestamp", timestamp);
  }

  /** DERIVED, not official: providers-next.md section 47, with the SDK's test key pair. */
  @Test
  void verify_derivedVector_isAcceptedByBothEngines() throws Exception {
    for (PublicKeys.Engine engine : PublicKeys.Engine.values()) {
      VerifiedWebhook webhook =
          verifier(TS, engine).verify(request(headers(SIGNATURE, Long.toString(TS)), BODY));
      assertThat(webhook.proof()).as("%s", engine).isEqualTo(Proof.PUBLIC_KEY_SIGNATURE);
    }
    assertThat(Telnyx.sign(SEED, TS, BODY)).containsEntry("telnyx-signature-ed25519", SIGNATURE);
  }

  @Test
  void verify_toleranceIs300SecondsBothWays() {
    Map<String, String> h = headers(SIGNATURE, Long.toString(TS));
    PublicKeys.Engine engine = PublicKeys.DEFAULT;
    assertThat(reasonOf(verifier(TS + 300, engine), request(h, BODY))).isNull();
    assertThat(reasonOf(verifier(TS - 300, engine), request(h, BODY))).isNull();
    assertThat(reasonOf(verifier(TS + 301, engine), request(h, BODY)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(reasonOf(verifier(TS - 301, engine), request(h, BODY)))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
  }

  @Test
  void verify_tamperedOrWrongSizedSignature_isRejected() {
    WebhookVerifier verifier = verifier(TS, PublicKeys.DEFAULT);
    byte[] sig = Base64.getDecoder().decode(SIGNATURE);
    String short63 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sig, 63));
    String long65 = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sig, 65));
    String ts = Long.toString(TS);
    assertThat(reasonOf(verifier, request(headers(short63, ts), BODY))).isNotNull();
    assertThat(reasonOf(verifier, request(headers(long65, ts), BODY))).isNotNull();
    assertThat(reasonOf(verifier, request(headers(SIGNATURE, ts), utf8("{\"data\":{}}"))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    // The pipe is signed: the timestamp cannot absorb the body's first byte.
    assertThat(reasonOf(verifier, request(headers(SIGNATURE, ts + "|"), BODY)))
        .isEqualTo(Reason.MALFORMED_TIMESTAMP);
    assertThat(reasonOf(verifier, request(Map.of("telnyx-signature-ed25519", SIGNATURE), BODY)))
        .isEqualTo(Reason.MISSING_TIMESTAMP);
  }

  @Test
  void verifier_keyThatIsNotBase64Of32Bytes_isRefusedAtBuild() {
    for (String bad :
        List.of(
            "not base64!",
            Base64.getEncoder().encodeToString(new byte[31]),
            "8e" + "00".repeat(31), // Discord's hex form
            "")) {
      assertThatThrownBy(() -> Providers.byName("telnyx").verifier(List.of(bad)).build())
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void deliveryId_isDataIdInTheSignedBody() throws Exception {
    byte[] body = utf8("{\"data\":{\"event_type\":\"call.initiated\",\"id\":\"0ccc7b54-4df3\"}}");
    VerifiedWebhook webhook =
        verifier(TS, PublicKeys.DEFAULT).verify(request(Telnyx.sign(SEED, TS, body), body));
    assertThat(webhook.deliveryId()).contains("0ccc7b54-4df3");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
  }
}
