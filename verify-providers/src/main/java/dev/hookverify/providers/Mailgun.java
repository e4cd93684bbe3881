package dev.hookverify.providers;

import dev.hookverify.Attempt;
import dev.hookverify.Authentication;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Mailgun: no header; the body carries {@code signature.timestamp}, {@code signature.token} and
 * {@code signature.signature} (JSON webhooks). The signature is the HMAC-SHA256 hex of {@code
 * timestamp + token} with the HTTP webhook signing key: it proves the (timestamp, token) pair came
 * from Mailgun, <b>not</b> the rest of the body, so the body is never reported as signed. Mailgun
 * suggests refusing reused tokens: use an {@code IdempotentVerifier} (the key derives from the
 * verified signature). Freshness is optional, as in Mailgun's docs ({@link #builder(KeyRing,
 * Duration)}).
 *
 * @see <a
 *     href="https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks">
 *     Mailgun: securing webhooks</a>
 */
public final class Mailgun {
  /** The registry name. */
  public static final String NAME = "mailgun";

  private static final String SYNTHETIC_HEADER = "Mailgun-Signature";

  private Mailgun() {}

  /** A verifier builder for the signing keys of {@code keys}, timestamps not checked for age. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, null);
  }

  /**
   * A verifier builder that also rejects timestamps older or further ahead than {@code tolerance}.
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, Duration tolerance) {
    return WebhookVerifier.builder(NAME).authenticator(new BodySignature(keys, tolerance));
  }

  /**
   * The {@code signature} object Mailgun puts in a JSON body, for {@code timestamp} and {@code
   * token}.
   */
  public static String signatureJson(WebhookSecret key, long timestamp, String token) {
    String signed = timestamp + token;
    byte[] tag =
        SignedContent.body()
            .hmac(
                HmacAlgorithm.SHA256,
                key,
                Signed.request("POST", "", Map.of(), signed.getBytes(StandardCharsets.UTF_8)),
                "");
    return "{\"timestamp\":\""
        + timestamp
        + "\",\"token\":\""
        + token
        + "\",\"signature\":\""
        + Signed.hex(tag)
        + "\"}";
  }

  /** Reads the signature object from the body and verifies it with core's HMAC engine. */
  private static final class BodySignature implements Authenticator {
    private final HmacAuthenticator hmac;
    private final TimestampPolicy freshness;

    BodySignature(KeyRing keys, Duration tolerance) {
      this.hmac =
          HmacAuthenticator.builder(HmacAlgorithm.SHA256)
              .signatureHeader(SignatureHeader.builder(SYNTHETIC_HEADER).build())
              .signedContent(SignedContent.body())
              .keys(keys)
              .build();
      this.freshness = tolerance == null ? null : TimestampPolicy.secondsWithin(tolerance);
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      return Proofs.attempt(() -> prove(request, context));
    }

    private Authentication prove(WebhookRequest request, AuthenticationContext context)
        throws WebhookVerificationException {
      // One pass over the (not yet trusted) body for all three fields.
      String[] fields =
          JsonFields.strings(
              request.body(), "signature.signature", "signature.timestamp", "signature.token");
      Optional<String> signature = Optional.ofNullable(fields[0]);
      Optional<String> timestamp = Optional.ofNullable(fields[1]);
      Optional<String> token = Optional.ofNullable(fields[2]);
      if (signature.isEmpty()) {
        throw new WebhookVerificationException(
            Reason.MISSING_SIGNATURE, "body carries no signature.signature");
      }
      if (timestamp.isEmpty()) {
        throw new WebhookVerificationException(Reason.MISSING_TIMESTAMP, "no signature.timestamp");
      }
      if (token.isEmpty()) {
        throw new WebhookVerificationException(Reason.MALFORMED_SIGNATURE, "no signature.token");
      }
      Instant signedAt =
          (freshness != null
                  ? freshness
                  : TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.SECONDS))
              .check(timestamp.get(), 0, timestamp.get().length(), context.clock());
      WebhookRequest signed =
          WebhookRequest.builder()
              .header(SYNTHETIC_HEADER, signature.get())
              .body((timestamp.get() + token.get()).getBytes(StandardCharsets.UTF_8))
              .build();
      Authentication proven = Proofs.require(hmac, signed, context);
      // Only the (timestamp, token) pair is signed: not the body, not any header.
      return proven.withoutCoverage().withSignedTimestamp(signedAt);
    }
  }
}
