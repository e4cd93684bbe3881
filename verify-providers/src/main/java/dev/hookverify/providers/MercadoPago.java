package dev.hookverify.providers;

import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.ContentSink;
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
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.internal.FormData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mercado Pago: {@code x-signature: ts=<ts>,v1=<hex>}, HMAC-SHA256 with the application's secret
 * signature (UTF-8) over a <em>manifest</em> of ids, never over the body: {@code
 * id:<data.id>;request-id:<x-request-id>;ts:<ts>;}, where {@code data.id} is the query parameter of
 * the notification URL, lower-cased (Mercado Pago lower-cases alphanumeric ids), {@code
 * x-request-id} the header, and a segment is left out when its value is not sent.
 *
 * <p><b>What is signed, and what a handler may trust.</b> The signature covers the resource id, the
 * request id and the timestamp, nothing else: not the body, not the notification's {@code type} or
 * {@code action}, not the rest of the query. So a verified delivery reports neither body nor query
 * as signed ({@link VerifiedWebhook#isQueryAuthentic()} is false), and its signed values are read
 * with {@link #notification(VerifiedWebhook)}, which has no body: a handler fetches the resource by
 * {@link Notification#dataId()} from Mercado Pago's API before acting on it, as Mercado Pago
 * advises. The body is not trusted, but it is not ignored either: a JSON body whose {@code data.id}
 * differs from the signed one (ignoring the case of ASCII letters) is {@link
 * Reason#SIGNATURE_MISMATCH}, and a body that is not one JSON object every parser reads alike (an
 * empty body aside), or that is sent as a form or multipart (which containers read as parameters
 * beside the query's {@code data.id}), is {@link Reason#MALFORMED_SIGNATURE}, so a replayer cannot
 * pair a genuine signature with a body that names another payment.
 *
 * <p><b>One strict reading.</b> {@code data.id} is read as a servlet container reads the query
 * ({@link FormData}: names and values decoded, every escape valid, UTF-8); a query containers
 * cannot read, or in which {@code data.id} is repeated or empty, is {@link
 * Reason#MALFORMED_SIGNATURE}, never "no id". The id and the request id are 1 to {@value
 * #MAX_ID_LENGTH} printable ASCII characters without {@code ;}: a {@code ;} would let {@code
 * data.id=1;request-id:r} with no request id sign like {@code data.id=1} with request id {@code r}.
 * Only ASCII letters are lower-cased, so no locale's case rules enter. The id's case as sent is
 * therefore not covered; the signed, lower-cased id is what {@link Notification#dataId()} gives.
 *
 * <p><b>Time and replays.</b> Mercado Pago enforces no tolerance and has sent {@code ts} both in
 * seconds and in milliseconds; freshness is off by default and checked when a tolerance is set (a
 * value of 12 digits or more is read as milliseconds). The delivery id is the signed manifest
 * itself, so every replay of a delivery has one key whatever its unsigned body, headers or query.
 *
 * @see <a
 *     href="https://www.mercadopago.com.br/developers/en/docs/your-integrations/notifications/webhooks">
 *     Mercado Pago: webhooks</a>
 */
public final class MercadoPago {
  /** The registry name. */
  public static final String NAME = "mercadopago";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "x-signature";

  /** The request id header, signed when sent. */
  public static final String REQUEST_ID_HEADER = "x-request-id";

  /** The query parameter that names the resource, signed. */
  public static final String DATA_ID_PARAMETER = "data.id";

  /** The longest data id or request id accepted, in characters. */
  public static final int MAX_ID_LENGTH = 100;

  /** From this many digits a {@code ts} is milliseconds (10^11 seconds is the year 5138). */
  private static final int MILLISECOND_DIGITS = 12;

  /** The ids, then the timestamp as received, then the closing {@code ;}. */
  private static final SignedContent MANIFEST =
      SignedContent.builder().part(MercadoPago::writeIds).timestamp().literal(";").build();

  private MercadoPago() {}

  /** A verifier for one secret signature, timestamps not checked for age. */
  public static WebhookVerifier verifier(WebhookSecret secret) {
    return builder(KeyRing.of(secret)).build();
  }

  /** A verifier builder for the secrets of {@code keys}, timestamps not checked for age. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return builder(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for the secrets of {@code keys}, configured by {@code options}: a tolerance
   * (both ways) turns the freshness check on.
   *
   * @throws IllegalArgumentException if {@code options} sets anything but the tolerance
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    Optional<Duration> tolerance = options.tolerance();
    return WebhookVerifier.builder(NAME)
        .authenticator(
            new ManifestSignature(
                hmac(
                    keys,
                    tolerance
                        .map(TimestampPolicy::secondsWithin)
                        .orElse(TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.SECONDS))),
                hmac(
                    keys,
                    tolerance
                        .map(t -> TimestampPolicy.milliseconds(t, t))
                        .orElse(
                            TimestampPolicy.freshnessNotChecked(
                                TimestampPolicy.Unit.MILLISECONDS)))))
        .deliveryId(
            (request, authentication) ->
                Optional.of(DeliveryId.of(manifest(request, timestampText(request)), true)));
  }

  private static HmacAuthenticator hmac(KeyRing keys, TimestampPolicy policy) {
    return HmacAuthenticator.builder(HmacAlgorithm.SHA256)
        .signatureHeader(
            SignatureHeader.builder(SIGNATURE_HEADER)
                .list(',', '=', "v1")
                .timestampKey("ts")
                .build())
        .signedContent(MANIFEST)
        .timestampPolicy(policy)
        .keys(keys)
        .build();
  }

  /**
   * The signed values of a delivery {@code webhook} that a Mercado Pago verifier accepted, read
   * from its signed delivery id: what a handler should trust. The body is <b>not</b> signed.
   *
   * @throws IllegalArgumentException if {@code webhook} was not verified by a Mercado Pago verifier
   */
  public static Notification notification(VerifiedWebhook webhook) {
    if (!webhook.provider().equals(NAME) || !webhook.isDeliveryIdSigned()) {
      throw new IllegalArgumentException("not a verified Mercado Pago delivery");
    }
    String manifest = webhook.deliveryId().orElseThrow();
    String dataId = null;
    String requestId = null;
    String ts = null;
    for (String segment : manifest.split(";")) {
      if (segment.startsWith("id:")) {
        dataId = segment.substring(3);
      } else if (segment.startsWith("request-id:")) {
        requestId = segment.substring(11);
      } else if (segment.startsWith("ts:")) {
        ts = segment.substring(3);
      }
    }
    if (ts == null) {
      throw new IllegalArgumentException("not a verified Mercado Pago delivery");
    }
    return new Notification(dataId, requestId, ts);
  }

  /**
   * What Mercado Pago signs of a notification: the resource id, the request id and the timestamp.
   * No body: the notification's body is not signed. Immutable and thread-safe.
   */
  public static final class Notification {
    private final String dataId;
    private final String requestId;
    private final String timestamp;

    private Notification(String dataId, String requestId, String timestamp) {
      this.dataId = dataId;
      this.requestId = requestId;
      this.timestamp = timestamp;
    }

    /**
     * The signed {@code data.id} of the notification URL, ASCII letters lower-cased as signed; look
     * the resource up by it before acting on the notification.
     */
    public Optional<String> dataId() {
      return Optional.ofNullable(dataId);
    }

    /** The signed {@code x-request-id}. */
    public Optional<String> requestId() {
      return Optional.ofNullable(requestId);
    }

    /** The signed {@code ts}, read as milliseconds from 12 digits on, else as seconds. */
    public Instant timestamp() {
      long value = Long.parseLong(timestamp);
      return timestamp.length() >= MILLISECOND_DIGITS
          ? Instant.ofEpochMilli(value)
          : Instant.ofEpochSecond(value);
    }

    @Override
    public String toString() {
      return "MercadoPago.Notification{dataId="
          + dataId
          + ", requestId="
          + requestId
          + ", ts="
          + timestamp
          + "}";
    }
  }

  /**
   * The headers Mercado Pago sends for a notification to {@code url} (its {@code data.id} is
   * signed), with request id {@code requestId} at {@code ts} as sent (seconds or milliseconds).
   *
   * @throws IllegalArgumentException if the URL or the request id cannot be signed
   */
  static Map<String, String> sign(WebhookSecret secret, String url, String requestId, String ts) {
    WebhookRequest request =
        Signed.request("POST", url, Map.of(REQUEST_ID_HEADER, requestId), new byte[0]);
    byte[] tag = MANIFEST.hmac(HmacAlgorithm.SHA256, secret, request, ts);
    return Signed.headers(
        SIGNATURE_HEADER, "ts=" + ts + ",v1=" + Signed.hex(tag), REQUEST_ID_HEADER, requestId);
  }

  /**
   * The manifest Mercado Pago signs for {@code request} at {@code ts}.
   *
   * @throws WebhookVerificationException {@link Reason#MALFORMED_SIGNATURE} if an id cannot be
   *     signed content (see the class documentation)
   */
  static String manifest(WebhookRequest request, CharSequence ts)
      throws WebhookVerificationException {
    return ids(request) + ts + ";";
  }

  /**
   * The manifest up to the timestamp: {@code id:..;request-id:..;ts:}, absent segments left out.
   */
  private static String ids(WebhookRequest request) throws WebhookVerificationException {
    String dataId = dataId(request.uri());
    String requestId = requestId(request);
    StringBuilder ids = new StringBuilder(64);
    if (dataId != null) {
      ids.append("id:").append(asciiLowerCase(dataId)).append(';');
    }
    if (requestId != null) {
      ids.append("request-id:").append(requestId).append(';');
    }
    return ids.append("ts:").toString();
  }

  private static void writeIds(ContentSink sink, WebhookRequest request, CharSequence ts)
      throws WebhookVerificationException {
    sink.writeUtf8(ids(request));
  }

  /**
   * The {@code data.id} of {@code uri}'s query, read as servlet containers read a query ({@link
   * FormData}: names and values decoded); null if it has none. Refuses a query containers cannot
   * read, a repeated {@code data.id} and an unusable one.
   */
  private static String dataId(String uri) throws WebhookVerificationException {
    int query = uri.indexOf('?');
    if (query < 0) {
      return null;
    }
    int fragment = uri.indexOf('#', query);
    Optional<Map<String, List<String>>> parameters =
        FormData.parseQuery(
            uri.substring(query + 1, fragment < 0 ? uri.length() : fragment),
            StandardCharsets.UTF_8);
    if (parameters.isEmpty()) {
      throw malformed("the query is not one every servlet container reads alike");
    }
    List<String> ids = parameters.get().get(DATA_ID_PARAMETER);
    if (ids == null) {
      return null;
    }
    if (ids.size() > 1) {
      throw malformed("data.id is sent more than once");
    }
    return checkedId(ids.get(0), "data.id");
  }

  /** The {@code x-request-id}, null if none was sent. */
  private static String requestId(WebhookRequest request) throws WebhookVerificationException {
    List<String> values = request.headers(REQUEST_ID_HEADER);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw malformed(REQUEST_ID_HEADER + " sent more than once");
    }
    return checkedId(values.get(0), REQUEST_ID_HEADER);
  }

  private static String checkedId(String id, String what) throws WebhookVerificationException {
    if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
      throw malformed(what + " is empty or longer than " + MAX_ID_LENGTH + " characters");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x21 || c > 0x7e || c == ';') {
        throw malformed(what + " is not printable ASCII without ';'");
      }
    }
    return id;
  }

  private static String asciiLowerCase(String id) {
    char[] chars = id.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] += 'a' - 'A';
      }
    }
    return new String(chars);
  }

  private static WebhookVerificationException malformed(String message) {
    return new WebhookVerificationException(Reason.MALFORMED_SIGNATURE, message);
  }

  /**
   * The text of the {@code ts} item of the one {@code x-signature} header (digits only), or empty:
   * to choose the unit, and to read the delivery id of a proven request.
   */
  private static String timestampText(WebhookRequest request) {
    List<String> values = request.headers(SIGNATURE_HEADER);
    if (values.size() != 1) {
      return "";
    }
    for (String item : values.get(0).split(",", 64)) {
      String trimmed = item.strip();
      if (trimmed.startsWith("ts=")) {
        String ts = trimmed.substring(3).strip();
        return ts.length() <= 19 && ts.chars().allMatch(c -> c >= '0' && c <= '9') ? ts : "";
      }
    }
    return "";
  }

  /**
   * The manifest HMAC, in the unit the {@code ts} is written in, then the body's {@code data.id}
   * against the signed one.
   */
  private static final class ManifestSignature implements Authenticator {
    private static final Attempt OTHER_ID =
        Attempt.rejected(Reason.SIGNATURE_MISMATCH, "the body's data.id is not the signed data.id");
    private static final Attempt AMBIGUOUS_ID =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE,
            "the body's data.id is not one value every JSON parser reads alike");

    private static final Attempt PARAMETERS_BODY =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE,
            "the body is sent as a form or multipart, which containers read as parameters beside"
                + " the signed query's data.id");

    private final HmacAuthenticator seconds;
    private final HmacAuthenticator milliseconds;

    /**
     * Whether a container may read the body as request parameters: a {@code Content-Type} of {@code
     * application/x-www-form-urlencoded} or {@code multipart/*}, or more than one. Mercado Pago
     * posts JSON; a JSON string such as {@code "&data.id=999&"} is a parameter to a container that
     * reads the body as a form, beside the query's signed {@code data.id}.
     */
    private static boolean readAsParameters(List<String> contentTypes) {
      if (contentTypes.size() > 1) {
        return true;
      }
      for (String type : contentTypes) {
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
        if (media.equalsIgnoreCase("application/x-www-form-urlencoded")
            || media.regionMatches(true, 0, "multipart/", 0, "multipart/".length())) {
          return true;
        }
      }
      return false;
    }

    ManifestSignature(HmacAuthenticator seconds, HmacAuthenticator milliseconds) {
      this.seconds = seconds;
      this.milliseconds = milliseconds;
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      HmacAuthenticator hmac =
          timestampText(request).length() >= MILLISECOND_DIGITS ? milliseconds : seconds;
      Attempt proven = hmac.attempt(request, context);
      if (!(proven instanceof Attempt.Proven)) {
        return proven;
      }
      if (!request.body().hasRemaining()) {
        return proven; // no body: nothing a handler could read an id from
      }
      if (readAsParameters(request.headers("Content-Type"))) {
        return PARAMETERS_BODY;
      }
      // Any other body must be one JSON object every parser reads alike (not UTF-16, not an
      // array), so that none of them can find another id in it.
      JsonFields.Found found = JsonFields.readUnverified(request.body(), "data.id");
      if (!found.occurs(0)) {
        return proven;
      }
      Optional<String> bodyId = found.value(0);
      if (bodyId.isEmpty()) {
        return AMBIGUOUS_ID;
      }
      String signedId;
      try {
        signedId = dataId(request.uri());
      } catch (WebhookVerificationException cannot) {
        return AMBIGUOUS_ID; // not reached: the manifest was read from the same URI
      }
      // ASCII case only: Unicode case folding would match the Kelvin sign to a "k".
      return signedId != null && asciiLowerCase(signedId).equals(asciiLowerCase(bodyId.get()))
          ? proven
          : OTHER_ID;
    }

    @Override
    public String toString() {
      return "MercadoPago.ManifestSignature{" + seconds + "}";
    }
  }
}
