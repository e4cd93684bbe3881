package dev.hookverify;

import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The security model's second rule at the core: the idempotency key is a function of the delivery,
 * never of the path its proof took, and is scoped by tenant.
 */
class OneDeliveryOneKeyTest {
  private static final long NOW = 1_800_000_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final byte[] OLD_KEY = utf8("old-secret-of-the-rotation");
  private static final byte[] NEW_KEY = utf8("new-secret-of-the-rotation");
  private static final byte[] BODY = utf8("{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}");

  /** Stripe's layout, {@code t=<ts>,v1=<hex>,v1=<hex>}, with two keys during a rotation. */
  private static WebhookVerifier rotating() {
    return WebhookVerifier.builder("rotating")
        .clock(CLOCK)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(
                    SignatureHeader.builder("Signature")
                        .list(',', '=', "v1")
                        .timestampKey("t")
                        .build())
                .signedContent(SignedContent.builder().timestamp().literal(".").body().build())
                .keys(
                    KeyRing.builder()
                        .add("old", WebhookSecret.ofBytes(OLD_KEY))
                        .add("new", WebhookSecret.ofBytes(NEW_KEY))
                        .build())
                .build())
        .build();
  }

  private static String v1(byte[] key) {
    byte[] signed = utf8(NOW + "." + new String(BODY, java.nio.charset.StandardCharsets.UTF_8));
    return "v1=" + hex(hmac(HmacAlgorithm.SHA256, key, signed));
  }

  private static WebhookRequest withSignature(String value) {
    return WebhookRequest.builder().header("Signature", value).body(BODY).build();
  }

  private static Reason reasonOf(IdempotentVerifier verifier, WebhookRequest request) {
    try (ClaimedDelivery delivery = verifier.claim(request)) {
      delivery.complete();
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  @Test
  void claim_droppingTheSignatureOfTheEarlierKey_isDuplicate() {
    IdempotentVerifier verifier =
        IdempotentVerifier.builder(rotating(), new InMemoryIdempotencyStore(100)).build();
    String both = "t=" + NOW + "," + v1(OLD_KEY) + "," + v1(NEW_KEY);
    assertThat(reasonOf(verifier, withSignature(both))).isNull();
    // The replayer keeps only the signature made with the later key: the proof now matches "new".
    String onlyNew = "t=" + NOW + "," + v1(NEW_KEY);
    assertThat(reasonOf(verifier, withSignature(onlyNew))).isEqualTo(Reason.DUPLICATE_DELIVERY);
    String reordered = "t=" + NOW + "," + v1(NEW_KEY) + "," + v1(OLD_KEY) + ",v0=junk";
    assertThat(reasonOf(verifier, withSignature(reordered))).isEqualTo(Reason.DUPLICATE_DELIVERY);
  }

  @Test
  void deliveryKey_isTheDigestOfTheSignedContent_whateverKeyMatched() throws Exception {
    WebhookVerifier verifier = rotating();
    DeliveryKey viaOld =
        verifier.verify(withSignature("t=" + NOW + "," + v1(OLD_KEY))).deliveryKey();
    DeliveryKey viaNew =
        verifier.verify(withSignature("t=" + NOW + "," + v1(NEW_KEY))).deliveryKey();
    assertThat(viaOld).isEqualTo(viaNew);
    byte[] signed = utf8(NOW + "." + new String(BODY, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(viaOld.value())
        .isEqualTo(
            "rotating:content-"
                + hex(java.security.MessageDigest.getInstance("SHA-256").digest(signed)));
  }

  /** Standard Webhooks' layout with per-tenant keys: the signed id is the delivery id. */
  private static WebhookVerifier perTenant() {
    return WebhookVerifier.builder("tenanted")
        .clock(CLOCK)
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(SignatureHeader.builder("webhook-signature").prefix("v1=").build())
                .signedContent(
                    SignedContent.builder().header("webhook-id").literal(".").body().build())
                .tenantKeys(
                    TenantResolver.header("X-Tenant"),
                    TenantKeys.of(
                        Map.of(
                            "acme", KeyRing.of(WebhookSecret.ofBytes(OLD_KEY)),
                            "victim", KeyRing.of(WebhookSecret.ofBytes(NEW_KEY)))))
                .build())
        .deliveryId(DeliveryIdSource.header("webhook-id"))
        .build();
  }

  private static WebhookRequest tenantDelivery(String tenant, byte[] key, String id) {
    byte[] signed = utf8(id + "." + new String(BODY, java.nio.charset.StandardCharsets.UTF_8));
    return WebhookRequest.builder()
        .header("X-Tenant", tenant)
        .header("webhook-id", id)
        .header("webhook-signature", "v1=" + hex(hmac(HmacAlgorithm.SHA256, key, signed)))
        .body(BODY)
        .build();
  }

  @Test
  void claim_oneTenantClaimsAnotherTenantsIdFirst_theVictimsDeliveryIsStillProcessed() {
    IdempotentVerifier verifier =
        IdempotentVerifier.builder(perTenant(), new InMemoryIdempotencyStore(100)).build();
    assertThat(reasonOf(verifier, tenantDelivery("acme", OLD_KEY, "msg_42"))).isNull();
    assertThat(reasonOf(verifier, tenantDelivery("victim", NEW_KEY, "msg_42"))).isNull();
    assertThat(reasonOf(verifier, tenantDelivery("victim", NEW_KEY, "msg_42")))
        .isEqualTo(Reason.DUPLICATE_DELIVERY);
  }

  @Test
  void deliveryKey_perTenant_isProviderTenantId() throws Exception {
    assertThat(
            perTenant().verify(tenantDelivery("victim", NEW_KEY, "msg_42")).deliveryKey().value())
        .isEqualTo("tenanted:victim:msg_42");
  }

  @Test
  void deliveryKeyOf_tenantOrIdThatIsNotAPlainToken_isDigestedAndUnambiguous() {
    DeliveryKey colon = DeliveryKey.of("p", "a:b", "c");
    DeliveryKey shifted = DeliveryKey.of("p", "a", "b:c");
    assertThat(colon).isNotEqualTo(shifted);
    assertThat(colon.value()).startsWith("p:~").endsWith(":c");
    assertThat(shifted.value()).startsWith("p:a:~");
    assertThat(DeliveryKey.of("p", "~x", "y").value()).startsWith("p:~");
    String longId = "i".repeat(256);
    String longTenant = "t".repeat(200);
    assertThat(DeliveryKey.of("p".repeat(63), longTenant, longId).value().length())
        .isLessThanOrEqualTo(DeliveryKey.MAX_LENGTH);
  }

  @Test
  void withFallback_preferredSignaturePresentButWrong_isRejectedNotRescuedByTheLegacyOne() {
    Authenticator sha256 =
        HmacAuthenticator.builder(HmacAlgorithm.SHA256)
            .signatureHeader(
                SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
            .secret(WebhookSecret.ofBytes(OLD_KEY))
            .build();
    Authenticator sha1 =
        HmacAuthenticator.builder(HmacAlgorithm.SHA1)
            .signatureHeader(SignatureHeader.builder("X-Hub-Signature").prefix("sha1=").build())
            .secret(WebhookSecret.ofBytes(OLD_KEY))
            .build();
    WebhookVerifier verifier =
        WebhookVerifier.builder("github")
            .authenticator(Authenticator.withFallback(sha256, sha1))
            .build();
    WebhookRequest legacyOnly =
        WebhookRequest.builder()
            .header("X-Hub-Signature", "sha1=" + hex(hmac(HmacAlgorithm.SHA1, OLD_KEY, BODY)))
            .body(BODY)
            .build();
    WebhookRequest wrongPreferred =
        WebhookRequest.builder()
            .header("X-Hub-Signature", "sha1=" + hex(hmac(HmacAlgorithm.SHA1, OLD_KEY, BODY)))
            .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
            .body(BODY)
            .build();
    assertThat(Signing.reasonOf(verifier, legacyOnly)).isNull();
    assertThat(Signing.reasonOf(verifier, wrongPreferred)).isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void claim_keyThatCannotBeFormed_isVerifierErrorNotAStoreOutage() {
    java.util.concurrent.atomic.AtomicInteger reads =
        new java.util.concurrent.atomic.AtomicInteger();
    SignedContent readOnce =
        SignedContent.builder()
            .part(
                (sink, request, timestamp) -> {
                  if (reads.incrementAndGet() > 1) {
                    throw new IllegalStateException("a part that changed its mind");
                  }
                  sink.write(BODY, 0, BODY.length);
                })
            .build();
    WebhookVerifier verifier =
        WebhookVerifier.builder("odd")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(SignatureHeader.builder("Signature").build())
                    .signedContent(readOnce)
                    .secret(WebhookSecret.ofBytes(OLD_KEY))
                    .build())
            .build();
    WebhookRequest request =
        WebhookRequest.builder()
            .header("Signature", hex(hmac(HmacAlgorithm.SHA256, OLD_KEY, BODY)))
            .body(BODY)
            .build();
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(10)).build();
    assertThat(reasonOf(idempotent, request)).isEqualTo(Reason.VERIFIER_ERROR);
  }
}
