package dev.hookverify.providers;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hookverify.Attempt;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.CertificateSignature;
import dev.hookverify.CertificateSource;
import dev.hookverify.CertificateUrlPolicy;
import dev.hookverify.DeliveryId;
import dev.hookverify.Reason;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AWS SNS HTTP/HTTPS subscriptions: no signature header; the JSON body carries {@code Signature},
 * {@code SignatureVersion} ({@code "1"} RSA-SHA1, {@code "2"} RSA-SHA256) and {@code
 * SigningCertURL}, and the signature covers a canonical string of {@code key\nvalue\n} lines built
 * from the body's fields: for a {@code Notification} {@code Message}, {@code MessageId}, {@code
 * Subject} (if present), {@code Timestamp}, {@code TopicArn}, {@code Type}; for a {@code
 * SubscriptionConfirmation} or {@code UnsubscribeConfirmation} {@code Message}, {@code MessageId},
 * {@code SubscribeURL}, {@code Timestamp}, {@code Token}, {@code TopicArn}, {@code Type}. Verified
 * by core's {@link CertificateSignature}.
 *
 * <p><b>Certificates.</b> Supplied by the application, never fetched by default: the PEM of the
 * certificate SNS signs with ({@link #builder(CertificateSource)} with {@link
 * CertificateSource#ofPem}, or {@link CertificateSource#byUrl}), or, as an explicit choice, a
 * {@link dev.hookverify.CertificateFetcher} built on {@link #CERTIFICATE_URLS}. Before any look-up,
 * {@code SigningCertURL} must be {@code https://sns.<region>.amazonaws.com/<name>.pem} or {@code
 * https://sns.<region>.amazonaws.com.cn/<name>.pem}, exactly ({@link
 * Reason#UNTRUSTED_CERTIFICATE_URL}); the certificate must name {@code sns.amazonaws.com}, {@code
 * sns-signing.<region>.amazonaws.com}, {@code sns-<region>.amazonaws.com.cn} or {@code
 * sns-us-gov-west-1.amazonaws.com} (the names the AWS SDK expects) and be valid at the verifier's
 * clock ({@link Reason#UNTRUSTED_CERTIFICATE}).
 *
 * <p><b>What is verified is what the handler reads.</b> The body is parsed once, strictly (one JSON
 * object of strict UTF-8, no key repeated anywhere, nothing after it); every field above is a
 * string of well-formed text when present; a key that differs from one of them only in case, or has
 * a dot, is refused; a {@code Type} other than the three, a field of another type's canonical
 * string ({@code Token} in a notification, {@code Subject} in a confirmation), and an {@code
 * x-amz-sns-message-type}, {@code -message-id} or {@code -topic-arn} header that disagrees with the
 * body are {@link Reason#MALFORMED_SIGNATURE}; so is a {@code Message} holding a {@code MessageId}
 * line or a {@code MessageId} holding a line break, since SNS does not escape its lines and such a
 * string splits into two messages with two ids. Read the verified fields with {@link
 * #message(VerifiedWebhook)}; {@code UnsubscribeURL} and {@code MessageAttributes} are not signed.
 *
 * <p><b>One delivery, one key.</b> The delivery id is {@code MessageId}, signed; SNS retries keep
 * it. The signed {@code Timestamp} is not checked for age by default (the SDK checks none, and
 * retries keep the original timestamp for as long as the subscription's delivery policy retries);
 * set a tolerance ({@link #builder(CertificateSource, Duration)}) longer than that policy to bound
 * replays beyond the idempotency store's memory. A {@code SignatureVersion} downgrade needs a new
 * signature by AWS's key, so it cannot be made; topics signed with version 2 can refuse version 1
 * outright ({@link #builderForSignatureVersion2(CertificateSource, Duration)}).
 *
 * <p><b>A forgery costs bounded work.</b> One parse of at most 50,000 tokens, no certificate
 * look-up for a URL off SNS's hosts, then at most {@link dev.hookverify.Pem#MAX_CERTIFICATES} RSA
 * verifications; supplied certificates are looked up in memory, so a forged flood fetches nothing.
 *
 * <p><b>Topics.</b> SNS signs every account's messages with the same certificate, and any AWS
 * account can subscribe this endpoint to a topic of its own: a valid signature proves SNS sent the
 * message, not that it is of this application's topic. Name the topics accepted ({@link
 * #builder(CertificateSource, Duration, Collection)}); without them the handler must check {@link
 * Message#topicArn()} itself.
 *
 * <p><b>Subscriptions.</b> {@link #subscribeUrl(VerifiedWebhook, Collection)} returns the {@code
 * SubscribeURL} of a verified {@code SubscriptionConfirmation} (signed) of one of the topics named,
 * only if it is an {@code https://sns.<region>.amazonaws.com[.cn]/?Action=ConfirmSubscription&...}
 * URL: GET it to confirm. Raw message delivery sends no signature and cannot be verified.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message-verify-message-signature.html">
 *     Amazon SNS: verifying the signature of a message</a>
 */
public final class AwsSns {
  /** The registry name. */
  public static final String NAME = "aws-sns";

  /** The header naming the message type (unsigned; must agree with the body's {@code Type}). */
  public static final String MESSAGE_TYPE_HEADER = "x-amz-sns-message-type";

  /** The header carrying the message id (unsigned; must agree with the body's). */
  public static final String MESSAGE_ID_HEADER = "x-amz-sns-message-id";

  /** The header carrying the topic ARN (unsigned; must agree with the body's). */
  public static final String TOPIC_ARN_HEADER = "x-amz-sns-topic-arn";

  /** The header carrying the subscription ARN of a notification (unsigned). */
  public static final String SUBSCRIPTION_ARN_HEADER = "x-amz-sns-subscription-arn";

  /** AWS's region geography prefixes (the region {@code eu-west-1} starts with {@code eu-}). */
  private static final List<String> REGION_PREFIXES =
      List.of("af", "ap", "ca", "eu", "eusc", "il", "me", "mx", "sa", "us");

  /**
   * The hosts SNS names its signing certificates on: {@code sns.<region>.amazonaws.com[.cn]}, the
   * region label starting with one of AWS's geography prefixes. Not {@code sns.*.amazonaws.com}:
   * that also matches S3's virtual hosts of a bucket named {@code sns} ({@code
   * sns.s3.amazonaws.com}, {@code sns.s3-us-west-2.amazonaws.com}), whose owner could serve a
   * certificate of their own to a {@link dev.hookverify.CertificateFetcher}.
   */
  public static final CertificateUrlPolicy CERTIFICATE_URLS = certificateUrls();

  private static CertificateUrlPolicy certificateUrls() {
    CertificateUrlPolicy.Builder policy = CertificateUrlPolicy.builder();
    for (String prefix : REGION_PREFIXES) {
      policy.host("sns." + prefix + "-*.amazonaws.com");
    }
    return policy.host("sns.cn-*.amazonaws.com.cn").pathSuffix(".pem").build();
  }

  static final String NOTIFICATION = "Notification";
  static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
  static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

  private static final Pattern SUBSCRIBE_URL =
      Pattern.compile(
          "https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/\\?Action=ConfirmSubscription&"
              + "[A-Za-z0-9._~%:&=+/-]*");

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(java.time.ZoneOffset.UTC);

  /** Every field read from the body, in the order a canonical string lists them. */
  private static final List<String> FIELDS =
      List.of(
          "Message",
          "MessageId",
          "Subject",
          "SubscribeURL",
          "Timestamp",
          "Token",
          "TopicArn",
          "Type",
          "SignatureVersion",
          "Signature",
          "SigningCertURL",
          "UnsubscribeURL");

  private static final Attempt NOT_AN_OBJECT = Attempt.absent("body is not a JSON object");
  private static final Attempt NO_SIGNATURE = Attempt.absent("body carries no Signature");
  private static final Attempt AMBIGUOUS =
      Attempt.rejected(
          Reason.MALFORMED_SIGNATURE, "body is not an SNS message every parser reads alike");

  private AwsSns() {}

  /**
   * A verifier builder for messages signed with the certificates of {@code certificates}, signature
   * versions 1 and 2, timestamps not checked for age.
   */
  public static WebhookVerifier.Builder builder(CertificateSource certificates) {
    return builder(certificates, null);
  }

  /**
   * A verifier builder as {@link #builder(CertificateSource)} that also rejects timestamps older or
   * further ahead than {@code tolerance}; null for none.
   */
  public static WebhookVerifier.Builder builder(
      CertificateSource certificates, Duration tolerance) {
    return builder(certificates, tolerance, true, Set.of());
  }

  /**
   * A verifier builder as {@link #builder(CertificateSource, Duration)} that accepts messages of
   * the topics {@code topicArns} only. SNS signs the messages of every AWS account's topics with
   * the same certificate, and any account can subscribe this endpoint to a topic of its own: the
   * signature proves that SNS sent a message, not that it came from a topic of this application. A
   * message of another topic is {@link Reason#SIGNATURE_MISMATCH}.
   *
   * @throws IllegalArgumentException if {@code topicArns} is empty or holds a blank ARN
   */
  public static WebhookVerifier.Builder builder(
      CertificateSource certificates, Duration tolerance, Collection<String> topicArns) {
    return builder(certificates, tolerance, true, topics(topicArns));
  }

  /**
   * A verifier builder that accepts {@code SignatureVersion} 2 (RSA-SHA256) only, for topics
   * configured to sign with it; {@code tolerance} as above.
   */
  public static WebhookVerifier.Builder builderForSignatureVersion2(
      CertificateSource certificates, Duration tolerance) {
    return builder(certificates, tolerance, false, Set.of());
  }

  /**
   * {@link #builderForSignatureVersion2(CertificateSource, Duration)} for the topics {@code
   * topicArns} only, as {@link #builder(CertificateSource, Duration, Collection)}.
   */
  public static WebhookVerifier.Builder builderForSignatureVersion2(
      CertificateSource certificates, Duration tolerance, Collection<String> topicArns) {
    return builder(certificates, tolerance, false, topics(topicArns));
  }

  private static Set<String> topics(Collection<String> topicArns) {
    Set<String> topics = Set.copyOf(java.util.Objects.requireNonNull(topicArns, "topicArns"));
    if (topics.isEmpty() || topics.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("one or more topic ARNs, none blank");
    }
    return topics;
  }

  /**
   * A verifier builder for the PEM certificates {@code pems}, configured by {@code options}: a
   * tolerance bounds the signed timestamp.
   */
  static WebhookVerifier.Builder builder(List<String> pems, ProviderOptions options) {
    options.allowOnly(NAME, ProviderOptions.Option.TOLERANCE);
    if (pems.size() > dev.hookverify.KeyRing.MAX_KEYS) {
      throw new IllegalArgumentException("at most " + dev.hookverify.KeyRing.MAX_KEYS + " keys");
    }
    return builder(
        SigningCertificates.source(pems), options.tolerance().orElse(null), true, Set.of());
  }

  private static WebhookVerifier.Builder builder(
      CertificateSource certificates,
      Duration tolerance,
      boolean acceptVersion1,
      Set<String> topicArns) {
    CertificateSignature.Builder signature =
        CertificateSignature.builder(CERTIFICATE_URLS, certificates)
            .algorithm("2", "SHA256withRSA")
            .subject("sns.amazonaws.com")
            .subject("sns-signing.*.amazonaws.com")
            .subject("sns-*.amazonaws.com.cn")
            .subject("sns-us-gov-west-1.amazonaws.com");
    if (acceptVersion1) {
      signature.algorithm("1", "SHA1withRSA");
    }
    TimestampPolicy policy =
        tolerance == null
            ? TimestampPolicy.freshnessNotChecked(TimestampPolicy.Unit.RFC_3339)
            : TimestampPolicy.rfc3339(tolerance, tolerance);
    return WebhookVerifier.builder(NAME)
        .authenticator(new BodySignature(signature.build(), policy, topicArns))
        .deliveryId(
            (request, authentication) ->
                Optional.of(deliveryId(verifiedFields(request.body()).get("MessageId"))));
  }

  /**
   * The signed fields of a delivery {@code webhook} that an SNS verifier accepted, read from the
   * verified body by the same strict parse the verifier used.
   *
   * @throws IllegalArgumentException if {@code webhook} was not verified by an SNS verifier
   */
  public static Message message(VerifiedWebhook webhook) {
    if (!webhook.provider().equals(NAME)) {
      throw new IllegalArgumentException("not an SNS delivery: " + webhook.provider());
    }
    return new Message(verifiedFields(ByteBuffer.wrap(webhook.body())));
  }

  /**
   * The {@code SubscribeURL} to GET to confirm the subscription, if {@code webhook} is a verified
   * {@code SubscriptionConfirmation} of one of the topics {@code topicArns} whose (signed) URL is
   * on an SNS host; empty for any other message, a topic not named, or a URL elsewhere. The topics
   * are required: any AWS account can have SNS send this endpoint a genuine, signed confirmation
   * for a topic of its own, and confirming it would let that account publish to this endpoint.
   *
   * @throws IllegalArgumentException if {@code webhook} was not verified by an SNS verifier, or
   *     {@code topicArns} is empty
   */
  public static Optional<String> subscribeUrl(
      VerifiedWebhook webhook, Collection<String> topicArns) {
    Set<String> topics = topics(topicArns);
    Message message = message(webhook);
    if (!message.type().equals(SUBSCRIPTION_CONFIRMATION) || !topics.contains(message.topicArn())) {
      return Optional.empty();
    }
    return message.subscribeUrl().filter(url -> SUBSCRIBE_URL.matcher(url).matches());
  }

  /** The signed fields of a verified SNS message. Immutable and thread-safe. */
  public static final class Message {
    private final Map<String, String> fields;

    private Message(Map<String, String> fields) {
      this.fields = fields;
    }

    /**
     * {@code Notification}, {@code SubscriptionConfirmation} or {@code UnsubscribeConfirmation}.
     */
    public String type() {
      return fields.get("Type");
    }

    /** The message id, unique per message; SNS retries keep it. */
    public String messageId() {
      return fields.get("MessageId");
    }

    /** The topic's ARN. */
    public String topicArn() {
      return fields.get("TopicArn");
    }

    /** The message text. */
    public String message() {
      return fields.get("Message");
    }

    /** The subject of a notification, if it has one. */
    public Optional<String> subject() {
      return Optional.ofNullable(fields.get("Subject"));
    }

    /** The signed timestamp, exactly as sent. */
    public String timestampText() {
      return fields.get("Timestamp");
    }

    /** The signed timestamp. */
    public Instant timestamp() {
      return java.time.OffsetDateTime.parse(fields.get("Timestamp")).toInstant();
    }

    /** The subscribe URL of a confirmation; use {@link AwsSns#subscribeUrl} to confirm. */
    public Optional<String> subscribeUrl() {
      return Optional.ofNullable(fields.get("SubscribeURL"));
    }

    /** The token of a confirmation. */
    public Optional<String> token() {
      return Optional.ofNullable(fields.get("Token"));
    }

    @Override
    public String toString() {
      return "AwsSns.Message{" + type() + ", " + messageId() + "}";
    }
  }

  /**
   * The canonical string SNS signs for the fields of {@code fields}, or null if its {@code Type} is
   * none of the three or a field of its string is missing, or a field of another type's string is
   * present.
   */
  static String canonical(Map<String, String> fields) {
    String type = fields.get("Type");
    List<String> names;
    List<String> foreign;
    if (NOTIFICATION.equals(type)) {
      names = List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
      foreign = List.of("SubscribeURL", "Token");
    } else if (SUBSCRIPTION_CONFIRMATION.equals(type) || UNSUBSCRIBE_CONFIRMATION.equals(type)) {
      names =
          List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
      foreign = List.of("Subject", "UnsubscribeURL");
    } else {
      return null;
    }
    for (String name : foreign) {
      if (fields.containsKey(name)) {
        return null;
      }
    }
    String messageId = fields.get("MessageId");
    String message = fields.get("Message");
    if ((messageId != null && messageId.indexOf('\n') >= 0)
        || (message != null && message.contains("\nMessageId\n"))) {
      // Lines are not escaped: either would let one signed string be split into another
      // MessageId, a new delivery id for a replay.
      return null;
    }
    StringBuilder canonical = new StringBuilder();
    for (String name : names) {
      String value = fields.get(name);
      if (value == null) {
        if (name.equals("Subject")) {
          continue; // only if present
        }
        return null;
      }
      canonical.append(name).append('\n').append(value).append('\n');
    }
    return canonical.toString();
  }

  /**
   * The delivery id for a message id: itself, signed, or a SHA-256 of it if it is not printable.
   */
  static DeliveryId deliveryId(String messageId) {
    if (DeliveryId.isValid(messageId)) {
      return DeliveryId.of(messageId, true);
    }
    return DeliveryId.of("sha256-" + Signed.hex(Tokens.sha256(messageId)), true);
  }

  /**
   * Reads every field of {@link #FIELDS} present in {@code body} into {@code fields}, in one strict
   * pass.
   *
   * @return null if the body was read; else why it carries no message to verify
   */
  static Attempt read(ByteBuffer body, Map<String, String> fields) {
    if (!StrictJson.isObject(body)) {
      return NOT_AN_OBJECT;
    }
    // Jackson reports malformed JSON by throwing; it is turned into a value here, once.
    try (JsonParser parser = StrictJson.openUnverified(body)) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (FIELDS.contains(name)) {
          if (value != JsonToken.VALUE_STRING || StrictJson.hasLoneSurrogate(parser.getText())) {
            // null, a number or an object would read as text differently from parser to parser
            throw new JsonParseException(parser, name + " is not a string of well-formed text");
          }
          fields.put(name, parser.getText());
        } else {
          refuseLookalike(name);
          parser.skipChildren();
        }
      }
      StrictJson.end(parser);
      return null;
    } catch (IOException | RuntimeException e) {
      return AMBIGUOUS;
    }
  }

  private static void refuseLookalike(String name) throws IOException {
    if (name.indexOf('.') >= 0) {
      throw new IOException("a literal dotted key");
    }
    for (String field : FIELDS) {
      if (name.equalsIgnoreCase(field)) {
        throw new IOException("a key that differs from " + field + " only in case");
      }
    }
  }

  /**
   * The fields of a body an SNS verifier accepted.
   *
   * @throws IllegalArgumentException if the body is not one an SNS verifier accepts
   */
  private static Map<String, String> verifiedFields(ByteBuffer body) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (read(body, fields) != null || canonical(fields) == null) {
      throw new IllegalArgumentException("not a verified SNS message");
    }
    return java.util.Collections.unmodifiableMap(fields);
  }

  /** Reads the message from the body, checks it against the headers and verifies its signature. */
  private static final class BodySignature implements Authenticator {
    private static final Attempt NOT_CANONICAL =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE,
            "Type missing or unknown, a signed field missing, or a field of another type present");
    private static final Attempt HEADER_DISAGREES =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE, "an x-amz-sns-* header disagrees with the signed body");
    private static final Attempt NO_TIMESTAMP =
        Attempt.rejected(Reason.MISSING_TIMESTAMP, "no Timestamp");

    private static final Attempt OTHER_TOPIC =
        Attempt.rejected(
            Reason.SIGNATURE_MISMATCH, "the message is of a topic this receiver does not accept");

    private final CertificateSignature signature;
    private final TimestampPolicy policy;
    private final Set<String> topicArns;

    BodySignature(CertificateSignature signature, TimestampPolicy policy, Set<String> topicArns) {
      this.signature = signature;
      this.policy = policy;
      this.topicArns = topicArns;
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      Map<String, String> fields = new LinkedHashMap<>();
      Attempt unread = read(request.body(), fields); // one pass over the (not yet trusted) body
      if (unread != null) {
        return unread;
      }
      if (fields.get("Signature") == null) {
        return NO_SIGNATURE;
      }
      String timestamp = fields.get("Timestamp");
      if (timestamp == null) {
        return NO_TIMESTAMP;
      }
      String canonical = canonical(fields);
      if (canonical == null) {
        return NOT_CANONICAL;
      }
      if (!agrees(request, MESSAGE_TYPE_HEADER, fields.get("Type"))
          || !agrees(request, MESSAGE_ID_HEADER, fields.get("MessageId"))
          || !agrees(request, TOPIC_ARN_HEADER, fields.get("TopicArn"))) {
        return HEADER_DISAGREES;
      }
      if (!topicArns.isEmpty() && !topicArns.contains(fields.get("TopicArn"))) {
        return OTHER_TOPIC; // signed by SNS, perhaps, but for another account's topic
      }
      Instant signedAt;
      try {
        signedAt = policy.check(timestamp, 0, timestamp.length(), context.clock());
      } catch (WebhookVerificationException e) {
        return Attempt.rejected(e.reason(), "Timestamp: " + e.getMessage());
      }
      Attempt attempt =
          signature.verify(
              request,
              context.clock(),
              fields.getOrDefault("SignatureVersion", ""),
              fields.getOrDefault("SigningCertURL", ""),
              fields.get("Signature"),
              canonical.getBytes(StandardCharsets.UTF_8),
              signedAt);
      return attempt;
    }

    /** An unsigned header a handler may route on: absent, or sent once with the signed value. */
    private static boolean agrees(WebhookRequest request, String header, String signed) {
      List<String> values = request.headers(header);
      return values.isEmpty() || (values.size() == 1 && values.get(0).equals(signed));
    }

    @Override
    public String toString() {
      return "AwsSns.BodySignature{" + signature + "}";
    }
  }

  /**
   * What SNS posts for {@code webhook}, signed with the RSA key {@code privateKeyBase64} (base64
   * PKCS#8): a {@code Notification} whose {@code Message} is the webhook's body as UTF-8 text,
   * {@code MessageId} its id, {@code Timestamp} its time with milliseconds as SNS writes it, {@code
   * SignatureVersion} 1 (SNS's default), on a test topic in us-east-1; and SNS's headers.
   */
  static SignedDelivery signedDelivery(String privateKeyBase64, OutgoingWebhook webhook) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Type", NOTIFICATION);
    fields.put("MessageId", webhook.id());
    fields.put("TopicArn", TEST_TOPIC);
    fields.put("Message", new String(webhook.body(), StandardCharsets.UTF_8));
    fields.put("Timestamp", TIMESTAMP.format(Instant.ofEpochSecond(webhook.timestamp())));
    return sign(privateKeyBase64, fields, "1");
  }

  static final String TEST_TOPIC = "arn:aws:sns:us-east-1:123456789012:hookverify-test";
  static final String TEST_CERTIFICATE_URL =
      "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000000000000f.pem";

  /**
   * The body and headers SNS sends for the message {@code fields} (Type, MessageId, TopicArn,
   * Message, Timestamp, and Subject, SubscribeURL, Token as the type has them), signed with {@code
   * version} ({@code "1"} or {@code "2"}) and the key {@code privateKeyBase64}; fields are written
   * in SNS's order, then SignatureVersion, Signature, SigningCertURL and, for a notification,
   * UnsubscribeURL.
   */
  static SignedDelivery sign(String privateKeyBase64, Map<String, String> fields, String version) {
    String canonical = canonical(fields);
    if (canonical == null) {
      throw new IllegalArgumentException("not the fields of an SNS message: " + fields.keySet());
    }
    byte[] signature =
        SigningCertificates.sign(
            version.equals("2") ? "SHA256withRSA" : "SHA1withRSA",
            SigningCertificates.rsaPrivate(privateKeyBase64),
            canonical.getBytes(StandardCharsets.UTF_8));
    Map<String, String> body = new LinkedHashMap<>();
    for (String name :
        List.of("Type", "MessageId", "Token", "TopicArn", "Subject", "Message", "SubscribeURL")) {
      if (fields.containsKey(name)) {
        body.put(name, fields.get(name));
      }
    }
    body.put("Timestamp", fields.get("Timestamp"));
    body.put("SignatureVersion", version);
    body.put("Signature", Signed.base64(signature));
    body.put("SigningCertURL", fields.getOrDefault("SigningCertURL", TEST_CERTIFICATE_URL));
    boolean notification = NOTIFICATION.equals(fields.get("Type"));
    String subscription = fields.get("TopicArn") + ":8a21d249-4329-4871-acc6-7be709c6ea7f";
    if (notification) {
      body.put(
          "UnsubscribeURL",
          "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn="
              + subscription);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(MESSAGE_TYPE_HEADER, fields.get("Type"));
    headers.put(MESSAGE_ID_HEADER, fields.get("MessageId"));
    headers.put(TOPIC_ARN_HEADER, fields.get("TopicArn"));
    if (notification) {
      headers.put(SUBSCRIPTION_ARN_HEADER, subscription);
    }
    return SignedDelivery.of(headers, json(body).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code fields} as SNS writes its JSON: an object of strings, pretty-printed. */
  private static String json(Map<String, String> fields) {
    StringWriter out = new StringWriter();
    try (com.fasterxml.jackson.core.JsonGenerator generator =
        dev.hookverify.providers.internal.Json.factory().createGenerator(out)) {
      generator.writeStartObject();
      for (Map.Entry<String, String> field : fields.entrySet()) {
        generator.writeStringField(field.getKey(), field.getValue());
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /** The timestamp text SNS writes for {@code instant}: UTC, always three fraction digits. */
  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }
}
