package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The keyed hash {@code H(content || secret)}: what it proves, its key ring, its builder. */
class SecretSuffixDigestAuthenticatorTest {
  private static final long NOW = 1_800_000_000L;
  private static final String TS = Long.toString(NOW);

  private static WebhookVerifier verifier(KeyRing ring) {
    return WebhookVerifier.builder("keyed-hash")
        .authenticator(
            SecretSuffixDigestAuthenticator.builder(
                    SecretSuffixDigestAuthenticator.Algorithm.SHA256)
                .signatureHeader(SignatureHeader.builder("X-Sig").build())
                .signedContent(SignedContent.builder().body().timestamp().build())
                .timestampHeader("X-Ts")
                .timestampPolicy(TimestampPolicy.secondsWithin(Duration.ofMinutes(5)))
                .keys(ring)
                .build())
        .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
        .build();
  }

  private static String hash(String body, String ts, String secret) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    return HexFormat.of()
        .formatHex(digest.digest((body + ts + secret).getBytes(StandardCharsets.UTF_8)));
  }

  private static Reason reasonOf(WebhookVerifier verifier, String sig, String ts, String body) {
    try {
      verifier.verify(
          WebhookRequest.builder()
              .header("X-Sig", sig)
              .header("X-Ts", ts)
              .body(body.getBytes(StandardCharsets.UTF_8))
              .build());
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  @Test
  void verify_anyKeyOfTheRing_provesSecretSuffixDigestCoveringTheBody() throws Exception {
    KeyRing ring =
        KeyRing.builder()
            .add("old", WebhookSecret.ofUtf8("old-secret"))
            .add("new", WebhookSecret.ofUtf8("new-secret"))
            .build();
    WebhookVerifier verifier = verifier(ring);
    VerifiedWebhook webhook =
        verifier.verify(
            WebhookRequest.builder()
                .header("X-Sig", hash("{}", TS, "new-secret"))
                .header("X-Ts", TS)
                .body("{}".getBytes(StandardCharsets.UTF_8))
                .build());
    assertThat(webhook.proof()).isEqualTo(Proof.SECRET_SUFFIX_DIGEST);
    assertThat(webhook.keyId()).isEqualTo("new");
    assertThat(webhook.authentication().signsBody()).isTrue();
    assertThat(reasonOf(verifier, hash("{}", TS, "other"), TS, "{}"))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    // The secret must come last: a secret-prefix hash of the same parts is not this proof.
    MessageDigest prefix = MessageDigest.getInstance("SHA-256");
    String prefixed =
        HexFormat.of()
            .formatHex(prefix.digest(("new-secret" + "{}" + TS).getBytes(StandardCharsets.UTF_8)));
    assertThat(reasonOf(verifier, prefixed, TS, "{}")).isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(reasonOf(verifier, hash("{}", TS, "new-secret"), "0" + TS, "{}"))
        .isEqualTo(Reason.MALFORMED_TIMESTAMP);
    assertThat(reasonOf(verifier, hash("{}", TS, "new-secret").substring(2), TS, "{}"))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void builder_inconsistentTimestamp_refused() {
    assertThatThrownBy(
            () ->
                SecretSuffixDigestAuthenticator.builder(
                        SecretSuffixDigestAuthenticator.Algorithm.SHA1)
                    .signatureHeader(SignatureHeader.builder("X-Sig").build())
                    .timestampHeader("X-Ts")
                    .keys(KeyRing.of(WebhookSecret.ofUtf8("s")))
                    .build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                SecretSuffixDigestAuthenticator.builder(
                        SecretSuffixDigestAuthenticator.Algorithm.SHA1)
                    .signatureHeader(SignatureHeader.builder("X-Sig").build())
                    .build())
        .isInstanceOf(IllegalStateException.class);
    assertThat(Proof.SECRET_SUFFIX_DIGEST.signsContent()).isTrue();
  }

  private static SecretSuffixDigestAuthenticator.Builder bodyThenTimestamp(TimestampPolicy policy) {
    return SecretSuffixDigestAuthenticator.builder(SecretSuffixDigestAuthenticator.Algorithm.SHA256)
        .signatureHeader(SignatureHeader.builder("X-Sig").build())
        .signedContent(SignedContent.builder().body().timestamp().build())
        .timestampHeader("X-Ts")
        .timestampPolicy(policy)
        .keys(KeyRing.of(WebhookSecret.ofUtf8("secret")));
  }

  /**
   * Attack: with {@code body || timestamp} hashed and nothing between them, the first digit of a
   * captured delivery's timestamp moved onto the body's end ({@code {}1}, {@code 800000000}) keeps
   * the signature; only the freshness window catches it (the timestamp is a tenth of what it was).
   * Without a window, or with one spanning decades, the tampered body was accepted.
   */
  @Test
  void builder_withoutABoundedWindow_refused_soNoDigitCanCrossTheBodyTimestampBoundary()
      throws Exception {
    String sig = hash("{}", TS, "secret");
    String shiftedBody = "{}" + TS.charAt(0);
    String shiftedTs = TS.substring(1);
    assertThat(hash(shiftedBody, shiftedTs, "secret")).isEqualTo(sig);
    for (TimestampPolicy unbounded :
        new TimestampPolicy[] {
          TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.SECONDS),
          TimestampPolicy.seconds(Duration.ofDays(365L * 100), Duration.ofMinutes(5)),
          TimestampPolicy.seconds(Duration.ofMinutes(5), Duration.ofDays(365L * 1000)),
        }) {
      assertThatThrownBy(() -> bodyThenTimestamp(unbounded).build())
          .as(unbounded.toString())
          .isInstanceOf(IllegalStateException.class);
    }
    // The longest window allowed still rejects the moved digit, both ways.
    WebhookVerifier verifier =
        WebhookVerifier.builder("keyed-hash")
            .authenticator(
                bodyThenTimestamp(TimestampPolicy.secondsWithin(Duration.ofDays(366))).build())
            .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
            .build();
    assertThat(reasonOf(verifier, sig, TS, "{}")).isNull();
    assertThat(reasonOf(verifier, sig, shiftedTs, shiftedBody)).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    String sig2 = hash("{}7", TS, "secret");
    assertThat(reasonOf(verifier, sig2, "7" + TS, "{}")).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
  }
}
