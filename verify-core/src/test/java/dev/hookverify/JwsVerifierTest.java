package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The compact JWS verifier against the classic attacks and at every boundary. */
class JwsVerifierTest {
  private static final String SECRET = "jws-test-secret";
  private static final long NOW = 1_800_000_000L;
  private static final String HS_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  private static KeyPair rsa;
  private static KeyPair ec;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
    r.initialize(2048);
    rsa = r.generateKeyPair();
    KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
    e.initialize(new ECGenParameterSpec("secp256r1"));
    ec = e.generateKeyPair();
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String b64(String text) {
    return b64(text.getBytes(StandardCharsets.UTF_8));
  }

  static String hs256(byte[] key, String header, String claims) throws Exception {
    String input = b64(header) + "." + b64(claims);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
  }

  static String signed(String jca, java.security.PrivateKey key, String header, String claims)
      throws Exception {
    String input = b64(header) + "." + b64(claims);
    Signature s = Signature.getInstance(jca);
    s.initSign(key);
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + b64(s.sign());
  }

  private static JwsVerifier hsVerifier() {
    return JwsVerifier.builder(JwsAlgorithm.HS256)
        .secrets(KeyRing.of(WebhookSecret.ofUtf8(SECRET)))
        .build();
  }

  private static JwsVerifier rsVerifier() {
    return JwsVerifier.builder(JwsAlgorithm.RS256)
        .publicKey("k1", rsa.getPublic())
        .issuers("https://accounts.google.com")
        .audience("https://receiver.example/push")
        .claim("email", "push@p.iam.gserviceaccount.com")
        .claimTrue("email_verified")
        .requireExpiry()
        .build();
  }

  private static Clock at(long seconds) {
    return Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
  }

  private static Reason reason(JwsVerifier verifier, String token, long now) {
    try {
      verifier.verify(token, at(now));
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  private static String googleClaims(String aud) {
    return "{\"aud\":\""
        + aud
        + "\",\"email\":\"push@p.iam.gserviceaccount.com\",\"email_verified\":true,\"exp\":"
        + (NOW + 3600)
        + ",\"iat\":"
        + NOW
        + ",\"iss\":\"https://accounts.google.com\"}";
  }

  @Test
  void genuineTokens_verify() throws Exception {
    byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
    VerifiedJws jws =
        hsVerifier().verify(hs256(key, HS_HEADER, "{\"iat\":" + NOW + ",\"a\":[1,{}]}"), at(NOW));
    assertThat(jws.longClaim("iat")).hasValue(NOW);
    assertThat(jws.toString()).doesNotContain("iat");
    String rs =
        signed(
            "SHA256withRSA",
            rsa.getPrivate(),
            "{\"alg\":\"RS256\",\"kid\":\"k1\"}",
            googleClaims("https://receiver.example/push"));
    assertThat(rsVerifier().verify(rs, at(NOW)).keyId()).isEqualTo("k1");
  }

  @Test
  void algNoneAndEveryOtherAlg_areRefused_evenWithAValidMacOverTheToken() throws Exception {
    String claims = "{\"iat\":" + NOW + "}";
    assertThat(reason(hsVerifier(), b64("{\"alg\":\"none\"}") + "." + b64(claims) + ".", NOW))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reason(hsVerifier(), b64("{\"alg\":\"NONE\"}") + "." + b64(claims) + ".", NOW))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
    assertThat(reason(hsVerifier(), hs256(key, "{\"alg\":\"HS512\"}", claims), NOW))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reason(hsVerifier(), hs256(key, "{\"typ\":\"JWT\"}", claims), NOW))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void algConfusion_hs256KeyedWithTheRsaPublicKey_isRefused() throws Exception {
    // The classic attack: sign HS256 with the public key's bytes and hope the verifier uses the
    // key it holds as an HMAC secret. The RS256 verifier refuses the alg before touching a key.
    byte[] publicKey = rsa.getPublic().getEncoded();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(publicKey)
            + "\n-----END PUBLIC KEY-----\n";
    for (byte[] secret : new byte[][] {publicKey, pem.getBytes(StandardCharsets.US_ASCII)}) {
      String forged =
          hs256(
              secret,
              "{\"alg\":\"HS256\",\"kid\":\"k1\"}",
              googleClaims("https://receiver.example/push"));
      assertThat(reason(rsVerifier(), forged, NOW)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    // And an HS256 verifier cannot be given a public key, nor an RS256 one a secret.
    assertThatThrownBy(
            () -> JwsVerifier.builder(JwsAlgorithm.HS256).publicKey("k", rsa.getPublic()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                JwsVerifier.builder(JwsAlgorithm.RS256)
                    .secrets(KeyRing.of(WebhookSecret.ofUtf8(SECRET))))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JwsVerifier.builder(JwsAlgorithm.RS256).publicKey("k", ec.getPublic()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keysNamedByTheToken_areNeverUsed() throws Exception {
    String claims = googleClaims("https://receiver.example/push");
    String[] headers = {
      "{\"alg\":\"RS256\",\"kid\":\"k1\",\"jwk\":{\"kty\":\"RSA\"}}",
      "{\"alg\":\"RS256\",\"kid\":\"k1\",\"jku\":\"https://evil.example/keys\"}",
      "{\"alg\":\"RS256\",\"kid\":\"k1\",\"x5u\":\"https://evil.example/cert\"}",
      "{\"alg\":\"RS256\",\"kid\":\"k1\",\"crit\":[\"b64\"],\"b64\":false}",
    };
    for (String header : headers) {
      assertThat(
              reason(rsVerifier(), signed("SHA256withRSA", rsa.getPrivate(), header, claims), NOW))
          .as(header)
          .isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    // kid injection: path traversal, SQL, a control character, an absent key: looked up, never
    // interpreted; unknown kids are mismatches, malformed ones malformed.
    for (String kid : new String[] {"../../etc/passwd", "k1'OR'1'='1", "k2"}) {
      String token =
          signed(
              "SHA256withRSA",
              rsa.getPrivate(),
              "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}",
              claims);
      assertThat(reason(rsVerifier(), token, NOW)).as(kid).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }
    for (String kid : new String[] {"\\u0000", "", "k1' OR '1'='1", "x".repeat(257)}) {
      String token =
          signed(
              "SHA256withRSA",
              rsa.getPrivate(),
              "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\"}",
              claims);
      assertThat(reason(rsVerifier(), token, NOW)).as(kid).isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    String numericKid =
        signed("SHA256withRSA", rsa.getPrivate(), "{\"alg\":\"RS256\",\"kid\":1}", claims);
    assertThat(reason(rsVerifier(), numericKid, NOW)).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void strictEncoding_oneSpellingPerToken() throws Exception {
    byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
    String token = hs256(key, HS_HEADER, "{\"iat\":" + NOW + "}");
    assertThat(reason(hsVerifier(), token, NOW)).isNull();
    String[] parts = token.split("\\.");
    assertThat(reason(hsVerifier(), token + "=", NOW)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reason(hsVerifier(), token + ".", NOW)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reason(hsVerifier(), " " + token, NOW)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reason(hsVerifier(), parts[0] + "." + parts[1], NOW))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    String standard = token.replace('-', '+').replace('_', '/');
    if (!standard.equals(token)) {
      assertThat(reason(hsVerifier(), standard, NOW)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    // A 32-byte signature is 43 characters whose last carries 2 unused bits: set one of them.
    String sig = parts[2];
    char last = sig.charAt(sig.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char nonCanonical = alphabet.charAt(alphabet.indexOf(last) | 1);
    if (nonCanonical != last) {
      String respelled =
          parts[0] + "." + parts[1] + "." + sig.substring(0, sig.length() - 1) + nonCanonical;
      assertThat(reason(hsVerifier(), respelled, NOW)).isEqualTo(Reason.MALFORMED_SIGNATURE);
    }
    // Huge tokens are refused by length before anything is decoded.
    String huge = token + "A".repeat(JwsVerifier.MAX_TOKEN_CHARS);
    assertThat(reason(hsVerifier(), huge, NOW)).isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void claimsEveryParserReadsDifferently_areRefused() throws Exception {
    byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
    String[] ambiguous = {
      "{\"iat\":1,\"iat\":" + NOW + "}", // first-wins and last-wins disagree
      "{\"a\":{\"b\":1,\"b\":2},\"iat\":" + NOW + "}",
      "{\"iat\":" + NOW + "} ", // fine: trailing whitespace
      "{\"iat\":" + NOW + "}x",
      "{\"s\":\"\\ud800\",\"iat\":" + NOW + "}",
      "{'iat':1}",
      "{\"iat\":01}",
      "\ufeff{\"iat\":1}",
      "[1]",
    };
    Reason[] expected = {
      Reason.MALFORMED_SIGNATURE,
      Reason.MALFORMED_SIGNATURE,
      null,
      Reason.MALFORMED_SIGNATURE,
      Reason.MALFORMED_SIGNATURE,
      Reason.MALFORMED_SIGNATURE,
      Reason.MALFORMED_SIGNATURE,
      Reason.MALFORMED_SIGNATURE,
      Reason.MALFORMED_SIGNATURE,
    };
    for (int i = 0; i < ambiguous.length; i++) {
      assertThat(reason(hsVerifier(), hs256(key, HS_HEADER, ambiguous[i]), NOW))
          .as(ambiguous[i])
          .isEqualTo(expected[i]);
    }
    // A duplicate alg in the header: refused before the signature.
    assertThat(reason(hsVerifier(), hs256(key, "{\"alg\":\"HS256\",\"alg\":\"none\"}", "{}"), NOW))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    // Time claims that are not integers.
    for (String exp : new String[] {"1.9e9", "\"" + (NOW + 10) + "\"", "1e400"}) {
      assertThat(reason(hsVerifier(), hs256(key, HS_HEADER, "{\"exp\":" + exp + "}"), NOW))
          .as(exp)
          .isEqualTo(Reason.MALFORMED_TIMESTAMP);
    }
    // An integer past 64 bits: the whole document is refused (parsers read it differently).
    assertThat(reason(hsVerifier(), hs256(key, HS_HEADER, "{\"exp\":99999999999999999999}"), NOW))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void timeClaims_atTheBoundaryAndOnePast() throws Exception {
    byte[] key = SECRET.getBytes(StandardCharsets.UTF_8);
    JwsVerifier leeway =
        JwsVerifier.builder(JwsAlgorithm.HS256)
            .secrets(KeyRing.of(WebhookSecret.ofUtf8(SECRET)))
            .leeway(Duration.ofSeconds(10))
            .requireIssuedAt(Duration.ofSeconds(100))
            .build();
    String token =
        hs256(
            key, HS_HEADER, "{\"iat\":" + NOW + ",\"nbf\":" + NOW + ",\"exp\":" + (NOW + 50) + "}");
    assertThat(reason(leeway, token, NOW - 10)).isNull();
    assertThat(reason(leeway, token, NOW - 11)).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
    assertThat(reason(leeway, token, NOW + 59)).isNull();
    assertThat(reason(leeway, token, NOW + 60)).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    String old = hs256(key, HS_HEADER, "{\"iat\":" + NOW + "}");
    assertThat(reason(leeway, old, NOW + 110)).isNull();
    assertThat(reason(leeway, old, NOW + 111)).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    assertThat(reason(leeway, hs256(key, HS_HEADER, "{}"), NOW))
        .isEqualTo(Reason.MISSING_TIMESTAMP);
    assertThat(
            reason(
                rsVerifier(),
                signed(
                    "SHA256withRSA",
                    rsa.getPrivate(),
                    "{\"alg\":\"RS256\",\"kid\":\"k1\"}",
                    "{\"aud\":\"https://receiver.example/push\",\"email\":\"push@p.iam.gserviceaccount.com\",\"email_verified\":true,\"iss\":\"https://accounts.google.com\"}"),
                NOW))
        .isEqualTo(Reason.MISSING_TIMESTAMP);
    // Extreme values do not overflow into acceptance.
    String far =
        hs256(key, HS_HEADER, "{\"exp\":" + Long.MAX_VALUE + ",\"iat\":" + Long.MIN_VALUE + "}");
    assertThat(reason(hsVerifier(), far, NOW)).isNull();
    assertThat(reason(leeway, far, NOW)).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
  }

  @Test
  void signedTokenWithoutIssuerOrAudience_isAMismatch_neverAnUncheckedException() throws Exception {
    // The verifier's issuer set is immutable: contains(null) throws. A token without iss (or an
    // iss of JSON null, or no aud) must still be a SIGNATURE_MISMATCH, not a NullPointerException.
    String header = "{\"alg\":\"RS256\",\"kid\":\"k1\"}";
    String good = googleClaims("https://receiver.example/push");
    String[] bad = {
      good.replace(",\"iss\":\"https://accounts.google.com\"", ""),
      good.replace("\"https://accounts.google.com\"", "null"),
      good.replace("\"aud\":\"https://receiver.example/push\",", ""),
    };
    for (String claims : bad) {
      String token = signed("SHA256withRSA", rsa.getPrivate(), header, claims);
      assertThat(reason(rsVerifier(), token, NOW)).as(claims).isEqualTo(Reason.SIGNATURE_MISMATCH);
    }
    JwsVerifier netlifyLike =
        JwsVerifier.builder(JwsAlgorithm.HS256)
            .secrets(KeyRing.of(WebhookSecret.ofUtf8(SECRET)))
            .issuers("netlify")
            .build();
    String noIssuer =
        hs256(SECRET.getBytes(StandardCharsets.UTF_8), HS_HEADER, "{\"sha256\":\"x\"}");
    assertThat(reason(netlifyLike, noIssuer, NOW)).isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void claimsTheSenderDefines_areChecked() throws Exception {
    String header = "{\"alg\":\"RS256\",\"kid\":\"k1\"}";
    String good = googleClaims("https://receiver.example/push");
    String[] bad = {
      good.replace("https://receiver.example/push", "https://other.example/"),
      good.replace("push@p", "evil@p"),
      good.replace("\"email_verified\":true", "\"email_verified\":\"true\""),
      good.replace("https://accounts.google.com", "https://evil.example"),
    };
    for (String claims : bad) {
      assertThat(
              reason(rsVerifier(), signed("SHA256withRSA", rsa.getPrivate(), header, claims), NOW))
          .as(claims)
          .isEqualTo(Reason.SIGNATURE_MISMATCH);
    }
    String arrayAudience =
        good.replace(
            "\"https://receiver.example/push\"", "[\"x\",\"https://receiver.example/push\"]");
    assertThat(
            reason(
                rsVerifier(),
                signed("SHA256withRSA", rsa.getPrivate(), header, arrayAudience),
                NOW))
        .isNull();
  }

  @Test
  void claimNumberWithAnExponentNoParserReadsAlike_isRefused() throws Exception {
    // Found by JwsFuzzTest: org.json reads 22020e120100000000000000000000 as a string, Jackson
    // and Gson as a number, so a handler could read another claim than the verifier did.
    String huge = "{\"iat\":" + NOW + ",\"n\":22020e120100000000000000000000}";
    assertThat(reason(hsVerifier(), hs256(bytes(SECRET), HS_HEADER, huge), NOW))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    String wide = "{\"iat\":" + NOW + ",\"n\":-" + "9".repeat(110) + "}";
    assertThat(reason(hsVerifier(), hs256(bytes(SECRET), HS_HEADER, wide), NOW))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    String large = "{\"iat\":" + NOW + ",\"n\":1e9999}";
    assertThat(reason(hsVerifier(), hs256(bytes(SECRET), HS_HEADER, large), NOW)).isNull();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void es256_isRawRAndS_andDerIsRefused() throws Exception {
    JwsVerifier verifier =
        JwsVerifier.builder(JwsAlgorithm.ES256).publicKey("e1", ec.getPublic()).build();
    String header = "{\"alg\":\"ES256\",\"kid\":\"e1\"}";
    String claims = "{\"iat\":" + NOW + "}";
    assertThat(
            reason(
                verifier,
                signed("SHA256withECDSAinP1363Format", ec.getPrivate(), header, claims),
                NOW))
        .isNull();
    assertThat(reason(verifier, signed("SHA256withECDSA", ec.getPrivate(), header, claims), NOW))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void x5c_chainBoundsAndNoKeyOfTheTokensOwn() {
    assertThatThrownBy(() -> JwsVerifier.builder(JwsAlgorithm.ES256).x5c(java.util.List.of(), 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwsVerifier.builder(JwsAlgorithm.ES256).build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> JwsVerifier.builder(JwsAlgorithm.HS256).leeway(Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
