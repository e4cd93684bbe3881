package dev.hookverify;

import static dev.hookverify.Signing.base64;
import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.reasonOf;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class HmacAuthenticatorTest {
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final byte[] SECRET = utf8("whsec_test_secret_0123456789");
  private static final byte[] BODY =
      utf8("{\"id\":\"evt_1\",\"amount\":100,\"note\":\"caf\u00e9\"}\r\n");

  /** Stripe's layout: {@code t=<ts>,v1=<hex>}, signing {@code ts.body}. */
  private static WebhookVerifier stripeLike(KeyRing ring) {
    return WebhookVerifier.builder("stripe-like")
        .clock(CLOCK)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder("Stripe-Signature")
                        .list(',', '=', "v1")
                        .timestampKey("t")
                        .build())
                .signedContent(SignedContent.builder().timestamp().literal(".").body().build())
                .timestampPolicy(TimestampPolicy.secondsWithin(Duration.ofMinutes(5)))
                .keys(ring)
                .build())
        .build();
  }

  private static String stripeHeader(long ts, byte[] key, byte[] body) {
    return "t=" + ts + ",v1=" + hex(hmac(HmacAlgorithm.SHA256, key, utf8(ts + "."), body));
  }

  private static WebhookRequest request(String header, String value, byte[] body) {
    return WebhookRequest.builder().header(header, value).body(body).build();
  }


  @Test
  void verify_stripeLayout_acceptsAndReportsKeyAndTimestamp() throws Exception {
    long ts = NOW.getEpochSecond() - 10;
    VerifiedWebhook webhook =
        stripeLike(KeyRing.of(WebhookSecret.ofBytes(SECRET)))
            .verify(request("Stripe-Signature", stripeHeader(ts, SECRET, BODY), BODY));

    assertThat(webhook.keyId()).isEqualTo("default");
    assertThat(webhook.timestamp()).contains(Instant.ofEpochSecond(ts));
    assertThat(webhook.proof()).isEqualTo(Proof.HMAC_SIGNATURE);
    assertThat(webhook.body()).isEqualTo(BODY);
    assertThat(webhook.provider()).isEqualTo("stripe-like");
  }

  @Test
  void verify_severalSignaturesAndUnknownSchemes_acceptsWhenAnyMatches() throws Exception {
    long ts = NOW.getEpochSecond();
    String good = hex(hmac(HmacAlgorithm.SHA256, SECRET, utf8(ts + "."), BODY));
    String header = "t=" + ts + ",v0=" + good + ",v1=" + "00".repeat(32) + ", v1=" + good + ",x=1";

    stripeLike(KeyRing.of(WebhookSecret.ofBytes(SECRET)))
        .verify(request("stripe-signature", header, BODY));
  }

  @Test
  void verify_onlyV0Signature_rejectsMalformed() {
    long ts = NOW.getEpochSecond();
    String good = hex(hmac(HmacAlgorithm.SHA256, SECRET, utf8(ts + "."), BODY));
    assertThat(
            reasonOf(
                stripeLike(KeyRing.of(WebhookSecret.ofBytes(SECRET))),
                request("Stripe-Signature", "t=" + ts + ",v0=" + good, BODY)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_anyChangedBodyByte_rejectsSignatureMismatch() {
    long ts = NOW.getEpochSecond();
    WebhookVerifier verifier = stripeLike(KeyRing.of(WebhookSecret.ofBytes(SECRET)));
    String header = stripeHeader(ts, SECRET, BODY);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < BODY.length; i++) {
      byte[] tampered = BODY.clone();
      tampered[i] ^= 0x01;
      Reason reason = reasonOf(verifier, request("Stripe-Signature", header, tampered));
      if (reason != Reason.SIGNATURE_MISMATCH) {
        failures.add("byte " + i + ": " + reason);
      }
    }
    // Appended and removed bytes (a trailing newline added by a framework, a truncated body).
    byte[] longer = java.util.Arrays.copyOf(BODY, BODY.length + 1);
    longer[BODY.length] = '\n';
    byte[] shorter = java.util.Arrays.copyOf(BODY, BODY.length - 1);
    for (byte[] body : List.of(longer, shorter, new byte[0])) {
      Reason reason = reasonOf(verifier, request("Stripe-Signature", header, body));
      if (reason != Reason.SIGNATURE_MISMATCH) {
        failures.add("length " + body.length + ": " + reason);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void verify_anyChangedSignatureCharacter_rejects() {
    long ts = NOW.getEpochSecond();
    WebhookVerifier verifier = stripeLike(KeyRing.of(WebhookSecret.ofBytes(SECRET)));
    String header = stripeHeader(ts, SECRET, BODY);
    int start = header.indexOf("v1=") + 3;
    List<String> failures = new ArrayList<>();
    for (int i = start; i < header.length(); i++) {
      char c = header.charAt(i);
      char replacement = c == '0' ? '1' : '0';
      String tampered = header.substring(0, i) + replacement + header.substring(i + 1);
      Reason reason = reasonOf(verifier, request("Stripe-Signature", tampered, BODY));
      if (reason != Reason.SIGNATURE_MISMATCH) {
        failures.add("char " + i + ": " + reason);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void verify_changedTimestampWithinTolerance_rejectsSignatureMismatch() {
    long ts = NOW.getEpochSecond() - 30;
    String header = stripeHeader(ts, SECRET, BODY).replace("t=" + ts, "t=" + (ts + 1));
    assertThat(
            reasonOf(
                stripeLike(KeyRing.of(WebhookSecret.ofBytes(SECRET))),
                request("Stripe-Signature", header, BODY)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_staleAndFutureTimestamps_rejectedBeforeHashing() {
    WebhookVerifier verifier = stripeLike(KeyRing.of(WebhookSecret.ofBytes(SECRET)));
    long old = NOW.getEpochSecond() - 301;
    long ahead = NOW.getEpochSecond() + 301;
    assertThat(
            reasonOf(verifier, request("Stripe-Signature", stripeHeader(old, SECRET, BODY), BODY)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(
            reasonOf(
                verifier, request("Stripe-Signature", stripeHeader(ahead, SECRET, BODY), BODY)))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    assertThat(reasonOf(verifier, request("Stripe-Signature", "v1=" + "ab".repeat(32), BODY)))
        .isEqualTo(Reason.MISSING_TIMESTAMP);
    assertThat(reasonOf(verifier, request("Stripe-Signature", "t=1e9,v1=" + "ab".repeat(32), BODY)))
        .isEqualTo(Reason.MALFORMED_TIMESTAMP);
  }

  @Test
  void verify_changedKeyByte_rejectsSignatureMismatch() {
    byte[] other = SECRET.clone();
    other[other.length - 1] ^= 0x01;
    long ts = NOW.getEpochSecond();
    assertThat(
            reasonOf(
                stripeLike(KeyRing.of(WebhookSecret.ofBytes(other))),
                request("Stripe-Signature", stripeHeader(ts, SECRET, BODY), BODY)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_missingOrGarbledHeader_rejectsWithTheRightReason() {
    WebhookVerifier verifier = stripeLike(KeyRing.of(WebhookSecret.ofBytes(SECRET)));
    assertThat(reasonOf(verifier, WebhookRequest.builder().body(BODY).build()))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    long ts = NOW.getEpochSecond();
    for (String garbled :
        List.of(
            "",
            "garbage",
            "t=" + ts,
            "t=" + ts + ",v1=",
            "t=" + ts + ",v1=zz",
            "t=" + ts + ",v1=" + "ab".repeat(31),
            "t=" + ts + ",t=" + ts + ",v1=" + "ab".repeat(32))) {
      assertThat(reasonOf(verifier, request("Stripe-Signature", garbled, BODY)))
          .as(garbled)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    WebhookRequest repeated =
        WebhookRequest.builder()
            .header("Stripe-Signature", stripeHeader(ts, SECRET, BODY))
            .header("Stripe-Signature", stripeHeader(ts, SECRET, BODY))
            .body(BODY)
            .build();
    assertThat(reasonOf(verifier, repeated)).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_keyRotation_acceptsOldAndNewAndReportsWhichMatched() throws Exception {
    byte[] newSecret = utf8("the-new-secret-after-rotation");
    KeyRing ring =
        KeyRing.builder()
            .add("2026-05", WebhookSecret.ofBytes(SECRET))
            .add("2026-11", WebhookSecret.ofBytes(newSecret))
            .build();
    WebhookVerifier verifier = stripeLike(ring);
    long ts = NOW.getEpochSecond();

    assertThat(
            verifier
                .verify(request("Stripe-Signature", stripeHeader(ts, SECRET, BODY), BODY))
                .keyId())
        .isEqualTo("2026-05");
    assertThat(
            verifier
                .verify(request("Stripe-Signature", stripeHeader(ts, newSecret, BODY), BODY))
                .keyId())
        .isEqualTo("2026-11");
  }

  @Test
  void verify_keyOutsideItsWindow_isNotTried() {
    KeyRing expired =
        KeyRing.builder()
            .add("old", WebhookSecret.ofBytes(SECRET), NOW.minus(Duration.ofDays(30)), NOW)
            .build();
    KeyRing mixed =
        KeyRing.builder()
            .add("old", WebhookSecret.ofBytes(SECRET), NOW.minus(Duration.ofDays(30)), NOW)
            .add("next", WebhookSecret.ofUtf8("next-secret"), NOW, NOW.plus(Duration.ofDays(30)))
            .build();
    KeyRing notYet =
        KeyRing.builder()
            .add("future", WebhookSecret.ofBytes(SECRET), NOW.plusSeconds(1), Instant.MAX)
            .build();
    String header = stripeHeader(NOW.getEpochSecond(), SECRET, BODY);

    assertThat(reasonOf(stripeLike(expired), request("Stripe-Signature", header, BODY)))
        .isEqualTo(Reason.NO_ACTIVE_KEY);
    assertThat(reasonOf(stripeLike(mixed), request("Stripe-Signature", header, BODY)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(stripeLike(notYet), request("Stripe-Signature", header, BODY)))
        .isEqualTo(Reason.NO_ACTIVE_KEY);
  }

  @Test
  void verify_githubLayout_prefixedHexInEitherCase() throws Exception {
    WebhookVerifier verifier =
        WebhookVerifier.builder("github-like")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(
                        SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
            .build();
    String sig = hex(hmac(HmacAlgorithm.SHA256, SECRET, BODY));

    verifier.verify(request("X-Hub-Signature-256", "sha256=" + sig, BODY));
    verifier.verify(request("x-hub-signature-256", "sha256=" + sig.toUpperCase(Locale.ROOT), BODY));
    assertThat(reasonOf(verifier, request("X-Hub-Signature-256", sig, BODY)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, request("X-Hub-Signature-256", "sha1=" + sig, BODY)))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_standardWebhooksLayout_signedIdHeaderAndBase64() throws Exception {
    WebhookVerifier verifier =
        WebhookVerifier.builder("standard-like")
            .clock(CLOCK)
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
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
            .deliveryId(DeliveryIdSource.header("webhook-id"))
            .build();
    String ts = Long.toString(NOW.getEpochSecond());
    String sig = base64(hmac(HmacAlgorithm.SHA256, SECRET, utf8("msg_1." + ts + "."), BODY));
    WebhookRequest genuine =
        WebhookRequest.builder()
            .header("webhook-id", "msg_1")
            .header("webhook-timestamp", ts)
            .header("webhook-signature", "v1a,AAAA v1," + sig)
            .body(BODY)
            .build();

    VerifiedWebhook webhook = verifier.verify(genuine);
    assertThat(webhook.deliveryId()).contains("msg_1");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();

    WebhookRequest otherId =
        WebhookRequest.builder()
            .header("webhook-id", "msg_2")
            .header("webhook-timestamp", ts)
            .header("webhook-signature", "v1," + sig)
            .body(BODY)
            .build();
    assertThat(reasonOf(verifier, otherId)).isEqualTo(Reason.SIGNATURE_MISMATCH);

    WebhookRequest noTimestamp =
        WebhookRequest.builder()
            .header("webhook-id", "msg_1")
            .header("webhook-signature", "v1," + sig)
            .body(BODY)
            .build();
    assertThat(reasonOf(verifier, noTimestamp)).isEqualTo(Reason.MISSING_TIMESTAMP);
  }

  @Test
  void verify_encodings_decodeEveryAcceptedForm() throws Exception {
    byte[] tag = hmac(HmacAlgorithm.SHA256, SECRET, BODY);
    String b64 = base64(tag);
    String unpadded = Base64.getEncoder().withoutPadding().encodeToString(tag);
    String url = Base64.getUrlEncoder().encodeToString(tag);
    assertThat(outcome(SignatureEncoding.BASE64, b64)).isNull();
    assertThat(outcome(SignatureEncoding.BASE64, unpadded)).isNull();
    assertThat(outcome(SignatureEncoding.BASE64URL, url)).isNull();
    assertThat(outcome(SignatureEncoding.HEX_OR_BASE64, hex(tag))).isNull();
    assertThat(outcome(SignatureEncoding.HEX_OR_BASE64, b64)).isNull();
    assertThat(outcome(SignatureEncoding.HEX, hex(tag).toUpperCase(Locale.ROOT))).isNull();
    // The wrong alphabet is malformed, not silently translated.
    if (!url.equals(b64)) {
      assertThat(outcome(SignatureEncoding.BASE64, url)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    assertThat(outcome(SignatureEncoding.HEX, b64)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(outcome(SignatureEncoding.BASE64, b64 + "=")).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  private static Reason outcome(SignatureEncoding encoding, String signature) {
    WebhookVerifier verifier =
        WebhookVerifier.builder("enc")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(SignatureHeader.builder("X-Sig").encoding(encoding).build())
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
            .build();
    return reasonOf(verifier, request("X-Sig", signature, BODY));
  }

  @Test
  void verify_sha1AndSha512_useTheirOwnTagLengths() throws Exception {
    for (HmacAlgorithm algorithm : HmacAlgorithm.values()) {
      WebhookVerifier verifier =
          WebhookVerifier.builder("alg")
              .authenticator(
                  HmacAuthenticator.builder(algorithm)
                      .signatureHeader(SignatureHeader.builder("X-Sig").build())
                      .secret(WebhookSecret.ofBytes(SECRET))
                      .build())
              .build();
      verifier.verify(request("X-Sig", hex(hmac(algorithm, SECRET, BODY)), BODY));
      assertThat(
              reasonOf(
                  verifier, request("X-Sig", hex(hmac(HmacAlgorithm.SHA256, SECRET, BODY)), BODY)))
          .as(algorithm.name())
          .isEqualTo(algorithm == HmacAlgorithm.SHA256 ? null : Reason.MALFORMED_SIGNATURE);
    }
  }

  @Test
  void verify_uriAndMethodParts_signExactlyWhatWasReceived() throws Exception {
    WebhookVerifier verifier =
        WebhookVerifier.builder("uri")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA1)
                    .signatureHeader(
                        SignatureHeader.builder("X-Sig").encoding(SignatureEncoding.BASE64).build())
                    .signedContent(
                        SignedContent.builder().method().literal(" ").uri().body().build())
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
            .build();
    String uri = "https://example.com/hooks/\u00fcber?a=1&b=2";
    String sig = base64(hmac(HmacAlgorithm.SHA1, SECRET, utf8("POST " + uri), BODY));
    verifier.verify(WebhookRequest.builder().uri(uri).header("X-Sig", sig).body(BODY).build());
    WebhookRequest otherPort =
        WebhookRequest.builder()
            .uri(uri.replace("example.com", "example.com:443"))
            .header("X-Sig", sig)
            .body(BODY)
            .build();
    assertThat(reasonOf(verifier, otherPort)).isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void build_inconsistentTimestampConfiguration_refused() {
    SignatureHeader plain = SignatureHeader.builder("X-Sig").build();
    assertThatThrownBy(
            () ->
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(plain)
                    .timestampHeader("X-Timestamp")
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("proves nothing");
    assertThatThrownBy(
            () ->
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(plain)
                    .signedContent(SignedContent.builder().timestamp().body().build())
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("name its header");
    assertThatThrownBy(
            () ->
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> HmacAuthenticator.builder(HmacAlgorithm.SHA256).signatureHeader(plain).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void verify_customPartThatThrowsUnchecked_becomesVerifierErrorAndLeavesNoState()
      throws Exception {
    SignedContent exploding =
        SignedContent.builder()
            .body()
            .part(
                (sink, request, ts) -> {
                  if (request.headers("X-Explode").size() == 1) {
                    throw new IllegalStateException("boom");
                  }
                })
            .build();
    WebhookVerifier verifier =
        WebhookVerifier.builder("custom")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(SignatureHeader.builder("X-Sig").build())
                    .signedContent(exploding)
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
            .build();
    String sig = hex(hmac(HmacAlgorithm.SHA256, SECRET, BODY));
    WebhookRequest bad =
        WebhookRequest.builder().header("X-Sig", sig).header("X-Explode", "1").body(BODY).build();
    assertThat(reasonOf(verifier, bad)).isEqualTo(Reason.VERIFIER_ERROR);
    // The Mac was reset: the next webhook on this thread verifies normally.
    verifier.verify(request("X-Sig", sig, BODY));
  }
}
