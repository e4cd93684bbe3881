package dev.hookverify.providers;

import dev.hookverify.Attempt;
import dev.hookverify.Authentication;
import dev.hookverify.AuthenticationContext;
import dev.hookverify.Authenticator;
import dev.hookverify.HmacAlgorithm;
import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.SignatureEncoding;
import dev.hookverify.TenantKeys;
import dev.hookverify.TenantResolver;
import dev.hookverify.TokenAuthenticator;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.internal.ConstantTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cloudonix, as a multi-tenant PBX receives it (no public signing documentation exists): three
 * endpoints, three schemes.
 *
 * <ul>
 *   <li>Voice routing: a per-organization {@code Authorization: Bearer} token, the organization
 *       found by the called number or extension ({@link #voiceRouting}).
 *   <li>Status and session webhooks: HMAC-SHA256 hex of the raw body in {@code
 *       X-Cloudonix-Signature} (name configurable) ({@link #statusWebhooks}).
 *   <li>CDRs: <b>not signed at all</b>. They are matched to an organization by {@code
 *       owner.domain.uuid}, compared in constant time ({@link #unsignedCdrsMatchedByDomainUuid}).
 *       Anyone who learns a domain UUID can forge CDRs for that organization; the result is
 *       reported as {@link Proof#TENANT_MATCH}, never as signed.
 * </ul>
 */
public final class Cloudonix {
  /** The registry name. */
  public static final String NAME = "cloudonix";

  /** The default status-webhook signature header. */
  public static final String SIGNATURE_HEADER = "X-Cloudonix-Signature";

  /** The CDR field that names the organization's domain. */
  public static final String CDR_DOMAIN_FIELD = "owner.domain.uuid";

  private Cloudonix() {}

  /**
   * Voice routing: per-organization Bearer tokens, the organization found by {@code
   * calledNumberOrExtension} (for example {@code TenantResolver.jsonField("to")}).
   */
  public static WebhookVerifier.Builder voiceRouting(
      TenantResolver calledNumberOrExtension, TenantKeys tokens) {
    return WebhookVerifier.builder(NAME)
        .authenticator(
            TokenAuthenticator.bearer().tenantKeys(calledNumberOrExtension, tokens).build());
  }

  /** Status and session webhooks: HMAC-SHA256 hex of the body in {@code X-Cloudonix-Signature}. */
  public static WebhookVerifier.Builder statusWebhooks(KeyRing keys) {
    return statusWebhooks(keys, SIGNATURE_HEADER);
  }

  /**
   * Status and session webhooks, as the registry configures them: HMAC-SHA256 hex of the body in
   * {@code X-Cloudonix-Signature}, with the secrets of {@code keys}. They sign no timestamp and no
   * URL and have no legacy scheme, so no option applies: only the defaults are accepted.
   *
   * @throws IllegalArgumentException if {@code options} sets any option
   */
  public static WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options) {
    options.allowOnly(NAME);
    return statusWebhooks(keys);
  }

  /** Status and session webhooks with the signature in header {@code signatureHeader}. */
  public static WebhookVerifier.Builder statusWebhooks(KeyRing keys, String signatureHeader) {
    return WebhookVerifier.builder(NAME)
        .authenticator(
            new BodyHmac(HmacAlgorithm.SHA256, signatureHeader, "", SignatureEncoding.HEX)
                .authenticator(keys));
  }

  /**
   * CDRs, which Cloudonix does not sign: accepted when {@code owner.domain.uuid} equals the domain
   * UUID of one of {@code organizationByDomainUuid}'s organizations. Weaker than any signature;
   * restrict the endpoint by network as well if you can. The UUID is read with {@link
   * TenantResolver#jsonField}: a body that any mainstream parser would read otherwise (a repeated
   * or dotted key on the path, data after the document, bytes that are not UTF-8) is refused.
   */
  public static WebhookVerifier.Builder unsignedCdrsMatchedByDomainUuid(
      Map<String, String> organizationByDomainUuid) {
    return WebhookVerifier.builder(NAME)
        .authenticator(new DomainUuidMatch(organizationByDomainUuid));
  }

  /** The header a status webhook carries. */
  static Map<String, String> sign(WebhookSecret secret, byte[] body) {
    return new BodyHmac(HmacAlgorithm.SHA256, SIGNATURE_HEADER, "", SignatureEncoding.HEX)
        .sign(secret, body);
  }

  /** Matches an unsigned CDR to an organization by its domain UUID, in constant time. */
  private static final class DomainUuidMatch implements Authenticator {
    private static final Attempt MISSING_DOMAIN =
        Attempt.absent("CDR carries no " + CDR_DOMAIN_FIELD);
    private static final Attempt UNKNOWN_DOMAIN =
        Attempt.rejected(Reason.UNKNOWN_TENANT, "unknown domain uuid");

    private final List<byte[]> digests = new ArrayList<>();
    private final List<String> organizations = new ArrayList<>();
    private final TenantResolver domainUuid = TenantResolver.jsonField(CDR_DOMAIN_FIELD);

    DomainUuidMatch(Map<String, String> organizationByDomainUuid) {
      if (organizationByDomainUuid.isEmpty()) {
        throw new IllegalArgumentException("no organizations");
      }
      organizationByDomainUuid.forEach(
          (uuid, organization) -> {
            if (uuid.isBlank()) {
              throw new IllegalArgumentException("blank domain uuid");
            }
            digests.add(Tokens.sha256(uuid));
            organizations.add(organization);
          });
    }

    @Override
    public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
      Optional<String> uuid = domainUuid.tenant(request);
      if (uuid.isEmpty()) {
        return MISSING_DOMAIN;
      }
      byte[] digest = Tokens.sha256(uuid.get());
      String match = null;
      for (int i = 0; i < digests.size(); i++) {
        if (ConstantTime.equal(digest, digests.get(i)) && match == null) {
          match = organizations.get(i);
        }
      }
      if (match == null) {
        return UNKNOWN_DOMAIN;
      }
      return Attempt.proven(
          Authentication.builder(Proof.TENANT_MATCH, "domain-uuid").tenant(match).build());
    }
  }
}
