package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.SecretSuffixDigestAuthenticator.Algorithm;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cloudinary: the SDK's vectors, the algorithm pinned per account, and the boundary between body
 * and timestamp, which a plain concatenation leaves to the verifier.
 */
class CloudinaryTest {
  private static final long NOW = 1_800_000_000L;
  private static final String SECRET = "someApiSecret";

  private static WebhookVerifier verifier(String name, long now) {
    return Providers.byName(name).verifier(List.of(SECRET)).clock(at(now)).build();
  }

  private static Reason verify(String name, long now, String signature, String ts, String body) {
    return reasonOf(
        verifier(name, now),
        request(Map.of("X-Cld-Signature", signature, "X-Cld-Timestamp", ts), utf8(body)));
  }

  /**
   * OFFICIAL (SDK test): cloudinary/cloudinary_java cloudinary-core/src/test/java/com/cloudinary/
   * api/signing/NotificationRequestSignatureVerifierTest.java (e4f0019): body {@code {}}, timestamp
   * 0, secret {@code someApiSecret}, SHA-1 and SHA-256; a wrong signature and a stale timestamp
   * fail.
   */
  @Test
  void verify_officialSdkVectors_acceptedAndTheirNegativesRejected()
      throws WebhookVerificationException {
    String sha1 = "f9aa4471d2a88ff244424cca2444edf7d7ac3596";
    String sha256 = "d5497e1a206ad0ba29ad09a7c0c5f22e939682d15009c15ab3199f62fefbd14b";
    assertThat(verify("cloudinary", 0, sha1, "0", "{}")).isNull();
    assertThat(verify("cloudinary-sha256", 0, sha256, "0", "{}")).isNull();
    assertThat(verify("cloudinary", 0, "notMatchingForSure", "0", "{}"))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(verify("cloudinary", 0, "0" + sha1.substring(1), "0", "{}"))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    // validFor 1000 s, timestamp 0, checked now: too old.
    WebhookVerifier validFor1000 =
        Providers.byName("cloudinary")
            .verifier(
                List.of(SECRET),
                ProviderOptions.builder().tolerance(java.time.Duration.ofSeconds(1000)).build())
            .clock(at(NOW))
            .build();
    assertThat(
            reasonOf(
                validFor1000,
                request(Map.of("X-Cld-Signature", sha1, "X-Cld-Timestamp", "0"), utf8("{}"))))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(Cloudinary.sign(Algorithm.SHA1, SECRET, 0, utf8("{}")))
        .containsEntry("X-Cld-Signature", sha1);
    assertThat(Cloudinary.sign(Algorithm.SHA256, SECRET, 0, utf8("{}")))
        .containsEntry("X-Cld-Signature", sha256);
    assertThat(
            verifier("cloudinary", 0)
                .verify(
                    request(Map.of("X-Cld-Signature", sha1, "X-Cld-Timestamp", "0"), utf8("{}")))
                .proof())
        .isEqualTo(Proof.SECRET_SUFFIX_DIGEST);
  }

  @Test
  void verify_algorithmIsTheAccountsSetting_neverTheRequests() {
    String sha1 = Cloudinary.sign(Algorithm.SHA1, SECRET, NOW, utf8("{}")).get("X-Cld-Signature");
    // A SHA-256 account's verifier does not take a SHA-1 signature: no downgrade by length.
    assertThat(verify("cloudinary-sha256", NOW, sha1, Long.toString(NOW), "{}"))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void verify_digitsMovedBetweenBodyAndTimestamp_rejected() {
    String ts = Long.toString(NOW);
    // Genuine: body "payload0" at NOW. The hash covers "payload0" + "1800000000" + secret.
    String sig =
        Cloudinary.sign(Algorithm.SHA1, SECRET, NOW, utf8("payload0")).get("X-Cld-Signature");
    assertThat(verify("cloudinary", NOW, sig, ts, "payload0")).isNull();
    // The body's final 0 moved into the timestamp: same hash input, same numeric time.
    assertThat(verify("cloudinary", NOW, sig, "0" + ts, "payload"))
        .isEqualTo(Reason.MALFORMED_TIMESTAMP);
    // Another final digit moved: the same hash input, a timestamp far ahead.
    String sig5 =
        Cloudinary.sign(Algorithm.SHA1, SECRET, NOW, utf8("payload5")).get("X-Cld-Signature");
    assertThat(verify("cloudinary", NOW, sig5, "5" + ts, "payload"))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    // A timestamp digit moved into the body: the same hash input, a timestamp long past.
    String plain =
        Cloudinary.sign(Algorithm.SHA1, SECRET, NOW, utf8("payload")).get("X-Cld-Signature");
    assertThat(verify("cloudinary", NOW, plain, ts.substring(1), "payload" + ts.charAt(0)))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    // "0" alone is a timestamp (the SDK's own vector uses it), with no digit to spare.
    assertThat(verify("cloudinary", NOW, plain, "+" + ts, "payload"))
        .isEqualTo(Reason.MALFORMED_TIMESTAMP);
  }

  @Test
  void verify_window_7200SecondsPast300Ahead() {
    String sig = Cloudinary.sign(Algorithm.SHA1, SECRET, NOW, utf8("{}")).get("X-Cld-Signature");
    String ts = Long.toString(NOW);
    assertThat(verify("cloudinary", NOW + 7200, sig, ts, "{}")).isNull();
    assertThat(verify("cloudinary", NOW + 7201, sig, ts, "{}")).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(verify("cloudinary", NOW - 300, sig, ts, "{}")).isNull();
    assertThat(verify("cloudinary", NOW - 301, sig, ts, "{}"))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    assertThat(
            reasonOf(
                verifier("cloudinary", NOW), request(Map.of("X-Cld-Signature", sig), utf8("{}"))))
        .isEqualTo(Reason.MISSING_TIMESTAMP);
  }
}
