package dev.hookverify.providers;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hookverify.DeliveryId;
import dev.hookverify.JwsAlgorithm;
import dev.hookverify.JwsAuthenticator;
import dev.hookverify.JwsVerifier;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerifier;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Google Cloud Pub/Sub push with authentication: {@code Authorization: Bearer <ID token>}, an RS256
 * OpenID Connect token signed by Google, chosen by {@code kid} from Google's public keys, which the
 * application supplies as a JWKS snapshot (<a
 * href="https://www.googleapis.com/oauth2/v3/certs">Google's JWKS</a>; hookverify never fetches
 * it). The token is checked by core's {@link JwsVerifier}: RS256 pinned; {@code iss} {@code
 * accounts.google.com} or {@code https://accounts.google.com}; {@code aud} the audience configured
 * on the subscription (by default the push endpoint URL); {@code email} the push service account
 * and {@code email_verified} true; {@code exp} required, {@code exp} and {@code iat} with 300 s of
 * clock skew, as Google's own verifiers allow.
 *
 * <p><b>The email check is not optional.</b> Any Google Cloud user can have Google sign an ID token
 * for any audience with a service account of their own, so audience and signature alone prove
 * nothing about who sent the push; the verifier always requires the push service account's email.
 *
 * <p><b>The body is not signed.</b> The token covers only its own claims; whoever holds a token
 * (for the hour it lives) can post any body with it. The proof never reports the body as signed,
 * the delivery id ({@code message.messageId}) is unsigned, and replays of one token are keyed by
 * the token, whatever body they carry: an {@link dev.hookverify.IdempotentVerifier} answers the
 * second use of a token {@link dev.hookverify.Reason#DUPLICATE_DELIVERY}. The verified claims are
 * at {@link dev.hookverify.VerifiedWebhook#jws()}.
 *
 * @see <a href="https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions">Google Cloud:
 *     authenticate push subscriptions</a>
 */
public final class GooglePubSub {
  /** The registry name. */
  public static final String NAME = "google-pubsub";

  /** The header that carries the token, as {@code Bearer <token>}. */
  public static final String AUTHORIZATION_HEADER = "Authorization";

  /** The issuers Google writes. */
  public static final List<String> ISSUERS =
      List.of("accounts.google.com", "https://accounts.google.com");

  /** The clock skew allowed on {@code exp} and {@code iat}, as Google's verifiers allow. */
  public static final Duration LEEWAY = Duration.ofMinutes(5);

  /** How long the kit's tokens live, as Google's do. */
  static final long LIFETIME_SECONDS = 3600;

  private GooglePubSub() {}

  /**
   * A verifier builder for tokens of {@code serviceAccountEmail} for {@code audience}, verified
   * with the RS256 keys of the JWKS {@code jwksJson}.
   *
   * @throws IllegalArgumentException if the JWKS is not strict JSON with at least one RS256 key, or
   *     holds more than {@link JwsVerifier#MAX_KEYS}
   */
  public static WebhookVerifier.Builder builder(
      String jwksJson, String audience, String serviceAccountEmail) {
    JwsVerifier verifier =
        verifier(List.of(jwksJson), serviceAccountEmail).audience(audience).build();
    return WebhookVerifier.builder(NAME)
        .authenticator(
            JwsAuthenticator.builder(verifier).tokenSource(JwsAuthenticator.bearer()).build())
        .deliveryId(GooglePubSub::messageId);
  }

  /**
   * The registry's verifier: each key is {@code <service account email> <JWKS JSON>}; the audience
   * is the public URL of {@code options} or, without one, the URL the request was received at.
   */
  static WebhookVerifier.Builder builder(List<String> keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.PUBLIC_URL);
    String email = null;
    List<String> sets = new java.util.ArrayList<>();
    for (String key : keys) {
      String[] parts = key.strip().split("\\s+", 2);
      if (parts.length != 2 || !parts[0].contains("@")) {
        throw new IllegalArgumentException(
            "a google-pubsub key is the push service account email, a space, and the JWKS");
      }
      if (email != null && !email.equals(parts[0])) {
        throw new IllegalArgumentException("every key names the same service account");
      }
      email = parts[0];
      sets.add(parts[1]);
    }
    JwsVerifier.Builder verifier = verifier(sets, email);
    JwsAuthenticator.Builder authenticator;
    if (options.publicUrl().isPresent()) {
      authenticator =
          JwsAuthenticator.builder(verifier.audience(options.publicUrl().get()).build());
    } else {
      authenticator = JwsAuthenticator.builder(verifier.build()).requestUriAudience();
    }
    return WebhookVerifier.builder(NAME)
        .authenticator(authenticator.tokenSource(JwsAuthenticator.bearer()).build())
        .deliveryId(GooglePubSub::messageId);
  }

  private static JwsVerifier.Builder verifier(List<String> jwksJson, String email) {
    if (email == null || email.isBlank()) {
      throw new IllegalArgumentException("the push service account email is required");
    }
    JwsVerifier.Builder verifier =
        JwsVerifier.builder(JwsAlgorithm.RS256)
            .issuers(ISSUERS.toArray(new String[0]))
            .claim("email", email)
            .claimTrue("email_verified")
            .requireExpiry()
            .leeway(LEEWAY);
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    for (String jwks : jwksJson) {
      keys.putAll(rsaKeys(jwks));
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("the JWKS holds no RS256 key");
    }
    keys.forEach(verifier::publicKey);
    return verifier;
  }

  /** The delivery id: {@code message.messageId}, unsigned (the token does not cover the body). */
  private static Optional<DeliveryId> messageId(
      WebhookRequest request, dev.hookverify.Authentication authentication) {
    return JsonFields.string(request.body(), "message", "messageId")
        .filter(DeliveryId::isValid)
        .map(id -> DeliveryId.of(id, authentication.signsBody()));
  }

  /**
   * The RSA keys of a JWKS, by {@code kid}: {@code kty} RSA, {@code alg} RS256 or absent, {@code
   * use} sig or absent; other keys are skipped.
   *
   * @throws IllegalArgumentException if it is not a strict JSON object {@code {"keys":[...]}}
   */
  static Map<String, PublicKey> rsaKeys(String jwksJson) {
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    ByteBuffer bytes = ByteBuffer.wrap(jwksJson.strip().getBytes(StandardCharsets.UTF_8));
    try (JsonParser parser = StrictJson.open(bytes)) {
      boolean sawKeys = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        if (!parser.currentName().equals("keys")) {
          StrictJson.skipValue(parser);
          continue;
        }
        sawKeys = true;
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw new IllegalArgumentException("JWKS keys is not an array");
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
          Map<String, String> members = new LinkedHashMap<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() == JsonToken.VALUE_STRING) {
              members.put(name, parser.getText());
            } else {
              parser.skipChildren();
            }
          }
          String kid = members.get("kid");
          boolean rsa =
              "RSA".equals(members.get("kty"))
                  && "RS256".equals(members.getOrDefault("alg", "RS256"))
                  && "sig".equals(members.getOrDefault("use", "sig"));
          if (rsa && kid != null && members.containsKey("n") && members.containsKey("e")) {
            keys.put(kid, rsaPublic(members.get("n"), members.get("e")));
          }
        }
      }
      StrictJson.end(parser);
      if (!sawKeys) {
        throw new IllegalArgumentException("the JWKS has no keys");
      }
      return keys;
    } catch (IOException e) {
      throw new IllegalArgumentException("the JWKS is not strict JSON", e);
    }
  }

  private static PublicKey rsaPublic(String n, String e) {
    try {
      Base64.Decoder decoder = Base64.getUrlDecoder();
      return KeyFactory.getInstance("RSA")
          .generatePublic(
              new RSAPublicKeySpec(
                  new BigInteger(1, decoder.decode(n)), new BigInteger(1, decoder.decode(e))));
    } catch (GeneralSecurityException | IllegalArgumentException x) {
      throw new IllegalArgumentException("a JWKS key is not an RSA key", x);
    }
  }

  /**
   * The {@code Authorization} header Pub/Sub sends: an ID token of {@code email} for {@code
   * audience}, issued at {@code iat}, valid an hour, signed with {@code key} under {@code kid}.
   */
  static Map<String, String> sign(
      PrivateKey key, String kid, String email, String audience, long iat) {
    String header = "{\"alg\":\"RS256\",\"kid\":" + Jws.quote(kid) + ",\"typ\":\"JWT\"}";
    String claims =
        "{\"aud\":"
            + Jws.quote(audience)
            + ",\"azp\":\"100000000000000000000\",\"email\":"
            + Jws.quote(email)
            + ",\"email_verified\":true,\"exp\":"
            + (iat + LIFETIME_SECONDS)
            + ",\"iat\":"
            + iat
            + ",\"iss\":\"https://accounts.google.com\",\"sub\":\"100000000000000000000\"}";
    return Signed.headers(
        AUTHORIZATION_HEADER, "Bearer " + Jws.signed("SHA256withRSA", key, header, claims));
  }

  /**
   * The kit's signer: {@code signingKey} is {@code <email> <kid> <base64 PKCS#8 RSA key>}, as
   * {@link KeyForm#GOOGLE_JWKS} makes it.
   */
  static Map<String, String> sign(String signingKey, String audience, long iat) {
    String[] parts = signingKey.strip().split("\\s+");
    if (parts.length != 3) {
      throw new IllegalArgumentException("a google-pubsub signing key is <email> <kid> <PKCS#8>");
    }
    try {
      PrivateKey key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[2])));
      return sign(key, parts[1], parts[0], audience, iat);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("a google-pubsub signing key is <email> <kid> <PKCS#8>");
    }
  }
}
