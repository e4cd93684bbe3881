package dev.hookverify.providers;

import dev.hookverify.DeliveryId;
import dev.hookverify.KeyRing;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RingCentral webhook subscriptions. RingCentral signs nothing: a subscription created with {@code
 * deliveryMode.verificationToken} sends that token in {@code Verification-Token} with every
 * notification, compared here as a SHA-256 digest in constant time and never logged ({@link
 * dev.hookverify.Proof#SHARED_TOKEN}: only as safe as TLS). The delivery id is the notification's
 * {@code uuid} in the body, unsigned.
 *
 * <p><b>Validation handshake.</b> When a subscription is created or renewed, RingCentral first
 * sends a request with a {@code Validation-Token} header of its own choosing and expects {@code
 * 200} with the same {@code Validation-Token} header back within 3 seconds. {@link
 * #validationToken} gives the value to echo. RingCentral documents no credential on that request;
 * when it carries a {@code Verification-Token} anyway, that token is verified first, so a wrong one
 * is refused rather than answered. The validation request is not a notification: answer it and
 * process nothing.
 *
 * @see <a href="https://developers.ringcentral.com/guide/notifications/webhooks/receiving">
 *     RingCentral: receiving webhooks</a>
 */
public final class RingCentral {
  /** The registry name. */
  public static final String NAME = "ringcentral";

  /** The header that carries the subscription's verification token on every notification. */
  public static final String VERIFICATION_TOKEN_HEADER = "Verification-Token";

  /** The header of the validation handshake, echoed in the response. */
  public static final String VALIDATION_TOKEN_HEADER = "Validation-Token";

  private RingCentral() {}

  /** A verifier for one verification token. */
  public static WebhookVerifier verifier(WebhookSecret verificationToken) {
    return builder(KeyRing.of(verificationToken)).build();
  }

  /** A verifier builder for the verification tokens of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the verification tokens of {@code keys}; no option applies.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return WebhookVerifier.builder(NAME)
        .authenticator(TokenAuthenticator.header(VERIFICATION_TOKEN_HEADER).keys(keys).build())
        .deliveryId(JsonFields.deliveryId("uuid"));
  }

  /**
   * The {@code Validation-Token} to echo if {@code request} is RingCentral's validation request:
   * the header sent once, 1 to {@value DeliveryId#MAX_LENGTH} printable ASCII characters; empty if
   * it is not such a request. A {@code Verification-Token} on the request is verified with {@code
   * verifier} first.
   *
   * @throws WebhookVerificationException if the request carries a verification token that {@code
   *     verifier} rejects
   */
  public static Optional<String> validationToken(WebhookVerifier verifier, WebhookRequest request)
      throws WebhookVerificationException {
    List<String> values = request.headers(VALIDATION_TOKEN_HEADER);
    if (values.size() != 1 || !DeliveryId.isValid(values.get(0))) {
      return Optional.empty(); // the same printable-ASCII rule: nothing that could split a header
    }
    if (!request.headers(VERIFICATION_TOKEN_HEADER).isEmpty()) {
      verifier.verify(request);
    }
    return Optional.of(values.get(0));
  }

  /** The header RingCentral sends with a notification: the verification token itself. */
  static Map<String, String> sign(String verificationToken) {
    WebhookSecret.ofUtf8(verificationToken); // the same checks as the verifier's key
    return Signed.headers(VERIFICATION_TOKEN_HEADER, verificationToken);
  }
}
