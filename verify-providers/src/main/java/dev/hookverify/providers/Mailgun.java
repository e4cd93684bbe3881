package dev.hookverify.providers;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.DeliveryId;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Mailgun: no header; the body carries {@code signature.timestamp}, {@code signature.token} and
 * {@code signature.signature} (JSON webhooks). The signature is the HMAC-SHA256 hex of {@code
 * timestamp + token} with the HTTP webhook signing key: it proves the (timestamp, token) pair came
 * from Mailgun, <b>not</b> the rest of the body, so the body is never reported as signed. Freshness
 * is optional, as in Mailgun's docs ({@link #builder(KeyRing, Duration)}).
 *
 * <p><b>What is verified is what the handler reads.</b> The body is parsed once, strictly: one JSON
 * object in strict UTF-8, no key repeated anywhere, nothing after it, no key with a dot or one that
 * differs from a signature field only in case at the top level or in {@code signature}, a timestamp
 * that is a string or an integer and a token and signature that are strings; anything else is
 * {@link Reason#MALFORMED_SIGNATURE}. Read the signed pair with {@link
 * #signature(VerifiedWebhook)}.
 *
 * <p><b>One delivery, one key.</b> Mailgun suggests refusing reused tokens: the delivery id is the
 * signed text itself, {@code timestamp + token} (no separator, as signed: a digit moved from the
 * token to the timestamp keeps the signature, and so the id), signed, so an {@code
 * IdempotentVerifier} answers {@link Reason#DUPLICATE_DELIVERY} to a replay however its unsigned
 * {@code event-data} was changed. Without a tolerance nothing else stops a replay once the
 * idempotency store has forgotten the token: keep its retention long, or set a tolerance.
 *
 * <p><b>A forgery costs bounded work.</b> One parse per request, whatever the number of keys, of at
 * most 50,000 tokens before the signature is checked, then one HMAC per key. A forged request
 * allocates at most 4 MiB however it is shaped (3.3 MiB measured at the 1 MiB body limit with five
 * keys: 25,000 keys in the signature object; {@code JsonBodyFloodTest}).
 *
 * @see <a
 *     href="https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks">
 *     Mailgun: securing webhooks</a>
 */
public final class Mailgun {
  /** The registry name. */
  public static final String NAME = "mailgun";

  private static final String SYNTHETIC_HEADER = "Mailgun-Signature";
  private static final String SYNTHETIC_TIMESTAMP_HEADER = "Mailgun-Timestamp";

  private static final Attempt NOT_AN_OBJECT =
      Attempt.absent("body is not a JSON object with a signature");
  private static final Attempt SIGNATURE_NOT_AN_OBJECT =
      Attempt.rejected(Reason.MALFORMED_SIGNATURE, "signature is not an object");
  private static final Attempt AMBIGUOUS =
      Attempt.rejected(
          Reason.MALFORMED_SIGNATURE, "body is not a JSON object every parser reads alike");

  private Mailgun() {}

  /** A verifier builder for the signing keys of {@code keys}, timestamps not checked for age. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, null);
  }

  /**
   * A verifier builder that also rejects timestamps older or further ahead than {@code tolerance}.
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, Duration tolerance) {
    return WebhookVerifier.builder(NAME)
        .authenticator(new BodySignature(keys, tolerance))
        .deliveryId(
            (request, authentication) -> Optional.of(deliveryId(verifiedFields(request.body()))));
  }

  /**
   * What Mailgun posts for {@code webhook}, signed with {@code key}: a JSON body whose {@code
   * signature} object carries the timestamp, a token derived from the delivery id (Mailgun's own
   * tokens are 50 random characters) and the signature, and whose {@code event-data} is the
   * webhook's body, which must be a JSON object.
   *
   * @throws IllegalArgumentException if the webhook's body is not a JSON object
   */
  static SignedDelivery signedDelivery(WebhookSecret key, OutgoingWebhook webhook) {
    String eventData = new String(webhook.body(), StandardCharsets.UTF_8).strip();
    if (!eventData.startsWith("{") || !eventData.endsWith("}")) {
      throw new IllegalArgumentException("Mailgun's event-data is a JSON object");
    }
    String token = dev.hookverify.internal.Sha256.hexOf(webhook.id()).substring(0, 50);
    String body =
        "{\"signature\":"
            + signatureJson(key, webhook.timestamp(), token)
            + ",\"event-data\":"
            + eventData
            + "}";
    return SignedDelivery.of(Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The {@code signature} object Mailgun puts in a JSON body, for {@code timestamp} and {@code
   * token}.
   */
  static String signatureJson(WebhookSecret key, long timestamp, String token) {
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

  /**
   * The signed (timestamp, token) pair of a delivery {@code webhook} that a Mailgun verifier
   * accepted, read from the verified body by the same strict parse the verifier used: the pair a
   * handler should trust. The rest of the body ({@code event-data}) is <b>not</b> signed.
   *
   * @throws IllegalArgumentException if {@code webhook} was not verified by a Mailgun verifier
   */
  public static Signature signature(VerifiedWebhook webhook) {
    if (!webhook.provider().equals(NAME)) {
      throw new IllegalArgumentException("not a Mailgun delivery: " + webhook.provider());
    }
    Fields fields = verifiedFields(ByteBuffer.wrap(webhook.body()));
    try {
      return new Signature(Long.parseLong(fields.timestamp), fields.timestamp, fields.token);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a verified Mailgun delivery", e);
    }
  }

  /** The signed part of a Mailgun delivery: its timestamp and token. Immutable and thread-safe. */
  public static final class Signature {
    private final long timestamp;
    private final String timestampText;
    private final String token;

    private Signature(long timestamp, String timestampText, String token) {
      this.timestamp = timestamp;
      this.timestampText = timestampText;
      this.token = token;
    }

    /** The signed timestamp, in seconds since the epoch. */
    public Instant timestamp() {
      return Instant.ofEpochSecond(timestamp);
    }

    /** The signed token, unique per delivery: what Mailgun suggests refusing twice. */
    public String token() {
      return token;
    }

    /** The exact text the HMAC covers: the timestamp as sent, then the token. */
    String signedText() {
      return timestampText + token;
    }

    @Override
    public String toString() {
      return "Mailgun.Signature{timestamp=" + timestamp + "}";
    }
  }

  /**
   * The delivery id: what the HMAC covers, {@code timestamp + token} exactly as signed, so one
   * signature has one id, and a replayer who changes any unsigned byte of the body keeps it. Not
   * {@code timestamp:token}: the signed text has no separator, so {@code ("1403645220", "5egb..")}
   * and {@code ("14036452205", "egb..")} carry the same signature and must share one id. When that
   * text is not a valid id (over 256 characters, or not printable ASCII), a SHA-256 of it.
   */
  static DeliveryId deliveryId(Fields fields) {
    String signed = fields.timestamp + fields.token;
    if (DeliveryId.isValid(signed)) {
      return DeliveryId.of(signed, true);
    }
    byte[] digest = Tokens.sha256(signed);
    return DeliveryId.of("sha256-" + Signed.hex(digest), true);
  }

  /** The three fields of the body's {@code signature} object; null where absent. */
  static final class Fields {
    String timestamp;
    String token;
    String signature;
  }

  /**
   * Reads {@code signature.timestamp}, {@code signature.token} and {@code signature.signature} into
   * {@code fields} in one strict pass ({@link StrictJson}: the whole body, every key unique,
   * nothing after it). A key with a dot, or one that differs from a signature field only in case,
   * at the top level or in the signature object is refused, as is a value of the wrong type: the
   * timestamp is a string or an integer, the token and the signature are strings.
   *
   * @return null if the body was read; else why it carries no signature to verify: {@link
   *     Attempt#absent} if the body is not a JSON object at all, {@link Reason#MALFORMED_SIGNATURE}
   *     if it is not one every parser reads alike
   */
  static Attempt read(ByteBuffer body, Fields fields) {
    if (!StrictJson.isObject(body)) {
      return NOT_AN_OBJECT;
    }
    // Jackson reports malformed JSON by throwing, so a refusal inside the parse throws too; it is
    // turned into a value here, once.
    try (JsonParser parser = StrictJson.openUnverified(body)) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (name.equals("signature")) {
          JsonToken value = parser.nextToken();
          if (value == JsonToken.START_OBJECT) {
            signatureObject(parser, fields);
          } else if (value != JsonToken.VALUE_NULL) {
            return SIGNATURE_NOT_AN_OBJECT;
          }
        } else {
          refuseLookalike(name, "signature");
          StrictJson.skipValue(parser);
        }
      }
      StrictJson.end(parser);
      return null;
    } catch (IOException | RuntimeException e) {
      return AMBIGUOUS;
    }
  }

  /**
   * The fields of a body a Mailgun verifier accepted, for the handler's view and the delivery id.
   *
   * @throws IllegalArgumentException if the body is not one a Mailgun verifier accepts
   */
  private static Fields verifiedFields(ByteBuffer body) {
    Fields fields = new Fields();
    if (read(body, fields) != null || fields.timestamp == null || fields.token == null) {
      throw new IllegalArgumentException("not a verified Mailgun delivery");
    }
    return fields;
  }

  private static void signatureObject(JsonParser parser, Fields fields) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "timestamp":
          if (value == JsonToken.VALUE_STRING) {
            fields.timestamp = parser.getText();
          } else if (value == JsonToken.VALUE_NUMBER_INT) {
            fields.timestamp = StrictJson.integer(parser);
          } else if (value != JsonToken.VALUE_NULL) {
            throw new JsonParseException(parser, "timestamp is not a string or an integer");
          }
          break;
        case "token":
          fields.token = string(parser, value);
          break;
        case "signature":
          fields.signature = string(parser, value);
          break;
        default:
          refuseLookalike(name, "timestamp", "token", "signature");
          parser.skipChildren();
      }
    }
  }

  /** A string field's text, null for JSON null; refuses other types and unpaired surrogates. */
  private static String string(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_STRING || StrictJson.hasLoneSurrogate(parser.getText())) {
      // An unpaired surrogate would be signed as '?', like a real '?': two texts, one signature.
      throw new JsonParseException(parser, "not a string of well-formed text");
    }
    return parser.getText();
  }

  /**
   * Refuses a key with a dot (a flattening reader would take {@code "signature.token"} for the
   * nested token) or one that matches a field read here but for case.
   */
  private static void refuseLookalike(String name, String... fields) throws IOException {
    if (name.indexOf('.') >= 0) {
      throw new IOException("a literal dotted key");
    }
    for (String field : fields) {
      if (name.equalsIgnoreCase(field)) {
        throw new IOException("a key that differs from " + field + " only in case");
      }
    }
  }

  /**
   * Reads the signature object from the body and verifies it with core's HMAC engine, which also
   * checks the timestamp (format, and freshness when a tolerance is set).
   */
  private static final class BodySignature implements Authenticator {
    private static final Attempt NO_SIGNATURE =
        Attempt.absent("body carries no signature.signature");
    private static final Attempt NO_TIMESTAMP =
        Attempt.rejected(Reason.MISSING_TIMESTAMP, "no signature.timestamp");
    private static final Attempt NO_TOKEN =
        Attempt.rejected(Reason.MALFORMED_SIGNATURE, "no signature.token");

    private final HmacAuthenticator hmac;

    BodySignature(KeyRing keys, Duration tolerance) {
      this.hmac =
          HmacAuthenticator.builder(HmacAlgorithm.SHA256)
              .signatureHeader(SignatureHeader.builder(SYNTHETIC_HEADER).build())
              .timestampHeader(SYNTHETIC_TIMESTAMP_HEADER)
              .timestampPolicy(
                  tolerance == null
                      ? TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.SECONDS)
                      : TimestampPolicy.secondsWithin(tolerance))
              // Mailgun signs timestamp + token; the synthetic request's body is the token.
              .signedContent(SignedContent.builder().timestamp().body().build())
              .keys(keys)
              .build();
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      Fields fields = new Fields();
      Attempt unread = read(request.body(), fields); // one pass over the (not yet trusted) body
      if (unread != null) {
        return unread;
      }
      if (fields.signature == null) {
        return NO_SIGNATURE;
      }
      if (fields.timestamp == null) {
        return NO_TIMESTAMP;
      }
      if (fields.token == null) {
        return NO_TOKEN;
      }
      WebhookRequest signed =
          WebhookRequest.builder()
              .header(SYNTHETIC_HEADER, fields.signature)
              .header(SYNTHETIC_TIMESTAMP_HEADER, fields.timestamp)
              .body(fields.token.getBytes(StandardCharsets.UTF_8))
              .build();
      Attempt attempt = hmac.attempt(signed, context);
      if (!(attempt instanceof Attempt.Proven)) {
        return attempt;
      }
      // Only the (timestamp, token) pair is signed: not the body, not any header.
      return Attempt.proven(((Attempt.Proven) attempt).authentication().withoutCoverage());
    }
  }
}
