package dev.hookverify.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.Reason;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.Signing;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Hostile input ends in the right {@link Reason}, through the public API only, without an unchecked
 * exception and without unbounded work (each case must finish well within a second; the timeout
 * catches hangs and quadratic blow-ups, it is not a performance claim).
 */
class HostileInputTest {
  private static final byte[] KEY = Signing.utf8("hostile-test-secret");
  private static final WebhookSecret SECRET = WebhookSecret.ofBytes(KEY);
  private static final WebhookVerifier STRIPE_LIKE =
      WebhookVerifier.builder("stripe-like")
          .maxBodyBytes(64 * 1024)
          .authenticator(
              HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                  .signatureHeader(
                      SignatureHeader.builder("Sig").list(',', '=', "v1").timestampKey("t").build())
                  .signedContent(SignedContent.builder().timestamp().literal(".").body().build())
                  .secret(SECRET)
                  .build())
          .authenticator(TokenAuthenticator.bearer().secret(SECRET).build())
          .build();

  private static Reason reason(Supplier<WebhookRequest> request) {
    return reason(STRIPE_LIKE, request);
  }

  private static Reason reason(WebhookVerifier verifier, Supplier<WebhookRequest> request) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(2), () -> Signing.reasonOf(verifier, request.get()));
  }

  private static WebhookRequest sig(String value) {
    return WebhookRequest.builder().header("Sig", value).body(new byte[] {'{', '}'}).build();
  }

  private static String now() {
    return Long.toString(System.currentTimeMillis() / 1000);
  }

  @Test
  void tenThousandCandidateSignatures_malformed() {
    StringBuilder header = new StringBuilder("t=" + now());
    for (int i = 0; i < 10_000; i++) {
      header.append(",v1=").append("ab".repeat(32));
    }
    assertThat(reason(() -> sig(header.toString()))).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void seventeenCandidatesUnderTheLengthCap_malformed() {
    StringBuilder header = new StringBuilder("t=" + now());
    for (int i = 0; i < 17; i++) {
      header.append(",v1=").append("ab".repeat(32));
    }
    assertThat(header.length()).isLessThan(SignatureHeader.MAX_HEADER_LENGTH);
    assertThat(reason(() -> sig(header.toString()))).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void megabyteHeaders_rejectedUnread() {
    String huge = "a".repeat(1 << 20);
    assertThat(reason(() -> sig(huge))).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reason(() -> sig(",".repeat(1 << 20)))).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(
            reason(
                () -> WebhookRequest.builder().header("Authorization", "Bearer " + huge).build()))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void manyItemsWithoutSeparators_boundedWork() {
    // Each item lacks the key separator; a naive indexOf would rescan the header per item.
    String header = "x,".repeat(4000);
    assertThat(reason(() -> sig(header))).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void nulAndNonAsciiInHeaders_malformed() {
    assertThat(reason(() -> sig("t=" + now() + ",v1=" + "\u0000".repeat(64))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reason(() -> sig("t=" + now() + ",v1=" + "\u00e9".repeat(64))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reason(() -> sig("t=\u0661\u0662\u0663,v1=" + "ab".repeat(32))))
        .isEqualTo(Reason.MALFORMED_TIMESTAMP);
    assertThat(reason(() -> sig("t=" + now() + ",v1=" + "ab".repeat(31) + "a\u0000")))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void nulAndInvalidUtf8InTheBody_justMismatch() {
    byte[] body = {0, (byte) 0xff, (byte) 0xc3, 0x28, 0, 0};
    assertThat(
            reason(
                () ->
                    WebhookRequest.builder()
                        .header("Sig", "t=" + now() + ",v1=" + "ab".repeat(32))
                        .body(body)
                        .build()))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void repeatedHeadersWithConflictingValues_malformed() {
    assertThat(
            reason(
                () ->
                    WebhookRequest.builder()
                        .header("Sig", "t=" + now() + ",v1=" + "ab".repeat(32))
                        .header("Sig", "t=" + now() + ",v1=" + "cd".repeat(32))
                        .build()))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void timestampsThatOverflowOrHideSignsSpacesOrExponents_malformed() {
    // Whitespace around a whole list item is HTTP whitespace and is dropped; inside, it is not.
    for (String ts :
        new String[] {
          "99999999999999999999",
          "-1",
          "+" + now(),
          " " + now(),
          now().substring(0, 4) + " " + now().substring(4),
          "1e10",
          "0x10",
          ""
        }) {
      assertThat(reason(() -> sig("t=" + ts + ",v1=" + "ab".repeat(32))))
          .as("'%s'", ts)
          .isIn(Reason.MALFORMED_TIMESTAMP, Reason.MISSING_TIMESTAMP);
    }
  }

  @Test
  void bodyAtAndOneByteOverTheLimit() {
    byte[] atLimit = new byte[64 * 1024];
    byte[] over = Arrays.copyOf(atLimit, atLimit.length + 1);
    assertThat(
            reason(
                () ->
                    WebhookRequest.builder()
                        .header("Sig", "t=" + now() + ",v1=" + "ab".repeat(32))
                        .body(atLimit)
                        .build()))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reason(
                () ->
                    WebhookRequest.builder()
                        .header("Sig", "t=" + now() + ",v1=" + "ab".repeat(32))
                        .body(over)
                        .build()))
        .isEqualTo(Reason.BODY_TOO_LARGE);
  }

  /** Standard Webhooks-like: base64 candidates, so the alphabet and padding rules are visible. */
  private static final WebhookVerifier BASE64_SIGNED =
      WebhookVerifier.builder("base64-signed")
          .authenticator(
              HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                  .signatureHeader(
                      SignatureHeader.builder("Sig")
                          .list(' ', ',', "v1")
                          .encoding(SignatureEncoding.BASE64)
                          .build())
                  .signedContent(SignedContent.body())
                  .secret(SECRET)
                  .build())
          .build();

  private static Reason reason(WebhookVerifier verifier, String header, String value, byte[] body) {
    return reason(
        verifier, () -> WebhookRequest.builder().header(header, value).body(body).build());
  }

  @Test
  void hexInMixedCase_isTheSameSignature() {
    // Hex names bytes; the case of a digit carries no information, so any case is the same MAC.
    String ts = now();
    byte[] body = Signing.utf8("{\"mixed\":true}");
    String hex = Signing.hex(Signing.hmac(HmacAlgorithm.SHA256, KEY, Signing.utf8(ts + "."), body));
    StringBuilder mixed = new StringBuilder(hex);
    for (int i = 0; i < mixed.length(); i += 2) {
      mixed.setCharAt(i, Character.toUpperCase(mixed.charAt(i)));
    }
    assertThat(mixed.toString()).isNotEqualTo(hex).isNotEqualTo(hex.toUpperCase(Locale.ROOT));
    for (String candidate : new String[] {hex, hex.toUpperCase(Locale.ROOT), mixed.toString()}) {
      assertThat(reason(STRIPE_LIKE, "Sig", "t=" + ts + ",v1=" + candidate, body)).isNull();
    }
    String wrong = "AB".repeat(32);
    assertThat(reason(STRIPE_LIKE, "Sig", "t=" + ts + ",v1=" + wrong, body))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void base64WithAndWithoutPadding_accepted_base64urlWhereBase64IsExpected_malformed() {
    // Find a body whose MAC has '+' or '/' in base64, so base64url writes it differently.
    byte[] body = null;
    byte[] mac = null;
    for (int i = 0; body == null; i++) {
      byte[] candidate = Signing.utf8("{\"n\":" + i + "}");
      byte[] tag = Signing.hmac(HmacAlgorithm.SHA256, KEY, candidate);
      String b64 = Base64.getEncoder().encodeToString(tag);
      if (b64.contains("+") || b64.contains("/")) {
        body = candidate;
        mac = tag;
      }
    }
    String padded = Base64.getEncoder().encodeToString(mac);
    assertThat(padded).endsWith("="); // 32 bytes always pad
    String unpadded = Base64.getEncoder().withoutPadding().encodeToString(mac);
    String url = Base64.getUrlEncoder().encodeToString(mac);

    assertThat(reason(BASE64_SIGNED, "Sig", "v1," + padded, body)).isNull();
    assertThat(reason(BASE64_SIGNED, "Sig", "v1," + unpadded, body)).isNull();
    assertThat(reason(BASE64_SIGNED, "Sig", "v1," + url, body))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reason(BASE64_SIGNED, "Sig", "v1," + padded + "=", body))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reason(BASE64_SIGNED, "Sig", "v1," + padded.substring(1), body))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void emptyBlankOrPaddedTokens_rejected() {
    String token = "hostile-test-secret";
    assertThat(reason(STRIPE_LIKE, "Authorization", "Bearer " + token, new byte[0])).isNull();
    for (String value :
        new String[] {"", "   ", "Bearer", "Bearer ", "Bearer    ", "Bearer " + token + " x"}) {
      assertThat(reason(STRIPE_LIKE, "Authorization", value, new byte[0]))
          .as("'%s'", value)
          .isIn(Reason.MALFORMED_SIGNATURE, Reason.SIGNATURE_MISMATCH, Reason.MISSING_SIGNATURE);
    }
    // A token68 holds no whitespace, so spaces and tabs around it are HTTP's, not the token's.
    assertThat(reason(STRIPE_LIKE, "Authorization", "Bearer \t" + token + "\t ", new byte[0]))
        .isNull();
  }

  @Test
  void emptyBlankOrPaddedSecrets_refusedAtConfiguration() {
    for (String bad : new String[] {"", " ", "\t\n", " hostile-test-secret", "secret\n"}) {
      assertThatThrownBy(() -> WebhookSecret.ofUtf8(bad))
          .as("'%s'", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> WebhookSecret.ofBytes(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
