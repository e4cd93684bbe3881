package dev.hookverify;

import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.internal.SealedByteStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A webhook that passed verification: which provider and key proved it, how ({@link #proof()}),
 * when it was signed, its delivery id and whether that id is signed, its tenant, and its body.
 *
 * <p>Only a {@link WebhookVerifier} creates instances, so holding one means the checks ran. Not a
 * record: its {@code toString} prints no body and its constructor is not public.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class VerifiedWebhook {
  private final String provider;
  private final Authentication authentication;
  private final DeliveryIdSource deliveryIds;
  private final WebhookRequest request;
  private volatile Optional<DeliveryId> deliveryId;
  private volatile DeliveryKey deliveryKey;

  VerifiedWebhook(
      String provider,
      Authentication authentication,
      DeliveryIdSource deliveryIds,
      WebhookRequest request) {
    this.provider = provider;
    this.authentication = authentication;
    this.deliveryIds = deliveryIds;
    this.request = request;
  }

  /** The provider name the verifier was built for, such as {@code stripe}. */
  public String provider() {
    return provider;
  }

  /** How the webhook was proven; {@link Proof#signsContent()} tells whether it was signed. */
  public Proof proof() {
    return authentication.proof();
  }

  /** The id of the key that matched. */
  public String keyId() {
    return authentication.keyId();
  }

  /** The tenant whose key matched, when keys are per tenant. */
  public Optional<String> tenant() {
    return authentication.tenant();
  }

  /** The signed timestamp, when the scheme signs one. */
  public Optional<Instant> timestamp() {
    return authentication.timestamp();
  }

  /**
   * The verified compact JWS, when the proof was one (Vonage, Netlify, Google Pub/Sub push, Apple
   * App Store): its header, claims and payload exactly as the verifier parsed and checked them.
   * Read the sender's claims and signed payload here, never by parsing the token again.
   */
  public Optional<VerifiedJws> jws() {
    return authentication.jws();
  }

  /**
   * The sender's delivery id, when it sends one. Read from the verified request on first call
   * (verification itself parses nothing); an id that cannot be read counts as absent.
   */
  public Optional<String> deliveryId() {
    return delivery().map(DeliveryId::value);
  }

  /** Whether the delivery id is covered by the signature (false when there is none). */
  public boolean isDeliveryIdSigned() {
    return delivery().map(DeliveryId::isSigned).orElse(false);
  }

  /**
   * Whether the request's query string is as the sender sent it: covered by the signature (senders
   * that sign the URL, such as Twilio), or part of a request proven by a token, which vouches for
   * the whole request alike. False when a signature covers the body but not the URL (Stripe,
   * GitHub, Slack): whoever replays such a delivery can change its query, so read nothing from it.
   */
  public boolean isQueryAuthentic() {
    return !authentication.proof().signsContent() || authentication.signsQuery();
  }

  /** The request's {@code Content-Type} header (its first value), when it had one. */
  public Optional<String> contentType() {
    List<String> values = request.headers("Content-Type");
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The first value of the request header {@code name} (any case), as received. A signature covers
   * a header only where the sender's scheme says so ({@link #isDeliveryIdSigned()}, the signed
   * timestamp): read others, such as GitHub's {@code X-GitHub-Event}, as the sender's routing
   * hints, which a replayer of the same delivery can change.
   */
  public Optional<String> header(String name) {
    List<String> values = request.headers(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A copy of the body bytes. */
  public byte[] body() {
    return request.bodyBytes().clone();
  }

  /**
   * The body as a stream over the verified bytes, without a copy; it never hands the array itself
   * to the application ({@code transferTo} writes a copy).
   */
  public InputStream bodyStream() {
    return new SealedByteStream(request.bodyBytes());
  }

  /** The body decoded as UTF-8. */
  public String bodyAsString() {
    return new String(request.bodyBytes(), StandardCharsets.UTF_8);
  }

  /** The body length in bytes. */
  public int bodyLength() {
    return request.bodyLength();
  }

  /**
   * The key {@link IdempotentVerifier} claims for this delivery: a function of the delivery, never
   * of the path its proof took (see {@link IdempotentVerifier}).
   */
  public DeliveryKey deliveryKey() {
    DeliveryKey key = deliveryKey;
    if (key == null) {
      key = IdempotentVerifier.deliveryKey(this); // a SHA-256 of the signed content: once
      deliveryKey = key;
    }
    return key;
  }

  Authentication authentication() {
    return authentication;
  }

  Optional<DeliveryId> delivery() {
    Optional<DeliveryId> id = deliveryId;
    if (id == null) {
      id = readDeliveryId();
      deliveryId = id;
    }
    return id;
  }

  private Optional<DeliveryId> readDeliveryId() {
    if (deliveryIds == null) {
      return Optional.empty();
    }
    try {
      Optional<DeliveryId> id = deliveryIds.deliveryId(request, authentication);
      return id == null ? Optional.empty() : id;
    } catch (WebhookVerificationException | RuntimeException e) {
      return Optional.empty(); // an unreadable id is no id; idempotency falls back to the signature
    }
  }

  byte[] bodyBytes() {
    return request.bodyBytes();
  }

  @Override
  public String toString() {
    return "VerifiedWebhook{"
        + provider
        + ", "
        + proof()
        + ", key="
        + keyId()
        + tenant().map(t -> ", tenant=" + t).orElse("")
        + timestamp().map(t -> ", timestamp=" + t).orElse("")
        + delivery().map(id -> ", delivery=" + id).orElse("")
        + ", body="
        + request.bodyLength()
        + " bytes}";
  }
}
