package dev.hookverify.providers;

import dev.hookverify.DeliveryId;
import dev.hookverify.JwsAlgorithm;
import dev.hookverify.JwsAuthenticator;
import dev.hookverify.JwsVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Vonage signed webhooks (Messages, Voice, Dispatch): {@code Authorization: Bearer <JWT>}, an HS256
 * token keyed with the account's signature secret as text (even when it looks like hex), whose
 * claims carry {@code iat}, {@code jti}, {@code iss}, {@code api_key}, {@code application_id} and
 * {@code payload_hash}, the hex SHA-256 of the raw body. The token's signature is checked by core's
 * {@link JwsVerifier} (the algorithm pinned to HS256, never taken from the token), then {@code
 * payload_hash} is compared with the body in constant time, so the body counts as signed. Vonage
 * documents no tolerance; {@code iat} must be at most 5 minutes old and not in the future.
 *
 * <p>Read the verified claims with {@link dev.hookverify.VerifiedWebhook#jws()}. The delivery id is
 * the body's {@code message_uuid} (Messages) or {@code uuid} (Voice), else the token's {@code jti};
 * all three are signed. Vonage's older SMS API signs request parameters instead ({@code sig}); it
 * is not covered here. Vonage may on rare internal errors send a callback unsigned: it is rejected
 * (answer 401 and Vonage retries, signed).
 *
 * @see <a href="https://developer.vonage.com/en/getting-started/concepts/webhooks#signed-webhooks">
 *     Vonage: signed webhooks</a>
 */
public final class Vonage {
  /** The registry name. */
  public static final String NAME = "vonage";

  /** The header that carries the token, as {@code Bearer <JWT>}. */
  public static final String AUTHORIZATION_HEADER = "Authorization";

  /** The claim that carries the hex SHA-256 of the body. */
  public static final String PAYLOAD_HASH_CLAIM = "payload_hash";

  /** How old {@code iat} may be. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final Duration LEEWAY = Duration.ofMinutes(1);

  private Vonage() {}

  /** A verifier builder for the signature secrets of {@code keys}, {@code iat} within 5 minutes. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, TOLERANCE);
  }

  /** A verifier builder whose {@code iat} may be at most {@code tolerance} old. */
  public static WebhookVerifier.Builder builder(KeyRing keys, Duration tolerance) {
    JwsVerifier verifier =
        JwsVerifier.builder(JwsAlgorithm.HS256)
            .secrets(keys)
            .requireIssuedAt(tolerance)
            .leeway(LEEWAY)
            .build();
    return WebhookVerifier.builder(NAME)
        .authenticator(
            JwsAuthenticator.builder(verifier)
                .tokenSource(JwsAuthenticator.bearer())
                .bodyHashClaim(PAYLOAD_HASH_CLAIM)
                .build())
        .deliveryId(
            (request, authentication) -> {
              // Signed: the body through payload_hash, jti as a claim of the verified token. A
              // body that is not read alike by every parser has no id (never the jti instead).
              JsonFields.Found found = JsonFields.read(request.body(), "message_uuid", "uuid");
              Optional<String> id;
              if (found.occurs(0)) {
                id = found.value(0);
              } else if (found.occurs(1)) {
                id = found.value(1);
              } else {
                id = authentication.jws().flatMap(jws -> jws.stringClaim("jti"));
              }
              return id.filter(DeliveryId::isValid).map(value -> DeliveryId.of(value, true));
            });
  }

  /**
   * The {@code Authorization} header Vonage sends for {@code body}: an HS256 token with {@code
   * iat}, {@code jti}, {@code iss} and {@code payload_hash}, and {@code api_key} and {@code
   * application_id} when given (null leaves them out).
   */
  static Map<String, String> sign(
      WebhookSecret secret,
      long iat,
      String jti,
      String apiKey,
      String applicationId,
      byte[] body) {
    StringBuilder claims = new StringBuilder();
    claims
        .append("{\"iat\":")
        .append(iat)
        .append(",\"jti\":")
        .append(Jws.quote(jti))
        .append(",\"iss\":\"Vonage\",\"payload_hash\":\"")
        .append(Signed.hex(dev.hookverify.internal.Sha256.of(body)))
        .append('"');
    if (apiKey != null) {
      claims.append(",\"api_key\":").append(Jws.quote(apiKey));
    }
    if (applicationId != null) {
      claims.append(",\"application_id\":").append(Jws.quote(applicationId));
    }
    claims.append('}');
    String token = Jws.hs256(secret, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims.toString());
    return Signed.headers(AUTHORIZATION_HEADER, "Bearer " + token);
  }
}
