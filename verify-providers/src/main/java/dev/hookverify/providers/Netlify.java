package dev.hookverify.providers;

import dev.hookverify.JwsAlgorithm;
import dev.hookverify.JwsAuthenticator;
import dev.hookverify.JwsVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Netlify deploy notifications with a JWS secret: {@code X-Webhook-Signature: <JWS>}, an HS256
 * token keyed with the notification's JWS secret token as text, whose claims are {@code iss}
 * ({@code netlify}) and {@code sha256}, the hex SHA-256 of the raw body. The signature is checked
 * by core's {@link JwsVerifier} (HS256 pinned), then the issuer, then {@code sha256} against the
 * body in constant time, so the body counts as signed. HS256 is computed with {@code
 * javax.crypto.Mac} directly, so secrets shorter than 256 bits work (some JOSE libraries refuse
 * them). Netlify signs no timestamp and sends no delivery id: a delivery is keyed by its token,
 * which covers the body through {@code sha256}.
 *
 * @see <a href="https://docs.netlify.com/site-deploys/deploy-notifications/#payload-signature">
 *     Netlify: payload signature</a>
 */
public final class Netlify {
  /** The registry name. */
  public static final String NAME = "netlify";

  /** The header that carries the token. */
  public static final String SIGNATURE_HEADER = "X-Webhook-Signature";

  /** The issuer Netlify writes. */
  public static final String ISSUER = "netlify";

  /** The claim that carries the hex SHA-256 of the body. */
  public static final String BODY_HASH_CLAIM = "sha256";

  private Netlify() {}

  /** A verifier builder for the JWS secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    JwsVerifier verifier =
        JwsVerifier.builder(JwsAlgorithm.HS256).secrets(keys).issuers(ISSUER).build();
    return WebhookVerifier.builder(NAME)
        .authenticator(
            JwsAuthenticator.builder(verifier)
                .tokenSource(JwsAuthenticator.header(SIGNATURE_HEADER))
                .bodyHashClaim(BODY_HASH_CLAIM)
                .build());
  }

  /** The header Netlify sends for {@code body}: {@code {"iss":"netlify","sha256":<hex>}}. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    String claims =
        "{\"iss\":\"netlify\",\"sha256\":\""
            + Signed.hex(dev.hookverify.internal.Sha256.of(body))
            + "\"}";
    return Signed.headers(
        SIGNATURE_HEADER, Jws.hs256(secret, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims));
  }
}
