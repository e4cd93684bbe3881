package dev.hookverify.providers;

import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Linear: {@code Linear-Signature: <hex>}, HMAC-SHA256 of the raw body with the webhook signing
 * secret. The timestamp is not in the HMAC but inside the signed body ({@code webhookTimestamp},
 * milliseconds), so freshness is checked from there, after the signature: 60 seconds both ways, as
 * Linear's SDK does. The timestamp is read only as a JSON integer from a body every parser reads
 * alike (strict UTF-8, no repeated key, nothing after the document): otherwise {@link
 * Reason#MALFORMED_TIMESTAMP}, so the timestamp checked is the one a handler reads. {@code
 * Linear-Delivery} identifies a delivery and is not signed.
 *
 * @see <a href="https://linear.app/developers/webhooks#securing-webhooks">Linear: securing
 *     webhooks</a>
 */
public final class Linear {
  /** The registry name. */
  public static final String NAME = "linear";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Linear-Signature";

  /** The delivery id header (unsigned). */
  public static final String DELIVERY_HEADER = "Linear-Delivery";

  /** The tolerance, both ways. */
  public static final Duration TOLERANCE = Duration.ofSeconds(60);

  static final BodyHmac SCHEME =
      new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.HEX);

  private Linear() {}

  /** A verifier builder for the signing secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return WebhookVerifier.builder(NAME)
        .authenticator(new FreshBody(SCHEME.authenticator(keys)))
        .deliveryId(DeliveryIdSource.header(DELIVERY_HEADER));
  }

  /** The header Linear sends (the body carries its own {@code webhookTimestamp}). */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return SCHEME.sign(secret, body);
  }

  /**
   * The signed body's {@code webhookTimestamp}: a JSON integer of milliseconds, read with {@link
   * JsonFields}, so it is the number every parser reads there; empty if there is none, or it is not
   * a JSON integer, or the body is ambiguous there.
   */
  static OptionalLong webhookTimestamp(ByteBuffer body) {
    return timestampField(body).integer(0);
  }

  /** The one read of {@code webhookTimestamp}, shared by the verifier and handler views. */
  private static JsonFields.Found timestampField(ByteBuffer body) {
    return JsonFields.read(body, "webhookTimestamp");
  }

  /** The body HMAC, then the freshness of the signed {@code webhookTimestamp}. */
  private static final class FreshBody implements Authenticator {
    private static final Attempt MISSING_TIMESTAMP =
        Attempt.rejected(Reason.MISSING_TIMESTAMP, "signed body carries no webhookTimestamp");
    private static final Attempt MALFORMED_TIMESTAMP =
        Attempt.rejected(
            Reason.MALFORMED_TIMESTAMP,
            "webhookTimestamp is not whole milliseconds in an unambiguous JSON body");
    private static final Attempt TOO_OLD =
        Attempt.rejected(Reason.TIMESTAMP_TOO_OLD, "timestamp too old");
    private static final Attempt IN_FUTURE =
        Attempt.rejected(Reason.TIMESTAMP_IN_FUTURE, "timestamp too far in the future");

    private final HmacAuthenticator hmac;

    FreshBody(HmacAuthenticator hmac) {
      this.hmac = hmac;
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      Attempt proven = hmac.attempt(request, context);
      if (!(proven instanceof Attempt.Proven)) {
        return proven; // the body is read only once its signature checks out
      }
      JsonFields.Found found = timestampField(request.body());
      if (!found.occurs(0)) {
        return MISSING_TIMESTAMP;
      }
      OptionalLong timestamp = found.integer(0);
      if (timestamp.isEmpty()) {
        return MALFORMED_TIMESTAMP;
      }
      // Compared, not subtracted: a signed timestamp near Long.MIN_VALUE must not wrap around.
      long now = context.clock().millis();
      long signedAt = timestamp.getAsLong();
      if (signedAt < now - TOLERANCE.toMillis()) {
        return TOO_OLD;
      }
      if (signedAt > now + TOLERANCE.toMillis()) {
        return IN_FUTURE;
      }
      return proven;
    }
  }
}
