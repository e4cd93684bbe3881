package dev.hookverify.micrometer;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.hookverify.ClaimedDelivery;
import dev.hookverify.DeliveryIdSource;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TenantKeys;
import dev.hookverify.TenantResolver;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.VerificationListener;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.Claim;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.IdempotencyStoreException;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The test endpoint: deliveries from the sender "acme", signed per tenant with a timestamp, through
 * real verifiers, and a way to end a verification with each {@link Reason}.
 *
 * <p>Tenant {@code retired} has only an expired key; {@code boom}'s key lookup throws; every other
 * tenant has one key, {@code k-} and its name.
 */
final class Deliveries {
  static final String PROVIDER = "acme";
  static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  static final int MAX_BODY_BYTES = 256;

  private static final byte[] SECRET = "acme-signing-secret".getBytes(UTF_8);
  private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(UTF_8);
  private static final Map<String, KeyRing> RINGS = new ConcurrentHashMap<>();
  private static final TenantKeys KEYS =
      tenant -> {
        switch (tenant) {
          case "unknown":
            return Optional.empty();
          case "boom":
            throw new IllegalStateException("key store down");
          case "retired":
            return Optional.of(
                RINGS.computeIfAbsent(
                    tenant,
                    t ->
                        KeyRing.builder()
                            .add("k-old", secret(), Instant.EPOCH, NOW.minus(Duration.ofDays(1)))
                            .build()));
          default:
            return Optional.of(
                RINGS.computeIfAbsent(
                    tenant, t -> KeyRing.builder().add("k-" + t, secret()).build()));
        }
      };

  private Deliveries() {}

  /** The endpoint's verifier, telling {@code listener}. */
  static WebhookVerifier verifier(VerificationListener listener) {
    return WebhookVerifier.builder(PROVIDER)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(SignatureHeader.builder("X-Signature").prefix("v1=").build())
                .signedContent(SignedContent.builder().timestamp().literal(".").body().build())
                .timestampHeader("X-Timestamp")
                .timestampPolicy(
                    TimestampPolicy.seconds(Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .tenantKeys(TenantResolver.header("X-Tenant"), KEYS)
                .build())
        .deliveryId(DeliveryIdSource.header("X-Delivery"))
        .maxBodyBytes(MAX_BODY_BYTES)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .listener(listener)
        .build();
  }

  /** A delivery signed correctly for {@code tenant}, with delivery id {@code id}. */
  static WebhookRequest signed(String tenant, String id) {
    return request(tenant, id, timestamp(NOW), BODY, sign(timestamp(NOW), BODY));
  }

  /**
   * A request that {@link #verifier} rejects with {@code reason}, or null for the reasons only an
   * {@link IdempotentVerifier} gives.
   */
  static WebhookRequest rejectedFor(Reason reason) {
    String now = timestamp(NOW);
    return switch (reason) {
      case MISSING_SIGNATURE -> request("t-1", "d-1", now, BODY, null);
      case MALFORMED_SIGNATURE -> request("t-1", "d-1", now, BODY, "not-hex");
      case SIGNATURE_MISMATCH -> request("t-1", "d-1", now, BODY, "00".repeat(32));
      case MISSING_TIMESTAMP -> request("t-1", "d-1", null, BODY, sign(now, BODY));
      case MALFORMED_TIMESTAMP -> request("t-1", "d-1", "soon", BODY, sign(now, BODY));
      case TIMESTAMP_TOO_OLD -> resigned(NOW.minus(Duration.ofMinutes(6)));
      case TIMESTAMP_IN_FUTURE -> resigned(NOW.plus(Duration.ofMinutes(2)));
      case UNKNOWN_TENANT -> request("unknown", "d-1", now, BODY, sign(now, BODY));
      case NO_ACTIVE_KEY -> request("retired", "d-1", now, BODY, sign(now, BODY));
      case BODY_TOO_LARGE -> {
        byte[] large = new byte[MAX_BODY_BYTES + 1];
        yield request("t-1", "d-1", now, large, sign(now, large));
      }
      case VERIFIER_ERROR -> request("boom", "d-1", now, BODY, sign(now, BODY));
      case UNTRUSTED_CERTIFICATE_URL, UNTRUSTED_CERTIFICATE -> null; // certificate senders only
      case MISSING_DELIVERY_ID,
          DUPLICATE_DELIVERY,
          DELIVERY_IN_PROGRESS,
          IDEMPOTENCY_STORE_UNAVAILABLE ->
          null;
    };
  }

  /**
   * Ends one verification with {@code reason} (or accepted, for null) through real verifiers that
   * tell {@code listener}; the deliveries an idempotent ending needs first are told too.
   */
  static void end(Reason reason, VerificationListener listener) throws Exception {
    WebhookVerifier verifier = verifier(listener);
    if (reason == null) {
      verifier.verify(signed("t-1", "d-1"));
      return;
    }
    WebhookRequest rejected = rejectedFor(reason);
    if (rejected != null) {
      expect(reason, () -> verifier.verify(rejected));
      return;
    }
    WebhookRequest delivery = signed("t-1", "d-1");
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(100)).build();
    switch (reason) {
      case MISSING_DELIVERY_ID -> {
        IdempotentVerifier strict =
            IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(100))
                .requireSignedDeliveryId()
                .build();
        expect(reason, () -> strict.claim(delivery));
      }
      case DUPLICATE_DELIVERY -> {
        try (ClaimedDelivery first = idempotent.claim(delivery)) {
          first.complete();
        }
        expect(reason, () -> idempotent.claim(delivery));
      }
      case DELIVERY_IN_PROGRESS -> {
        try (ClaimedDelivery first = idempotent.claim(delivery)) {
          expect(reason, () -> idempotent.claim(delivery));
          first.complete();
        }
      }
      case IDEMPOTENCY_STORE_UNAVAILABLE -> {
        IdempotentVerifier down = IdempotentVerifier.builder(verifier, new DownStore()).build();
        expect(reason, () -> down.claim(delivery));
      }
      case UNTRUSTED_CERTIFICATE_URL, UNTRUSTED_CERTIFICATE -> {
        // Only certificate-signed senders give these: an authenticator that does, same listener.
        WebhookVerifier certificates =
            WebhookVerifier.builder(PROVIDER)
                .authenticator(
                    (request, context) ->
                        dev.hookverify.Attempt.rejected(reason, "certificate not trusted"))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .listener(listener)
                .build();
        expect(reason, () -> certificates.verify(delivery));
      }
      default -> throw new AssertionError("no idempotent ending for " + reason);
    }
  }

  /** A verification step that is expected to be rejected. */
  interface Step {
    Object run() throws WebhookVerificationException;
  }

  private static void expect(Reason reason, Step step) {
    try {
      step.run();
    } catch (WebhookVerificationException e) {
      if (e.reason() != reason) {
        throw new AssertionError("expected " + reason + " but was " + e.reason(), e);
      }
      return;
    }
    throw new AssertionError("expected " + reason + " but it was accepted");
  }

  private static WebhookRequest resigned(Instant at) {
    return request("t-1", "d-1", timestamp(at), BODY, sign(timestamp(at), BODY));
  }

  private static WebhookRequest request(
      String tenant, String id, String timestamp, byte[] body, String signature) {
    WebhookRequest.Builder b =
        WebhookRequest.builder().header("X-Tenant", tenant).header("X-Delivery", id).body(body);
    if (timestamp != null) {
      b.header("X-Timestamp", timestamp);
    }
    if (signature != null) {
      b.header("X-Signature", "v1=" + signature);
    }
    return b.build();
  }

  private static String timestamp(Instant at) {
    return Long.toString(at.getEpochSecond());
  }

  /** The hex HMAC-SHA256 of {@code timestamp.body}, by the JDK's {@link Mac}. */
  private static String sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static WebhookSecret secret() {
    return WebhookSecret.ofBytes(SECRET);
  }

  /** A store whose backend is unreachable. */
  static final class DownStore implements IdempotencyStore {
    @Override
    public Claim claim(DeliveryKey key, Duration ttl) throws IdempotencyStoreException {
      throw new IdempotencyStoreException("connection refused");
    }

    @Override
    public void complete(Claim claim, Duration retention) throws IdempotencyStoreException {
      throw new IdempotencyStoreException("connection refused");
    }

    @Override
    public void release(Claim claim) throws IdempotencyStoreException {
      throw new IdempotencyStoreException("connection refused");
    }
  }
}
