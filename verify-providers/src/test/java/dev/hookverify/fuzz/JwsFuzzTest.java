package dev.hookverify.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hookverify.JwsAlgorithm;
import dev.hookverify.JwsVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.VerifiedJws;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.HandlerViews;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.TestKeys;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The compact JWS verifier under fuzzing: fuzzed tokens, fuzzed headers and claims that are
 * genuinely signed, and fuzzed {@code x5c} chains signed by a genuine leaf. Never an exception
 * other than {@link WebhookVerificationException}; never a forged token accepted; a chain accepted
 * only when it is the genuine leaf and intermediate; signed claims accepted only when Jackson
 * databind, Gson and org.json read them as the verifier did ({@link HandlerViews#read}).
 */
class JwsFuzzTest {
  private static final long NOW = 1_800_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final String SECRET = "fuzz-jws-secret";
  private static final JwsVerifier HS =
      JwsVerifier.builder(JwsAlgorithm.HS256)
          .secrets(KeyRing.of(WebhookSecret.ofUtf8(SECRET)))
          .build();
  private static final KeyPair RSA = rsa();
  private static final JwsVerifier RS =
      JwsVerifier.builder(JwsAlgorithm.RS256)
          .publicKey("k1", RSA.getPublic())
          .issuers("https://accounts.google.com")
          .build();

  /** The Apple kit's chain: leaf key, leaf, intermediate, root (base64 DER), and its verifier. */
  private static final String[] APPLE;

  private static final WebhookVerifier APPLE_VERIFIER;

  static {
    TestKeys keys = Providers.byName("apple-app-store").sender().newTestKeys();
    APPLE = keys.signingKey().split(" ");
    APPLE_VERIFIER =
        Providers.byName("apple-app-store")
            .verifier(List.of(keys.verificationKey()))
            .clock(CLOCK)
            .build();
    // Warm up: the first verification loads (and, when fuzzing, instruments) the PKIX and JWS
    // classes, which on a loaded machine took over Budget's 5 s for the first input once.
    byte[] genuine =
        Providers.byName("apple-app-store")
            .sender()
            .sign(
                keys.signingKey(),
                dev.hookverify.providers.signing.OutgoingWebhook.builder(new byte[0])
                    .timestamp(NOW)
                    .build())
            .body();
    try {
      APPLE_VERIFIER.verify(WebhookRequest.builder().body(genuine).build());
    } catch (WebhookVerificationException e) {
      throw new IllegalStateException("the Apple kit's own notification does not verify", e);
    }
  }

  private static final String OTHER_ROOT =
      Providers.byName("apple-app-store").sender().newTestKeys().verificationKey().split(" ")[2];

  private static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Fuzzed tokens, whole or segment by segment: never an exception, never accepted. */
  @FuzzTest(maxDuration = "5m")
  void tokens(FuzzedDataProvider data) {
    String token;
    if (data.consumeBoolean()) {
      token = data.consumeRemainingAsString();
    } else {
      token =
          b64(data.consumeBytes(data.consumeInt(0, 512)))
              + "."
              + b64(data.consumeBytes(data.consumeInt(0, 512)))
              + "."
              + b64(data.consumeRemainingAsBytes());
    }
    for (JwsVerifier verifier : List.of(HS, RS)) {
      try {
        verifier.verify(token, CLOCK);
        throw new AssertionError(verifier + " accepted a forged token");
      } catch (WebhookVerificationException expected) {
        // every rejection is a Reason
      }
    }
    byte[] body =
        ("{\"signedPayload\":\"" + token.replace("\\", "").replace("\"", "") + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    Budget.Outcome outcome =
        Budget.verify(APPLE_VERIFIER, WebhookRequest.builder().body(body).build());
    assertThat(outcome.verified).as("Apple accepted a forged token").isNull();
  }

  /**
   * Fuzzed header and claims, genuinely HS256-signed: accepted only with {@code alg} HS256 as every
   * parser reads it, and claims every parser reads as the verifier did.
   */
  @FuzzTest(maxDuration = "5m")
  void signedClaims(FuzzedDataProvider data) throws Exception {
    byte[] header =
        data.consumeBoolean()
            ? "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)
            : data.consumeBytes(data.consumeInt(0, 256));
    byte[] claims = data.consumeRemainingAsBytes();
    String input = b64(header) + "." + b64(claims);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String token = input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    VerifiedJws verified;
    try {
      verified = HS.verify(token, CLOCK);
    } catch (WebhookVerificationException rejected) {
      return;
    }
    boolean decimals = hasDecimal(verified.claims());
    for (HandlerViews.Parser parser : HandlerViews.Parser.values()) {
      Object headerTree = HandlerViews.read(parser, header);
      assertThat(HandlerViews.at(headerTree, "alg")).as("%s reads alg", parser).isEqualTo("HS256");
      Object claimsTree;
      try {
        claimsTree = HandlerViews.read(parser, claims);
      } catch (Exception refused) {
        // Only numbers the verifier keeps as text (1e400) may trip a parser's number reading.
        assertThat(decimals)
            .as("%s refuses claims the verifier accepted: %s", parser, refused)
            .isTrue();
        continue;
      }
      assertThat(same(verified.claims(), claimsTree))
          .as("%s reads the verified claims otherwise: %s", parser, claimsTree)
          .isTrue();
    }
  }

  /** Fuzzed x5c arrays signed by the genuine leaf: accepted only for the genuine chain. */
  @FuzzTest(maxDuration = "5m")
  void x5cChains(FuzzedDataProvider data) throws Exception {
    int count = data.consumeInt(0, 6);
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      switch (data.consumeInt(0, 6)) {
        case 0:
          entries.add(APPLE[3]);
          break;
        case 1:
          entries.add(APPLE[4]);
          break;
        case 2:
          entries.add(APPLE[5]);
          break;
        case 3:
          entries.add(OTHER_ROOT);
          break;
        case 4:
          byte[] der = Base64.getDecoder().decode(APPLE[3 + data.consumeInt(0, 2)]);
          der[data.consumeInt(0, der.length - 1)] ^= (byte) data.consumeInt(1, 255);
          entries.add(Base64.getEncoder().encodeToString(der));
          break;
        case 5:
          entries.add(
              Base64.getEncoder().encodeToString(data.consumeBytes(data.consumeInt(0, 600))));
          break;
        default:
          entries.add(data.consumeAsciiString(64).replace("\"", "").replace("\\", ""));
      }
    }
    String payload =
        "{\"notificationUUID\":\"u-1\",\"data\":{\"bundleId\":\"dev.hookverify.test\","
            + "\"environment\":\"Sandbox\"}}";
    String header =
        "{\"alg\":\"ES256\",\"x5c\":["
            + String.join(",", entries.stream().map(e -> "\"" + e + "\"").toList())
            + "]}";
    PrivateKey key =
        KeyFactory.getInstance("EC")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(APPLE[2])));
    String input =
        b64(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64(payload.getBytes(StandardCharsets.UTF_8));
    Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
    signature.initSign(key);
    signature.update(input.getBytes(StandardCharsets.US_ASCII));
    String token = input + "." + b64(signature.sign());
    byte[] body = ("{\"signedPayload\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
    Budget.Outcome outcome =
        Budget.verify(APPLE_VERIFIER, WebhookRequest.builder().body(body).build());
    boolean genuine =
        entries.size() == 3 && entries.get(0).equals(APPLE[3]) && entries.get(1).equals(APPLE[4]);
    if (outcome.verified != null) {
      assertThat(genuine)
          .as("a chain other than the genuine one was accepted: %s", entries)
          .isTrue();
    }
  }

  /**
   * Whether a parser's tree reads as the verifier's: the same members, strings, booleans and nulls,
   * and integers of the same value. Numbers the verifier keeps as text (not an integer of a long's
   * range) are never interpreted by it, so any number matches them.
   */
  private static boolean same(Object ours, Object theirs) {
    if (ours instanceof Map) {
      if (!(theirs instanceof Map) || ((Map<?, ?>) ours).size() != ((Map<?, ?>) theirs).size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : ((Map<?, ?>) ours).entrySet()) {
        if (!((Map<?, ?>) theirs).containsKey(e.getKey())
            || !same(e.getValue(), ((Map<?, ?>) theirs).get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (ours instanceof List) {
      List<?> a = (List<?>) ours;
      if (!(theirs instanceof List) || a.size() != ((List<?>) theirs).size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!same(a.get(i), ((List<?>) theirs).get(i))) {
          return false;
        }
      }
      return true;
    }
    if (ours instanceof Long) {
      return theirs instanceof BigDecimal
          && ((BigDecimal) theirs).compareTo(BigDecimal.valueOf((Long) ours)) == 0;
    }
    if (ours instanceof String || ours instanceof Boolean) {
      return ours.equals(theirs);
    }
    if (isDecimal(ours)) {
      return !(theirs instanceof String || theirs instanceof Map || theirs instanceof List);
    }
    return theirs == HandlerViews.NULL; // JSON null
  }

  private static boolean isDecimal(Object node) {
    return node != null && node.getClass().getSimpleName().equals("Decimal");
  }

  private static boolean hasDecimal(Object node) {
    if (node instanceof Map) {
      return ((Map<?, ?>) node).values().stream().anyMatch(JwsFuzzTest::hasDecimal);
    }
    if (node instanceof List) {
      return ((List<?>) node).stream().anyMatch(JwsFuzzTest::hasDecimal);
    }
    return isDecimal(node);
  }
}
