package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TenantKeys;
import dev.hookverify.TenantResolver;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;

/**
 * MightyCall, as its integrators run it (no public signing documentation exists): either {@code
 * Authorization: Bearer <secret>}, or an HMAC-SHA256 of the raw body, hex or base64, in {@code
 * x-signature}, {@code x-mc-signature} or {@code x-mightycall-signature}. The same secret serves
 * both. Per-organization secrets are selected by the body's {@code org_id} or {@code
 * integration_id}. No timestamp and no delivery id.
 */
public final class MightyCall {
  /** The registry name. */
  public static final String NAME = "mightycall";

  /** The signature header names, in the order they are looked for. */
  public static final String[] SIGNATURE_HEADERS = {
    "x-signature", "x-mc-signature", "x-mightycall-signature"
  };

  private MightyCall() {}

  /** A verifier for one shared secret. */
  public static WebhookVerifier verifier(WebhookSecret secret) {
    return builder(KeyRing.of(secret)).build();
  }

  /** A verifier builder: Bearer token or HMAC, with the secrets of {@code keys}. */
  public static WebhookVerifier.Builder builder(KeyRing keys) {
    return WebhookVerifier.builder(NAME)
        .authenticator(TokenAuthenticator.bearer().keys(keys).build())
        .authenticator(hmac().keys(keys).build());
  }

  /**
   * A verifier builder with a secret per organization, found by {@code org_id} or {@code
   * integration_id}.
   */
  public static WebhookVerifier.Builder perOrganization(TenantKeys keys) {
    TenantResolver organization =
        request ->
            TenantResolver.jsonField("org_id")
                .tenant(request)
                .or(() -> TenantResolver.jsonField("integration_id").tenant(request));
    return WebhookVerifier.builder(NAME)
        .authenticator(TokenAuthenticator.bearer().tenantKeys(organization, keys).build())
        .authenticator(hmac().tenantKeys(organization, keys).build());
  }

  private static HmacAuthenticator.Builder hmac() {
    return HmacAuthenticator.builder(HmacAlgorithm.SHA256)
        .signatureHeader(
            SignatureHeader.builder(
                    SIGNATURE_HEADERS[0], SIGNATURE_HEADERS[1], SIGNATURE_HEADERS[2])
                .encoding(SignatureEncoding.HEX_OR_BASE64)
                .build())
        .signedContent(SignedContent.body());
  }

  /** The header an HMAC-configured MightyCall webhook sends (hex in {@code x-signature}). */
  public static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    WebhookRequest request = Signed.request("POST", "", Map.of(), body);
    byte[] tag = SignedContent.body().hmac(HmacAlgorithm.SHA256, secret, request, "");
    return Signed.headers(SIGNATURE_HEADERS[0], Signed.hex(tag));
  }
}
