package dev.hookverify;

import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.reasonOf;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
  private static final byte[] SECRET = utf8("a7f3c9e2b1d4f8a3c5e7b9d1f3a5c7e9");
  private static final WebhookSecret KEY = WebhookSecret.ofBytes(SECRET);
  private static final byte[] BODY = utf8("{\"event\":\"call.completed\",\"org_id\":\"org_1\"}");

  /** MightyCall's seed: a Bearer token or an HMAC of the body in any of three headers. */
  private static WebhookVerifier.Builder bearerOrHmac() {
    return WebhookVerifier.builder("mightycall-like")
        .authenticator(TokenAuthenticator.bearer().secret(KEY).build())
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder(
                            "x-signature", "x-mc-signature", "x-mightycall-signature")
                        .encoding(SignatureEncoding.HEX_OR_BASE64)
                        .build())
                .secret(KEY)
                .build());
  }

  @Test
  void bodyStream_transferTo_neverHandsTheVerifiedArrayToTheApplication() throws Exception {
    byte[] body = BODY.clone();
    VerifiedWebhook webhook =
        bearerOrHmac()
            .build()
            .verify(
                WebhookRequest.builder()
                    .header("X-MC-Signature", hex(hmac(HmacAlgorithm.SHA256, SECRET, body)))
                    .body(body)
                    .build());
    // An application's stream that writes into the array it is given.
    java.io.OutputStream scribbler =
        new java.io.OutputStream() {
          @Override
          public void write(int b) {}

          @Override
          public void write(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'X');
          }
        };
    java.io.InputStream stream = webhook.bodyStream();
    assertThat(stream.read()).isEqualTo('{');

    assertThat(stream.transferTo(scribbler)).isEqualTo(BODY.length - 1);
    assertThat(webhook.body()).isEqualTo(BODY);
    assertThat(webhook.bodyStream().readAllBytes()).isEqualTo(BODY);
  }

  @Test
  void verify_severalSchemes_anyProvenSchemeSuffices() throws Exception {
    WebhookVerifier verifier = bearerOrHmac().build();
    String sig = hex(hmac(HmacAlgorithm.SHA256, SECRET, BODY));

    assertThat(
            verifier
                .verify(
                    WebhookRequest.builder()
                        .header("Authorization", "Bearer a7f3c9e2b1d4f8a3c5e7b9d1f3a5c7e9")
                        .body(BODY)
                        .build())
                .proof())
        .isEqualTo(Proof.SHARED_TOKEN);
    assertThat(
            verifier
                .verify(WebhookRequest.builder().header("X-MC-Signature", sig).body(BODY).build())
                .proof())
        .isEqualTo(Proof.HMAC_SIGNATURE);
    // A wrong token does not stop a valid HMAC from proving the request.
    verifier.verify(
        WebhookRequest.builder()
            .header("Authorization", "Bearer wrong")
            .header(
                "x-mightycall-signature", Signing.base64(hmac(HmacAlgorithm.SHA256, SECRET, BODY)))
            .body(BODY)
            .build());
  }

  @Test
  void verify_severalSchemes_reasonIsTheFirstPresentSchemesFailure() {
    WebhookVerifier verifier = bearerOrHmac().build();
    assertThat(reasonOf(verifier, WebhookRequest.builder().body(BODY).build()))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(
            reasonOf(
                verifier, WebhookRequest.builder().header("x-signature", "zz").body(BODY).build()))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(
            reasonOf(
                verifier,
                WebhookRequest.builder()
                    .header("Authorization", "Bearer wrong")
                    .body(BODY)
                    .build()))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_bodyOverTheLimit_rejectedBeforeAnyAuthenticatorRuns() throws Exception {
    List<String> calls = new CopyOnWriteArrayList<>();
    WebhookVerifier verifier =
        WebhookVerifier.builder("limit")
            .maxBodyBytes(BODY.length)
            .authenticator(
                (request, context) -> {
                  calls.add("authenticate");
                  return Attempt.rejected(Reason.SIGNATURE_MISMATCH, "no");
                })
            .build();
    byte[] over = java.util.Arrays.copyOf(BODY, BODY.length + 1);
    assertThat(reasonOf(verifier, WebhookRequest.builder().body(over).build()))
        .isEqualTo(Reason.BODY_TOO_LARGE);
    assertThat(calls).isEmpty();
    assertThat(reasonOf(verifier, WebhookRequest.builder().body(BODY).build()))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(calls).hasSize(1);
  }

  @Test
  void verify_listener_seesEveryOutcomeWithoutSecretsAndCannotChangeIt() throws Exception {
    List<VerificationEvent> events = new CopyOnWriteArrayList<>();
    WebhookVerifier verifier =
        bearerOrHmac()
            .listener(
                event -> {
                  events.add(event);
                  throw new IllegalStateException("a broken listener");
                })
            .build();
    String sig = hex(hmac(HmacAlgorithm.SHA256, SECRET, BODY));

    verifier.verify(WebhookRequest.builder().header("x-signature", sig).body(BODY).build());
    reasonOf(
        verifier, WebhookRequest.builder().header("x-signature", sig).body(utf8("{}")).build());
    reasonOf(verifier, WebhookRequest.builder().body(BODY).build());

    assertThat(events).hasSize(3);
    assertThat(events.get(0).isAccepted()).isTrue();
    assertThat(events.get(0).keyId()).contains("default");
    assertThat(events.get(0).provider()).isEqualTo("mightycall-like");
    assertThat(events.get(0).elapsed()).isPositive();
    assertThat(events.get(1).reason()).contains(Reason.SIGNATURE_MISMATCH);
    assertThat(events.get(1).keyId()).isEmpty();
    assertThat(events.get(2).reason()).contains(Reason.MISSING_SIGNATURE);
    for (VerificationEvent event : events) {
      assertThat(event.toString())
          .doesNotContain(sig)
          .doesNotContain(new String(SECRET))
          .doesNotContain("call.completed");
    }
  }

  @Test
  void verify_listener_seesWhoTriedWhichPathButNeverTheQuery() throws Exception {
    List<VerificationEvent> events = new CopyOnWriteArrayList<>();
    WebhookVerifier verifier = bearerOrHmac().listener(events::add).build();

    reasonOf(
        verifier,
        WebhookRequest.builder()
            .uri("https://example.com/hooks/voice?token=s3cr3t-query-token#frag")
            .remoteAddress("203.0.113.7")
            .body(BODY)
            .build());
    reasonOf(
        verifier,
        WebhookRequest.builder()
            .uri("/forged\r\nline\u00e9" + "a".repeat(300) + "?token=x")
            .remoteAddress("198.51.100.9\nFAKE")
            .body(BODY)
            .build());
    reasonOf(verifier, WebhookRequest.builder().body(BODY).build());

    assertThat(events.get(0).path()).isEqualTo("/hooks/voice");
    assertThat(events.get(0).remoteAddress()).contains("203.0.113.7");
    assertThat(events.get(0).toString()).doesNotContain("s3cr3t-query-token");
    // A forged path or address cannot forge a log line, and is cut short.
    assertThat(events.get(1).path()).startsWith("/forged??line?aaa").hasSize(256);
    assertThat(events.get(1).remoteAddress()).contains("198.51.100.9?FAKE");
    assertThat(events.get(2).path()).isEmpty();
    assertThat(events.get(2).remoteAddress()).isEmpty();
  }

  @Test
  void verify_callbacksThatThrow_rejectWithVerifierError() {
    WebhookVerifier lookupFails = bearerOrHmac().build();
    WebhookRequest brokenLookup =
        WebhookRequest.builder()
            .headers(
                name -> {
                  throw new IllegalStateException("container gone");
                })
            .body(BODY)
            .build();
    assertThat(reasonOf(lookupFails, brokenLookup)).isEqualTo(Reason.VERIFIER_ERROR);

    // A failing delivery-id source does not reject: the id is read lazily and counts as absent.
    WebhookVerifier idFails =
        bearerOrHmac()
            .deliveryId(
                (request, authentication) -> {
                  throw new UnsupportedOperationException("bug");
                })
            .build();
    String sig = hex(hmac(HmacAlgorithm.SHA256, SECRET, BODY));
    try {
      assertThat(
              idFails
                  .verify(WebhookRequest.builder().header("x-signature", sig).body(BODY).build())
                  .deliveryId())
          .isEmpty();
    } catch (WebhookVerificationException e) {
      throw new AssertionError(e);
    }

    WebhookVerifier authenticatorFails =
        WebhookVerifier.builder("npe")
            .authenticator(
                (request, context) -> {
                  throw new NullPointerException();
                })
            .build();
    assertThat(reasonOf(authenticatorFails, WebhookRequest.builder().build()))
        .isEqualTo(Reason.VERIFIER_ERROR);
  }

  @Test
  void verify_deliveryIdHeader_unsignedWhenTheSignatureDoesNotCoverIt() throws Exception {
    WebhookVerifier verifier =
        bearerOrHmac().deliveryId(DeliveryIdSource.header("X-Delivery")).build();
    String sig = hex(hmac(HmacAlgorithm.SHA256, SECRET, BODY));
    VerifiedWebhook webhook =
        verifier.verify(
            WebhookRequest.builder()
                .header("x-signature", sig)
                .header("x-delivery", "d-1")
                .body(BODY)
                .build());
    assertThat(webhook.deliveryId()).contains("d-1");
    assertThat(webhook.isDeliveryIdSigned()).isFalse();

    VerifiedWebhook noId =
        verifier.verify(
            WebhookRequest.builder()
                .header("x-signature", sig)
                .header("x-delivery", "has space")
                .body(BODY)
                .build());
    assertThat(noId.deliveryId()).isEmpty();
    assertThat(noId.isDeliveryIdSigned()).isFalse();
  }

  @Test
  void verify_rejection_carriesNoStackTrace() {
    try {
      bearerOrHmac().build().verify(WebhookRequest.builder().body(BODY).build());
      throw new AssertionError("accepted an unsigned request");
    } catch (WebhookVerificationException e) {
      assertThat(e.getStackTrace()).isEmpty();
      assertThat(e.reason()).isEqualTo(Reason.MISSING_SIGNATURE);
    }
  }

  @Test
  void build_invalidConfiguration_failsAtOnce() {
    assertThatThrownBy(() -> WebhookVerifier.builder("x").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> WebhookVerifier.builder("Has Space"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookVerifier.builder("a:b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookVerifier.builder("x").maxBodyBytes(-1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeyRing.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> KeyRing.builder().add("a", KEY).add("a", KEY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
