package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.apple.itunes.storekit.model.Environment;
import com.apple.itunes.storekit.model.ResponseBodyV2DecodedPayload;
import com.apple.itunes.storekit.verification.SignedDataVerifier;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.json.webtoken.JsonWebSignature;
import com.google.api.client.json.webtoken.JsonWebToken;
import com.google.auth.oauth2.TokenVerifier;
import com.vonage.jwt.Jwt;
import dev.hookverify.KeyRing;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The JWS senders' official SDKs as oracles: each verifies what hookverify's kit signs, and
 * hookverify verifies what each signs where the SDK (or the JWT library it is built on) can sign,
 * over random bodies (empty, non-ASCII, CRLF, 64 KiB), secrets and timestamps.
 *
 * <ul>
 *   <li>Vonage: {@code com.vonage:jwt} {@code Jwt.verifySignature} (the SDK's webhook check); the
 *       other way, tokens minted by {@code com.auth0:java-jwt}, the library it verifies with.
 *   <li>Google: {@code com.google.auth:google-auth-library-oauth2-http} {@code TokenVerifier}; the
 *       other way, tokens signed by {@code google-http-client}'s {@code JsonWebSignature}, the
 *       library's own signer.
 *   <li>Apple: {@code com.apple.itunes.storekit:app-store-server-library} {@code
 *       SignedDataVerifier} verifies the kit's notifications (the SDK does not sign notifications;
 *       its official test notification passes both, see {@link AppStoreTest}).
 * </ul>
 */
class JwsSdkOracleTest {
  private static final Random RANDOM = new Random(0x5eed);

  private static List<byte[]> bodies() {
    List<byte[]> bodies = new ArrayList<>();
    bodies.add(new byte[0]);
    bodies.add(
        "{\"message_uuid\":\"caf\u00e9 \u2603 \ud83d\ude00\"}".getBytes(StandardCharsets.UTF_8));
    bodies.add("{\"a\":1}\r\n{\"b\":2}\r\n".getBytes(StandardCharsets.UTF_8));
    byte[] large = new byte[64 * 1024];
    RANDOM.nextBytes(large);
    bodies.add(large);
    return bodies;
  }

  private static String randomSecret() {
    byte[] bytes = new byte[1 + RANDOM.nextInt(40)];
    RANDOM.nextBytes(bytes);
    return "s" + HexFormat.of().formatHex(bytes);
  }

  /** A past instant: java-jwt, under the Vonage SDK, refuses an iat after its own clock. */
  private static long randomTimestamp() {
    return 1_500_000_000L + RANDOM.nextInt(200_000_000);
  }

  @Test
  void vonage_sdkVerifiesTheKit_andHookverifyVerifiesJavaJwt() throws Exception {
    List<String> failures = new ArrayList<>();
    for (byte[] body : bodies()) {
      for (int i = 0; i < 5; i++) {
        String secret = randomSecret();
        long iat = randomTimestamp();
        Map<String, String> headers =
            Vonage.sign(WebhookSecret.ofUtf8(secret), iat, "jti-" + i, "key", "app", body);
        String token = headers.get("Authorization").substring("Bearer ".length());
        if (!Jwt.verifySignature(token, secret)) {
          failures.add("SDK refused the kit's token, body " + body.length);
        }
        if (Jwt.verifySignature(token, secret + "x")) {
          failures.add("SDK accepted the kit's token with another secret");
        }
        String minted =
            JWT.create()
                .withIssuedAt(new Date(iat * 1000))
                .withJWTId("jti-" + i)
                .withIssuer("Vonage")
                .withClaim("payload_hash", HexFormat.of().formatHex(sha256(body)))
                .withClaim("application_id", "app")
                .sign(Algorithm.HMAC256(secret));
        WebhookVerifier verifier =
            Vonage.builder(KeyRing.of(WebhookSecret.ofUtf8(secret))).clock(at(iat)).build();
        if (reasonOf(verifier, request(Map.of("Authorization", "Bearer " + minted), body))
            != null) {
          failures.add("hookverify refused java-jwt's token, body " + body.length);
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void google_sdkVerifiesTheKit_andHookverifyVerifiesGooglesSigner() throws Exception {
    Provider provider = Providers.byName(GooglePubSub.NAME);
    TestKeys keys = provider.sender().newTestKeys();
    String[] signing = keys.signingKey().split(" ");
    String email = signing[0];
    String kid = signing[1];
    PrivateKey privateKey =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(signing[2])));
    PublicKey publicKey =
        GooglePubSub.rsaKeys(keys.verificationKey().substring(email.length() + 1)).get(kid);
    List<String> failures = new ArrayList<>();
    for (byte[] body : bodies()) {
      long iat = randomTimestamp();
      String audience = "https://receiver.example/push/" + RANDOM.nextInt(1000);
      String token =
          GooglePubSub.sign(keys.signingKey(), audience, iat)
              .get("Authorization")
              .substring("Bearer ".length());
      TokenVerifier sdk =
          TokenVerifier.newBuilder()
              .setPublicKey(publicKey)
              .setAudience(audience)
              .setIssuer("https://accounts.google.com")
              .setClock(() -> (iat + 60) * 1000)
              .build();
      try {
        JsonWebSignature verified = sdk.verify(token);
        if (!email.equals(verified.getPayload().get("email"))) {
          failures.add("SDK read another email");
        }
      } catch (TokenVerifier.VerificationException e) {
        failures.add("SDK refused the kit's token: " + e.getMessage());
      }

      JsonWebSignature.Header header = new JsonWebSignature.Header();
      header.setAlgorithm("RS256");
      header.setKeyId(kid);
      header.setType("JWT");
      JsonWebToken.Payload payload = new JsonWebToken.Payload();
      payload.setAudience(audience);
      payload.setIssuer("https://accounts.google.com");
      payload.setIssuedAtTimeSeconds(iat);
      payload.setExpirationTimeSeconds(iat + 3600);
      payload.set("email", email);
      payload.set("email_verified", true);
      String googleSigned =
          JsonWebSignature.signUsingRsaSha256(
              privateKey, GsonFactory.getDefaultInstance(), header, payload);
      WebhookVerifier verifier =
          GooglePubSub.builder(
                  keys.verificationKey().substring(email.length() + 1), audience, email)
              .clock(at(iat + 60))
              .build();
      if (reasonOf(verifier, request(Map.of("Authorization", "Bearer " + googleSigned), body))
          != null) {
        failures.add("hookverify refused Google's signer's token");
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void apple_sdkVerifiesTheKitsNotifications_andReadsWhatHookverifyReads() throws Exception {
    Provider provider = Providers.byName(AppStore.NAME);
    List<String> failures = new ArrayList<>();
    for (byte[] body : bodies()) {
      // A notification is a few KiB; the 64 KiB body becomes a 16 KiB field here.
      body = java.util.Arrays.copyOf(body, Math.min(body.length, 16 * 1024));
      TestKeys keys = provider.sender().newTestKeys();
      String[] verification = keys.verificationKey().split(" ");
      long timestamp = randomTimestamp();
      String id = "n-" + RANDOM.nextInt(1_000_000);
      // Apple's body is a notification (a JSON object): the random bodies travel as a field.
      String field = Base64.getEncoder().encodeToString(body);
      byte[] notification =
          ("{\"notificationType\":\"ONE_TIME_CHARGE\",\"note\":\"" + field + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      byte[] signed =
          provider
              .sender()
              .sign(
                  keys.signingKey(),
                  OutgoingWebhook.builder(notification).timestamp(timestamp).id(id).build())
              .body();
      VerifiedWebhook ours =
          provider
              .verifier(List.of(keys.verificationKey()))
              .clock(at(timestamp))
              .build()
              .verify(request(Map.of(), signed));
      String text = new String(signed, StandardCharsets.UTF_8);
      String token = text.substring(text.indexOf(":\"") + 2, text.lastIndexOf('"'));
      SignedDataVerifier sdk =
          new SignedDataVerifier(
              Set.<InputStream>of(
                  new ByteArrayInputStream(Base64.getDecoder().decode(verification[2]))),
              verification[0],
              null,
              Environment.SANDBOX,
              false);
      ResponseBodyV2DecodedPayload decoded = sdk.verifyAndDecodeNotification(token);
      if (!decoded.getNotificationUUID().equals(ours.deliveryId().orElse(""))
          || !decoded.getData().getBundleId().equals(verification[0])
          || decoded.getSignedDate() != timestamp * 1000) {
        failures.add("the SDK read another notification");
      }
    }
    assertThat(failures).isEmpty();
  }

  private static byte[] sha256(byte[] body) throws Exception {
    return java.security.MessageDigest.getInstance("SHA-256").digest(body);
  }
}
