package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonParser;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedJws;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * Apple App Store Server Notifications V2: the official notification, chains, the handler's view.
 */
class AppStoreTest {
  // OFFICIAL (SDK test): apple/app-store-server-library-java
  // src/test/resources/mock_signed_data/testNotification and src/test/resources/certs/testCA.der,
  // used by SignedDataVerifierTest.testAppStoreServerNotificationDecoding, commit 2d50ade; sha256
  // as the catalog records them. The other two files are the same test class's negatives.
  private static final String NOTIFICATION_SHA256 =
      "e1fc5e5795383a5d672a3f355b86407c95a0eb01eb35397dee7e6d76270ef579";
  private static final String CA_SHA256 =
      "48aa70550eab2cd71d51dced44e88f9143b6bc0e1a6f430c19ba9a7cf36654e6";
  private static final String WRONG_BUNDLE_SHA256 =
      "5c79fcc46ce9bcc6f5b701ab83a63a17f7e1eb7d77fbf45cfb11aec637b4ef19";
  private static final String NO_X5C_SHA256 =
      "8fb8c5b52328adc06c3938268d3d7cca5fd1c27b2f590ddbb364a588dc43f5b2";
  private static final long SIGNED_AT = 1681314324L; // the notification's signedDate, in seconds
  private static final long NOW = 1_800_000_000L;

  static X509Certificate testCa() throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(JwsVectors.read("testCA.der", CA_SHA256)));
  }

  static String vector(String name, String sha256) {
    return new String(JwsVectors.read(name, sha256), StandardCharsets.UTF_8).strip();
  }

  private static byte[] body(String token) {
    return utf8("{\"signedPayload\":\"" + token + "\"}");
  }

  private static WebhookVerifier official(
      String bundleId, AppStore.Environment environment, long now) throws Exception {
    return AppStore.builder(List.of(testCa()), bundleId, environment).clock(at(now)).build();
  }

  @Test
  void officialNotification_verifiesAndTheHandlerReadsTheVerifiedPayload() throws Exception {
    String token = vector("testNotification", NOTIFICATION_SHA256);
    VerifiedWebhook webhook =
        official("com.example", AppStore.Environment.SANDBOX, SIGNED_AT)
            .verify(request(Map.of(), body(token)));
    VerifiedJws notification = AppStore.notification(webhook);
    assertThat(notification.stringClaim("notificationType")).contains("TEST");
    assertThat(webhook.deliveryId()).contains("9ad56bd2-0bc6-42e0-af24-fd996d87a1e6");
    assertThat(webhook.isDeliveryIdSigned()).isTrue();
    assertThat(webhook.proof().signsContent()).isTrue();
    // The token is what is signed, not the body around it.
    assertThat(webhook.jws().orElseThrow().certificates()).hasSize(3);
    // Valid until the test chain expires (2032-12-31), not after.
    assertThat(
            reasonOf(
                official("com.example", AppStore.Environment.SANDBOX, 2_000_000_000L),
                request(Map.of(), body(token))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void officialNegatives() throws Exception {
    String token = vector("testNotification", NOTIFICATION_SHA256);
    // Same test class: environment PRODUCTION, wrong bundle id, missing x5c, "a.b.c", "a.b.c.d".
    assertThat(
            reasonOf(
                official("com.example", AppStore.Environment.PRODUCTION, SIGNED_AT),
                request(Map.of(), body(token))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                official("com.example.other", AppStore.Environment.SANDBOX, SIGNED_AT),
                request(Map.of(), body(token))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    WebhookVerifier verifier = official("com.example", AppStore.Environment.SANDBOX, SIGNED_AT);
    assertThat(
            reasonOf(
                verifier, request(Map.of(), body(vector("wrongBundleId", WRONG_BUNDLE_SHA256)))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                verifier, request(Map.of(), body(vector("missingX5CHeaderClaim", NO_X5C_SHA256)))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, request(Map.of(), body("a.b.c"))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, request(Map.of(), body("a.b.c.d"))))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    // Another root: the chain reaches no configured root.
    TestKeys other = Providers.byName(AppStore.NAME).sender().newTestKeys();
    WebhookVerifier otherRoot =
        Providers.byName(AppStore.NAME)
            .verifier(
                List.of(other.verificationKey().replace("dev.hookverify.test", "com.example")))
            .clock(at(SIGNED_AT))
            .build();
    assertThat(reasonOf(otherRoot, request(Map.of(), body(token))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void kit_signsWhatTheVerifierAccepts_andEveryTamperIsRejected() throws Exception {
    Provider provider = Providers.byName(AppStore.NAME);
    TestKeys keys = provider.sender().newTestKeys();
    WebhookVerifier verifier =
        provider.verifier(List.of(keys.verificationKey())).clock(at(NOW)).build();
    byte[] body =
        provider
            .sender()
            .sign(
                keys.signingKey(),
                OutgoingWebhook.builder(new byte[0]).timestamp(NOW).id("n-1").build())
            .body();
    VerifiedWebhook webhook = verifier.verify(request(Map.of(), body));
    assertThat(AppStore.notification(webhook).longClaim("signedDate")).hasValue(NOW * 1000);
    assertThat(webhook.isDeliveryIdSigned()).isTrue();

    String text = new String(body, StandardCharsets.UTF_8);
    String token = text.substring(text.indexOf(":\"") + 2, text.lastIndexOf('"'));
    // An unsigned member added to the body: accepted, same delivery (only the token is signed).
    byte[] padded = utf8("{\"signedPayload\":\"" + token + "\",\"extra\":1}");
    assertThat(verifier.verify(request(Map.of(), padded)).deliveryKey())
        .isEqualTo(webhook.deliveryKey());
    // signedPayload twice: Jackson reads the last, org.json refuses: refused.
    byte[] twice = utf8("{\"signedPayload\":\"a.b.c\",\"signedPayload\":\"" + token + "\"}");
    assertThat(reasonOf(verifier, request(Map.of(), twice))).isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(reasonOf(verifier, request(Map.of(), utf8("{\"other\":1}"))))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    String[] parts = token.split("\\.");
    String flipped =
        parts[0]
            + "."
            + parts[1]
            + "."
            + (parts[2].charAt(0) == 'A' ? 'B' : 'A')
            + parts[2].substring(1);
    assertThat(reasonOf(verifier, request(Map.of(), body(flipped))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    // A TEST notification of the kit names the kit's app; a verifier for another app refuses it.
    WebhookVerifier otherApp =
        provider
            .verifier(List.of(keys.verificationKey().replace("dev.hookverify.test", "com.other")))
            .clock(at(NOW))
            .build();
    assertThat(reasonOf(otherApp, request(Map.of(), body))).isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void chainsWithoutApplesMarkers_orOfTheWrongLength_areRefused() throws Exception {
    Provider provider = Providers.byName(AppStore.NAME);
    TestKeys keys = provider.sender().newTestKeys();
    String root = keys.verificationKey().split(" ")[2];
    WebhookVerifier verifier =
        provider.verifier(List.of(keys.verificationKey())).clock(at(NOW)).build();
    String payload =
        "{\"notificationUUID\":\"u-1\",\"data\":{\"bundleId\":\"dev.hookverify.test\","
            + "\"environment\":\"Sandbox\"}}";
    // A chain without Apple's OIDs, even to the trusted root's name, does not validate.
    TestCertificates.Chain plain = TestCertificates.chain("1.2.3.4", "1.2.3.5");
    byte[] unmarked =
        AppStore.signedBody(
            plain.leafKey, List.of(plain.leaf, plain.intermediate, plain.root), payload);
    assertThat(reasonOf(verifier, request(Map.of(), unmarked)))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    // The kit's own chain with a fourth certificate, and with two: refused before any PKIX work.
    String[] signing = keys.signingKey().split(" ");
    java.security.PrivateKey leafKey =
        java.security.KeyFactory.getInstance("EC")
            .generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(Base64.getDecoder().decode(signing[2])));
    X509Certificate leaf = AppStore.certificate(signing[3]);
    X509Certificate intermediate = AppStore.certificate(signing[4]);
    X509Certificate trusted = AppStore.certificate(root);
    byte[] four =
        AppStore.signedBody(leafKey, List.of(leaf, intermediate, trusted, trusted), payload);
    assertThat(reasonOf(verifier, request(Map.of(), four))).isEqualTo(Reason.MALFORMED_SIGNATURE);
    byte[] two = AppStore.signedBody(leafKey, List.of(leaf, trusted), payload);
    assertThat(reasonOf(verifier, request(Map.of(), two))).isEqualTo(Reason.MALFORMED_SIGNATURE);
    // The genuine chain signs it fine.
    byte[] three = AppStore.signedBody(leafKey, List.of(leaf, intermediate, trusted), payload);
    assertThat(reasonOf(verifier, request(Map.of(), three))).isNull();
  }

  /**
   * What is verified is what the handler reads: Jackson databind, Gson and org.json each read the
   * body's signedPayload as the verified token, and its payload as the verified claims.
   */
  @Test
  void differential_everyParserReadsTheVerifiedTokenAndClaims() throws Exception {
    String token = vector("testNotification", NOTIFICATION_SHA256);
    byte[] body = utf8("{\"signedPayload\":\"" + token.replace("e", "\\u0065") + "\"}");
    VerifiedWebhook webhook =
        official("com.example", AppStore.Environment.SANDBOX, SIGNED_AT)
            .verify(request(Map.of(), body));
    VerifiedJws verified = AppStore.notification(webhook);
    String text = new String(body, StandardCharsets.UTF_8);
    ObjectMapper jackson = new ObjectMapper();
    String[] read = {
      jackson.readTree(body).get("signedPayload").asText(),
      JsonParser.parseString(text).getAsJsonObject().get("signedPayload").getAsString(),
      new JSONObject(text).getString("signedPayload")
    };
    for (String each : read) {
      assertThat(each).isEqualTo(token);
      byte[] payload = Base64.getUrlDecoder().decode(each.split("\\.")[1]);
      assertThat(payload).isEqualTo(verified.payload());
      JsonNode claims = jackson.readTree(payload);
      assertThat(claims.get("notificationUUID").asText())
          .isEqualTo(verified.stringClaim("notificationUUID").orElseThrow());
      assertThat(
              new JSONObject(new String(payload, StandardCharsets.UTF_8))
                  .getJSONObject("data")
                  .getString("bundleId"))
          .isEqualTo("com.example");
    }
  }
}
