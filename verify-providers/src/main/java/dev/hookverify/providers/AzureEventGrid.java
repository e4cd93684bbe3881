package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.internal.UriParts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Azure Event Grid (webhook event handlers): no signature. A delivery is authenticated by a shared
 * secret the subscriber configures on the event subscription, compared with each key in constant
 * time ({@link dev.hookverify.Proof#SHARED_TOKEN}, only as safe as TLS):
 *
 * <ul>
 *   <li>a static delivery property (a header), such as {@code Authorization: Bearer <secret>}
 *       (Microsoft's example, {@link #builder(KeyRing)}) or a header of your own ({@link
 *       #headerBuilder});
 *   <li>a query parameter of the endpoint URL ("client secret as a query parameter", {@link
 *       #queryParameterBuilder}): Event Grid sends every query parameter with every request. The
 *       query is never logged by hookverify ({@link dev.hookverify.VerificationEvent#path()} and
 *       {@link WebhookRequest#toString()} drop it, and no rejection message quotes it); keep it out
 *       of your own access logs too. A parameter sent twice or encoded ambiguously counts as
 *       absent.
 * </ul>
 *
 * The Microsoft Entra ID option ({@code Authorization: Bearer <JWT>}, RS256 against the tenant's
 * keys) is not verified by this class.
 *
 * <p><b>Handshakes</b>, each answered only for a request the verifier accepts, so an endpoint never
 * agrees to a subscription made by someone without the secret: the Event Grid schema's {@code
 * Microsoft.EventGrid.SubscriptionValidationEvent} ({@code aeg-event-type: SubscriptionValidation};
 * answer 200 with {@link #validationResponse}) and the CloudEvents 1.0 abuse-protection {@code
 * OPTIONS} request ({@code WebHook-Request-Origin}; answer 200 with the headers of {@link
 * #abuseProtectionResponse}). The validation body is read strictly: exactly one event, no repeated
 * key, nothing after the document, so the code echoed is the one every JSON parser reads.
 *
 * <p>No delivery id is signed; Event Grid retries with the same event {@code id}s in the body, so
 * deduplicate events on them. Without a signature the delivery key is a digest of the body.
 *
 * @see <a href="https://learn.microsoft.com/azure/event-grid/security-authentication">Azure Event
 *     Grid: authenticate event delivery to event handlers</a>
 * @see <a
 *     href="https://learn.microsoft.com/azure/event-grid/end-point-validation-event-grid-events-schema">
 *     Azure Event Grid: endpoint validation with the Event Grid event schema</a>
 * @see <a
 *     href="https://learn.microsoft.com/azure/event-grid/end-point-validation-cloud-events-schema">
 *     Azure Event Grid: endpoint validation with the CloudEvents schema</a>
 */
public final class AzureEventGrid {
  /** The registry name. */
  public static final String NAME = "azure-event-grid";

  /**
   * The header naming the kind of request: {@code Notification}, {@code SubscriptionValidation}.
   */
  public static final String EVENT_TYPE_HEADER = "aeg-event-type";

  /** The event subscription's name (upper-cased by Event Grid). */
  public static final String SUBSCRIPTION_NAME_HEADER = "aeg-subscription-name";

  /** The number of earlier attempts (unsigned). */
  public static final String DELIVERY_COUNT_HEADER = "aeg-delivery-count";

  /** The event type of a subscription validation event. */
  public static final String VALIDATION_EVENT_TYPE =
      "Microsoft.EventGrid.SubscriptionValidationEvent";

  /** The CloudEvents abuse-protection request header naming the sender. */
  public static final String REQUEST_ORIGIN_HEADER = "WebHook-Request-Origin";

  /** The CloudEvents abuse-protection response header granting an origin. */
  public static final String ALLOWED_ORIGIN_HEADER = "WebHook-Allowed-Origin";

  /** The CloudEvents abuse-protection response header granting a request rate. */
  public static final String ALLOWED_RATE_HEADER = "WebHook-Allowed-Rate";

  /** The longest validation code or origin answered, in characters. */
  public static final int MAX_HANDSHAKE_VALUE_LENGTH = 253;

  private AzureEventGrid() {}

  /**
   * A verifier builder for secrets sent as {@code Authorization: Bearer <secret>} (a static
   * delivery property, the scheme name in any case).
   */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return WebhookVerifier.builder(NAME)
        .authenticator(TokenAuthenticator.bearer().keys(keys).build());
  }

  /**
   * A verifier builder as {@link #builder(KeyRing)}, configured by {@code options}. Event Grid
   * signs nothing: only the defaults are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return builder(keys);
  }

  /** A verifier builder for secrets sent as the whole value of delivery property {@code header}. */
  public static WebhookVerifier.Builder headerBuilder(String header, KeyRing keys) {
    return WebhookVerifier.builder(NAME)
        .authenticator(TokenAuthenticator.header(header).keys(keys).build());
  }

  /**
   * A verifier builder for secrets sent as query parameter {@code parameter} of the endpoint URL,
   * read as servlet containers decode it (see {@link WebhookRequest#uri()}: give the full URI with
   * its query).
   *
   * @throws IllegalArgumentException if {@code parameter} is empty or holds anything but letters,
   *     digits, {@code -}, {@code _} and {@code .}
   */
  public static WebhookVerifier.Builder queryParameterBuilder(String parameter, KeyRing keys) {
    return WebhookVerifier.builder(NAME).authenticator(new QueryToken(parameter, keys));
  }

  /**
   * The JSON to answer a subscription validation with (200, {@code application/json}): {@code
   * {"validationResponse":"<validationCode>"}}, once {@code verifier} accepts {@code request}.
   * Empty when the request is not a validation: {@code aeg-event-type} is not sent once as {@code
   * SubscriptionValidation}, or the body is not exactly one {@code
   * Microsoft.EventGrid.SubscriptionValidationEvent} with a {@code data.validationCode} (see {@link
   * #validationResponse(VerifiedWebhook)}).
   *
   * @throws WebhookVerificationException if {@code verifier} rejects the request (answer 401): a
   *     subscription is never validated without the configured secret
   */
  public static Optional<String> validationResponse(
      WebhookVerifier verifier, WebhookRequest request) throws WebhookVerificationException {
    requireNonNull(verifier, "verifier");
    requireNonNull(request, "request");
    VerifiedWebhook webhook = verifier.verify(request);
    if (!request.headers(EVENT_TYPE_HEADER).equals(List.of("SubscriptionValidation"))) {
      return Optional.empty();
    }
    return validationResponse(webhook);
  }

  /**
   * The JSON to answer a verified subscription validation with, {@code
   * {"validationResponse":"<validationCode>"}}, read from the verified body: a JSON array of
   * exactly one event whose {@code eventType} is {@value #VALIDATION_EVENT_TYPE} and whose {@code
   * data.validationCode} is 1 to {@value #MAX_HANDSHAKE_VALUE_LENGTH} visible ASCII characters, in
   * a document every JSON parser reads alike (strict UTF-8, no repeated key, no literal dotted key
   * spelling the path, nothing after it). Empty otherwise.
   */
  public static Optional<String> validationResponse(VerifiedWebhook webhook) {
    return validationCode(ByteBuffer.wrap(requireNonNull(webhook, "webhook").body()))
        .map(code -> Okta.json("validationResponse", code));
  }

  /**
   * The headers to answer a CloudEvents 1.0 abuse-protection request with (200), once {@code
   * verifier} accepts {@code request}: {@code WebHook-Allowed-Origin} (the origin asked for),
   * {@code WebHook-Allowed-Rate: *} and {@code Allow: POST}. Empty when the request is not one: not
   * {@code OPTIONS}, or {@code WebHook-Request-Origin} not sent once as a host name of at most
   * {@value #MAX_HANDSHAKE_VALUE_LENGTH} letters, digits, dots and hyphens.
   *
   * @throws WebhookVerificationException if {@code verifier} rejects the request (answer 401 or
   *     405): delivery is never agreed to without the configured secret
   */
  public static Optional<Map<String, String>> abuseProtectionResponse(
      WebhookVerifier verifier, WebhookRequest request) throws WebhookVerificationException {
    requireNonNull(verifier, "verifier");
    requireNonNull(request, "request");
    verifier.verify(request);
    if (!request.method().equals("OPTIONS")) {
      return Optional.empty();
    }
    List<String> origin = request.headers(REQUEST_ORIGIN_HEADER);
    if (origin.size() != 1 || !isHostName(origin.get(0))) {
      return Optional.empty();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(ALLOWED_ORIGIN_HEADER, origin.get(0));
    headers.put(ALLOWED_RATE_HEADER, "*");
    headers.put("Allow", "POST");
    return Optional.of(java.util.Collections.unmodifiableMap(headers));
  }

  private static boolean isHostName(String text) {
    if (text.isEmpty() || text.length() > MAX_HANDSHAKE_VALUE_LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The {@code data.validationCode} of a body that is exactly one subscription validation event,
   * read in one strict pass; empty for anything else (see {@link
   * #validationResponse(VerifiedWebhook)}).
   */
  static Optional<String> validationCode(ByteBuffer body) {
    try (JsonParser parser = StrictJson.openArray(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      String eventType = null;
      String code = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.startsWith("data.") || name.startsWith("eventType.")) {
          return Optional.empty(); // a literal dotted key spells a path a flattening reader takes
        }
        if (name.equals("eventType")) {
          if (value != JsonToken.VALUE_STRING) {
            return Optional.empty();
          }
          eventType = parser.getText();
        } else if (name.equals("data")) {
          if (value != JsonToken.START_OBJECT) {
            return Optional.empty();
          }
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken fieldValue = parser.nextToken();
            if (field.startsWith("validationCode.")) {
              return Optional.empty();
            }
            if (field.equals("validationCode")) {
              if (fieldValue != JsonToken.VALUE_STRING) {
                return Optional.empty();
              }
              code = parser.getText();
            }
            parser.skipChildren();
          }
          continue;
        }
        parser.skipChildren();
      }
      if (parser.nextToken() != JsonToken.END_ARRAY) {
        return Optional.empty(); // exactly one event: a second one could be read instead
      }
      StrictJson.end(parser);
      if (!VALIDATION_EVENT_TYPE.equals(eventType)
          || code == null
          || !Okta.isVisibleAscii(code, MAX_HANDSHAKE_VALUE_LENGTH)) {
        return Optional.empty();
      }
      return Optional.of(code);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The headers Event Grid sends with a Bearer delivery property holding {@code secret}. */
  static Map<String, String> bearer(String secret) {
    return Signed.headers("Authorization", "Bearer " + secret);
  }

  /** A secret sent as a query parameter, compared as {@link TokenAuthenticator} compares. */
  private static final class QueryToken implements Authenticator {
    private final String parameter;
    private final String carrier;
    private final TokenAuthenticator tokens;
    private final Attempt missing;

    QueryToken(String parameter, KeyRing keys) {
      requireNonNull(parameter, "parameter");
      if (parameter.isEmpty() || !parameter.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException(
            "a query parameter name is 1 to 64 letters, digits, '.', '_' or '-'");
      }
      this.parameter = parameter;
      // The decoded value travels to the comparison in a request of its own, without the URI.
      this.carrier = "query parameter " + parameter;
      this.tokens = TokenAuthenticator.header(carrier).keys(requireNonNull(keys, "keys")).build();
      this.missing = Attempt.absent("missing query parameter " + parameter);
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      Optional<String> value = UriParts.queryParameter(request.uri(), parameter);
      if (value.isEmpty()) {
        return missing;
      }
      WebhookRequest token =
          WebhookRequest.builder().method(request.method()).header(carrier, value.get()).build();
      return tokens.attempt(token, context);
    }

    @Override
    public String toString() {
      return "AzureEventGrid.QueryToken{" + parameter + "}";
    }
  }
}
