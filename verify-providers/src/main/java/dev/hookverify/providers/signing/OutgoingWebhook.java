package dev.hookverify.providers.signing;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a sender is about to deliver, for {@link Sender#sign}: the body and whatever else the
 * provider signs or sends beside it (a timestamp, a delivery id, the URL and method, the event or
 * topic, other metadata headers). Values a provider does not use are ignored; those it needs and
 * are not given take realistic defaults, so {@code Sender.sign} always produces the complete set of
 * headers the real sender sends.
 *
 * <p>Timestamps are epoch seconds from {@value #MIN_TIMESTAMP} (1970-01-01T00:00:00Z) to {@value
 * #MAX_TIMESTAMP} (9999-12-31T23:59:59Z): verifiers read timestamps without a sign, so nothing
 * before 1970 verifies, and RFC 3339 (Twitch's timestamps) writes four-digit years. Outside that
 * range no verifier accepts the delivery, and a value past it is almost always milliseconds passed
 * as seconds.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class OutgoingWebhook {
  /** The earliest signing time accepted, in epoch seconds: 1970-01-01T00:00:00Z. */
  public static final long MIN_TIMESTAMP = 0L;

  /** The latest signing time accepted, in epoch seconds: 9999-12-31T23:59:59Z. */
  public static final long MAX_TIMESTAMP = 253_402_300_799L;

  private final byte[] body;
  private final long timestamp;
  private final String id;
  private final String url;
  private final String method;
  private final String contentType;
  private final String event;
  private final Map<String, String> headers;

  private OutgoingWebhook(Builder b) {
    this.body = b.body;
    this.timestamp = b.timestamp;
    this.id = b.id;
    this.url = b.url;
    this.method = b.method;
    this.contentType = b.contentType;
    this.event = b.event;
    Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(b.headers);
    this.headers = Collections.unmodifiableMap(copy);
  }

  /** A builder for a delivery of {@code body}, timestamped now. */
  public static Builder builder(byte[] body) {
    return new Builder(body);
  }

  /** A copy of the body. */
  public byte[] body() {
    return body.clone();
  }

  /** The signing time, in epoch seconds. */
  public long timestamp() {
    return timestamp;
  }

  /** The delivery id; default a fresh {@code msg_...}. */
  public String id() {
    return id;
  }

  /** The URL the sender calls; default {@code https://localhost/webhooks}. */
  public String url() {
    return url;
  }

  /** The HTTP method; default {@code POST}. */
  public String method() {
    return method;
  }

  /** The content type given, or {@code otherwise}: the sender's own default. */
  public String contentType(String otherwise) {
    return contentType == null ? otherwise : contentType;
  }

  /** The event or topic given, or {@code otherwise}: the sender's realistic default. */
  public String event(String otherwise) {
    return event == null ? otherwise : event;
  }

  /** The value given for header {@code name} (case-insensitive), if any. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** Every header given, by name, case-insensitive; unmodifiable. */
  public Map<String, String> headers() {
    return headers;
  }

  /** This delivery with {@code contentType} unless one was given: the sender's default. */
  public OutgoingWebhook withDefaultContentType(String contentType) {
    if (this.contentType != null) {
      return this;
    }
    Builder copy = new Builder(this);
    copy.contentType = contentType;
    return new OutgoingWebhook(copy);
  }

  /** Builds an {@link OutgoingWebhook}. Not thread-safe. */
  public static final class Builder {
    private final byte[] body;
    private long timestamp = Instant.now().getEpochSecond();
    private String id = "msg_" + Long.toHexString(System.nanoTime());
    private String url = "https://localhost/webhooks";
    private String method = "POST";
    private String contentType;
    private String event;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private Builder(byte[] body) {
      this.body = requireNonNull(body, "body").clone();
    }

    private Builder(OutgoingWebhook webhook) {
      this.body = webhook.body;
      this.timestamp = webhook.timestamp;
      this.id = webhook.id;
      this.url = webhook.url;
      this.method = webhook.method;
      this.contentType = webhook.contentType;
      this.event = webhook.event;
      this.headers.putAll(webhook.headers);
    }

    /**
     * The signing time in epoch seconds; default now.
     *
     * @throws IllegalArgumentException outside {@value #MIN_TIMESTAMP}..{@value #MAX_TIMESTAMP}
     *     (see the class documentation)
     */
    public Builder timestamp(long epochSeconds) {
      if (epochSeconds < MIN_TIMESTAMP || epochSeconds > MAX_TIMESTAMP) {
        throw new IllegalArgumentException(timestampRange(epochSeconds));
      }
      this.timestamp = epochSeconds;
      return this;
    }

    /** The delivery id; default a fresh one. */
    public Builder id(String id) {
      this.id = requireNonNull(id, "id");
      return this;
    }

    /** The URL the delivery is sent to (Twilio, Square and HubSpot sign it). */
    public Builder url(String url) {
      this.url = requireNonNull(url, "url");
      return this;
    }

    /** The HTTP method; default {@code POST} (HubSpot signs it). */
    public Builder method(String method) {
      this.method = requireNonNull(method, "method");
      return this;
    }

    /**
     * The body's content type; default the sender's own ({@code application/json} for most,
     * form-encoded for Twilio).
     */
    public Builder contentType(String contentType) {
      this.contentType = requireNonNull(contentType, "contentType");
      return this;
    }

    /**
     * The event type or topic, for senders that name it in a header ({@code X-GitHub-Event}, {@code
     * X-Shopify-Topic}, {@code X-Event-Key}, ...); default a realistic one per sender, such as
     * {@code push} or {@code orders/create}.
     */
    public Builder event(String event) {
      this.event = requireNonNull(event, "event");
      return this;
    }

    /**
     * Sends header {@code name} with {@code value}: replaces the sender's default for a metadata
     * header it sends (such as {@code X-Shopify-Shop-Domain}), or adds a header it does not send. A
     * header that carries or is covered by the proof cannot be replaced this way: signing then
     * throws {@link IllegalArgumentException}; set the timestamp or id instead.
     *
     * @throws IllegalArgumentException if the name is not an HTTP token
     */
    public Builder header(String name, String value) {
      requireNonNull(name, "name");
      if (name.isEmpty() || !name.chars().allMatch(Builder::isTokenChar)) {
        throw new IllegalArgumentException("header name is not an HTTP token: " + name);
      }
      headers.put(name, requireNonNull(value, "value"));
      return this;
    }

    /** The delivery. */
    public OutgoingWebhook build() {
      return new OutgoingWebhook(this);
    }

    private static boolean isTokenChar(int c) {
      return c > 0x20 && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
    }
  }

  /** Why {@code epochSeconds} is refused as a signing time. */
  public static String timestampRange(long epochSeconds) {
    return "timestamp "
        + epochSeconds
        + " is outside "
        + MIN_TIMESTAMP
        + ".."
        + MAX_TIMESTAMP
        + " epoch seconds (1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z): verifiers read no sign,"
        + " and RFC 3339 timestamps have four-digit years"
        + (epochSeconds > MAX_TIMESTAMP && epochSeconds / 1000 <= MAX_TIMESTAMP
            ? "; is it in milliseconds?"
            : "");
  }
}
