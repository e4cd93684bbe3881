package dev.hookverify.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A verified delivery as the inbox stored it: what the verifier proved (provider, tenant, key id,
 * delivery id and whether it is signed, signed timestamp), when it was received, its content type
 * and body, and where its processing stands. Handlers read the body from here, never from a second
 * copy of the request.
 *
 * <p>Instances are immutable snapshots and thread-safe; {@link #toString()} prints no body.
 */
public final class StoredDelivery {
  private final long id;
  private final String deliveryKey;
  private final String provider;
  private final String tenant;
  private final String deliveryId;
  private final boolean deliveryIdSigned;
  private final String keyId;
  private final Instant signedAt;
  private final Instant receivedAt;
  private final String contentType;
  private final String headers;
  private final byte[] body;
  private final DeliveryStatus status;
  private final int attempt;
  private final Instant nextAttemptAt;
  private final String lastError;
  private final String leaseOwner;

  StoredDelivery(
      long id,
      String deliveryKey,
      String provider,
      String tenant,
      String deliveryId,
      boolean deliveryIdSigned,
      String keyId,
      Instant signedAt,
      Instant receivedAt,
      String contentType,
      String headers,
      byte[] body,
      DeliveryStatus status,
      int attempt,
      Instant nextAttemptAt,
      String lastError,
      String leaseOwner) {
    this.id = id;
    this.deliveryKey = deliveryKey;
    this.provider = provider;
    this.tenant = tenant;
    this.deliveryId = deliveryId;
    this.deliveryIdSigned = deliveryIdSigned;
    this.keyId = keyId;
    this.signedAt = signedAt;
    this.receivedAt = receivedAt;
    this.contentType = contentType;
    this.headers = headers;
    this.body = body;
    this.status = status;
    this.attempt = attempt;
    this.nextAttemptAt = nextAttemptAt;
    this.lastError = lastError;
    this.leaseOwner = leaseOwner;
  }

  /** The row's id in the inbox table. */
  public long id() {
    return id;
  }

  /**
   * The key the delivery was deduplicated on ({@link dev.hookverify.VerifiedWebhook#deliveryKey}).
   */
  public String deliveryKey() {
    return deliveryKey;
  }

  /** The provider name, such as {@code stripe}. */
  public String provider() {
    return provider;
  }

  /** The tenant whose key matched, when keys are per tenant. */
  public Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }

  /** The sender's delivery id, when it sent one. */
  public Optional<String> deliveryId() {
    return Optional.ofNullable(deliveryId);
  }

  /** Whether the delivery id was covered by the signature. */
  public boolean isDeliveryIdSigned() {
    return deliveryIdSigned;
  }

  /** The id of the key that verified the delivery. */
  public String keyId() {
    return keyId;
  }

  /** The signed timestamp, when the scheme signs one. */
  public Optional<Instant> signedAt() {
    return Optional.ofNullable(signedAt);
  }

  /** When the inbox accepted the delivery (the inbox's clock). */
  public Instant receivedAt() {
    return receivedAt;
  }

  /** The request's {@code Content-Type}, when it had one. */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /**
   * The first value of header {@code name} (any case) as received, if the inbox keeps it ({@link
   * DeliveryInbox.Builder#keepHeaders}). Unsigned unless the sender's scheme signs it: a routing
   * hint, never proof.
   */
  public Optional<String> header(String name) {
    if (headers == null) {
      return Optional.empty();
    }
    String prefix = name.toLowerCase(Locale.ROOT) + ": ";
    for (String line : headers.split("\n", -1)) {
      if (line.startsWith(prefix)) {
        return Optional.of(line.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }

  /** A copy of the verified body bytes. */
  public byte[] body() {
    return body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyAsString() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** The status when this snapshot was read. */
  public DeliveryStatus status() {
    return status;
  }

  /**
   * The attempt this snapshot belongs to: 1 for the first run of the handler, and one more for each
   * later run (a retry, or a take-over after a lease expired); 0 if never attempted.
   */
  public int attempt() {
    return attempt;
  }

  /** When a pending delivery becomes due (or a processing one's lease ends). */
  public Instant nextAttemptAt() {
    return nextAttemptAt;
  }

  /** The failure of the last attempt, as the inbox recorded it (class and message, cut short). */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  String leaseOwner() {
    return leaseOwner;
  }

  @Override
  public String toString() {
    return "StoredDelivery{"
        + deliveryKey
        + ", "
        + status
        + ", attempt="
        + attempt
        + ", body="
        + body.length
        + " bytes}";
  }
}
