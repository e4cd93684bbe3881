package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a sender is about to deliver, for {@link Provider#sign}: the body and whatever else the
 * provider signs (a timestamp, a delivery id, the URL). Values a provider does not use are ignored.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class OutgoingWebhook {
  private final byte[] body;
  private final long timestamp;
  private final String id;
  private final String url;
  private final String contentType;

  private OutgoingWebhook(Builder b) {
    this.body = b.body;
    this.timestamp = b.timestamp;
    this.id = b.id;
    this.url = b.url;
    this.contentType = b.contentType;
  }

  /** A builder for a delivery of {@code body}, timestamped now. */
  public static Builder builder(byte[] body) {
    return new Builder(body);
  }

  byte[] body() {
    return body;
  }

  long timestamp() {
    return timestamp;
  }

  String id() {
    return id;
  }

  String url() {
    return url;
  }

  String contentType() {
    return contentType;
  }

  /** Builds an {@link OutgoingWebhook}. Not thread-safe. */
  public static final class Builder {
    private final byte[] body;
    private long timestamp = Instant.now().getEpochSecond();
    private String id = "msg_" + Long.toHexString(System.nanoTime());
    private String url = "https://localhost/webhooks";
    private String contentType = "application/json";

    private Builder(byte[] body) {
      this.body = requireNonNull(body, "body").clone();
    }

    /** The signing time in epoch seconds; default now. */
    public Builder timestamp(long epochSeconds) {
      this.timestamp = epochSeconds;
      return this;
    }

    /** The delivery id; default a fresh one. */
    public Builder id(String id) {
      this.id = requireNonNull(id, "id");
      return this;
    }

    /** The URL the delivery is sent to (Twilio signs it). */
    public Builder url(String url) {
      this.url = requireNonNull(url, "url");
      return this;
    }

    /** The body's content type; default {@code application/json}. */
    public Builder contentType(String contentType) {
      this.contentType = requireNonNull(contentType, "contentType");
      return this;
    }

    /** The delivery. */
    public OutgoingWebhook build() {
      return new OutgoingWebhook(this);
    }
  }
}
