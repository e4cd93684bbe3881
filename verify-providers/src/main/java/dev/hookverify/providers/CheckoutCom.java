package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * Checkout.com: {@code Cko-Signature: <hex>}, HMAC-SHA256 of the raw body with the webhook's
 * signature key as UTF-8 (not decoded). No timestamp. The delivery id is the event's {@code id}
 * ({@code evt_...}) in the signed body.
 *
 * <p>A webhook may also be configured with an authorization key, which Checkout.com sends verbatim
 * in {@code Authorization} (no {@code Bearer}). It is a second, static credential, never a
 * replacement for the signature: {@link #builder(KeyRing, KeyRing)} requires both, the signature
 * first, and compares the token in constant time; a delivery without it is {@link
 * dev.hookverify.Reason#MISSING_SIGNATURE}. The token signs nothing, so the delivery key still
 * derives from the signed body.
 *
 * @see <a
 *     href="https://www.checkout.com/docs/developer-resources/event-notifications/receive-webhooks">
 *     Checkout.com: receive webhooks</a>
 */
public final class CheckoutCom {
  /** The registry name. */
  public static final String NAME = "checkout-com";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Cko-Signature";

  /** The header that carries the optional authorization key, verbatim. */
  public static final String AUTHORIZATION_HEADER = "Authorization";

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.HEX);

  private CheckoutCom() {}

  /** A verifier for one signature key. */
  public static WebhookVerifier verifier(WebhookSecret signatureKey) {
    return builder(KeyRing.of(signatureKey)).build();
  }

  /** A verifier builder for the signature keys of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the signature keys of {@code keys}, configured by {@code options}.
   * Checkout.com signs no timestamp and no URL and has no legacy scheme, so no option applies.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(SCHEME.authenticator(keys))
        .deliveryId(JsonFields.deliveryId("id"));
  }

  /**
   * A verifier builder for a webhook configured with an authorization key as well: the signature
   * must verify with one of {@code signatureKeys} and {@code Authorization} must be one of {@code
   * authorizationKeys}, exactly.
   */
  public static WebhookVerifier.Builder builder(KeyRing signatureKeys, KeyRing authorizationKeys) {
    return WebhookVerifier.builder(NAME)
        .authenticator(
            new SignatureAndToken(
                SCHEME.authenticator(signatureKeys),
                TokenAuthenticator.header(AUTHORIZATION_HEADER).keys(authorizationKeys).build()))
        .deliveryId(JsonFields.deliveryId("id"));
  }

  /** The header Checkout.com sends for {@code body} (no authorization key configured). */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }

  /** The signature, then the token; the signature's proof, which covers the body. */
  private static final class SignatureAndToken implements Authenticator {
    private final HmacAuthenticator signature;
    private final TokenAuthenticator token;

    SignatureAndToken(HmacAuthenticator signature, TokenAuthenticator token) {
      this.signature = requireNonNull(signature, "signature");
      this.token = requireNonNull(token, "token");
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      Attempt signed = signature.attempt(request, context);
      if (!(signed instanceof Attempt.Proven)) {
        return signed;
      }
      Attempt authorized = token.attempt(request, context);
      return authorized instanceof Attempt.Proven ? signed : authorized;
    }

    @Override
    public String toString() {
      return "CheckoutCom.SignatureAndToken{" + signature + ", " + token + "}";
    }
  }
}
