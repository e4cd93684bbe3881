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
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * MightyCall, as its integrators run it (no public signing documentation exists): either {@code
 * Authorization: Bearer <secret>}, or an HMAC-SHA256 of the raw body, hex or base64, in {@code
 * x-signature}, {@code x-mc-signature} or {@code x-mightycall-signature}. The same secret serves
 * both. Per-organization secrets are selected by the body's {@code org_id} or {@code
 * integration_id} ({@link #perOrganization}). No timestamp and no delivery id.
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
   * A verifier builder with a secret per organization, named by the body's {@code org_id}, or by
   * its {@code integration_id} when there is no {@code org_id} (see {@link #organization}).
   */
  public static WebhookVerifier.Builder perOrganization(TenantKeys keys) {
    TenantResolver organization = request -> organization(request.body());
    return WebhookVerifier.builder(NAME)
        .authenticator(TokenAuthenticator.bearer().tenantKeys(organization, keys).build())
        .authenticator(hmac().tenantKeys(organization, keys).build());
  }

  /**
   * The organization a body names, read in one strict pass ({@link JsonFields}): {@code org_id} (a
   * string or an integer) when it occurs, and then {@code integration_id} must be absent or the
   * same; {@code integration_id} only when {@code org_id} does not occur. Empty (so {@link
   * dev.hookverify.Reason#UNKNOWN_TENANT}) whenever {@code org_id} occurs but names no
   * organization, the two disagree, or the body is not a JSON object every parser reads alike:
   * never a fall-back from an ambiguous {@code org_id} to another field, so one organization's key
   * cannot verify a body in which a handler reads another organization. Read before the signature
   * is checked, so at most 50,000 tokens: a forged body allocates at most 4 MiB (2.5 MiB measured
   * at the 1 MiB body limit; {@code JsonBodyFloodTest}).
   */
  static Optional<String> organization(ByteBuffer body) {
    JsonFields.Found found = JsonFields.readUnverified(body, "org_id", "integration_id");
    Optional<String> integration = found.value(1).filter(id -> !id.isBlank());
    if (!found.occurs(0)) {
      return found.occurs(1) ? integration : Optional.empty();
    }
    Optional<String> org = found.value(0).filter(id -> !id.isBlank());
    if (org.isEmpty() || (found.occurs(1) && !integration.equals(org))) {
      return Optional.empty();
    }
    return org;
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
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    WebhookRequest request = Signed.request("POST", "", Map.of(), body);
    byte[] tag = SignedContent.body().hmac(HmacAlgorithm.SHA256, secret, request, "");
    return Signed.headers(SIGNATURE_HEADERS[0], Signed.hex(tag));
  }
}
