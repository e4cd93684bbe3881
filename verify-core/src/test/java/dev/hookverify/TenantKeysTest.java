package dev.hookverify;

import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.reasonOf;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hookverify.internal.UriParts;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Per-organization keys, as the Cloudonix seed system keeps them. */
class TenantKeysTest {
  private static final byte[] ACME = utf8("acme-signing-secret");
  private static final byte[] GLOBEX = utf8("globex-signing-secret");
  private static final TenantKeys KEYS =
      TenantKeys.of(
          Map.of(
              "acme", KeyRing.of(WebhookSecret.ofBytes(ACME)),
              "globex", KeyRing.of(WebhookSecret.ofBytes(GLOBEX))));
  private static final byte[] BODY = utf8("{\"status\":\"answered\"}");

  private static WebhookVerifier verifier(TenantResolver resolver) {
    return WebhookVerifier.builder("tenants")
        .authenticator(
            HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                .signatureHeader(SignatureHeader.builder("X-Cloudonix-Signature").build())
                .tenantKeys(resolver, KEYS)
                .build())
        .authenticator(TokenAuthenticator.bearer().tenantKeys(resolver, KEYS).build())
        .build();
  }

  @Test
  void verify_tenantFromHeader_usesThatTenantsKeysOnly() throws Exception {
    WebhookVerifier verifier = verifier(TenantResolver.header("X-Org"));
    String acmeSig = hex(hmac(HmacAlgorithm.SHA256, ACME, BODY));

    VerifiedWebhook webhook =
        verifier.verify(
            WebhookRequest.builder()
                .header("X-Org", "acme")
                .header("X-Cloudonix-Signature", acmeSig)
                .body(BODY)
                .build());
    assertThat(webhook.tenant()).contains("acme");

    // acme's signature presented as globex: another tenant's key never verifies it.
    assertThat(
            reasonOf(
                verifier,
                WebhookRequest.builder()
                    .header("X-Org", "globex")
                    .header("X-Cloudonix-Signature", acmeSig)
                    .body(BODY)
                    .build()))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(
            reasonOf(
                verifier,
                WebhookRequest.builder()
                    .header("X-Org", "initech")
                    .header("X-Cloudonix-Signature", acmeSig)
                    .body(BODY)
                    .build()))
        .isEqualTo(Reason.UNKNOWN_TENANT);
    assertThat(
            reasonOf(
                verifier,
                WebhookRequest.builder()
                    .header("X-Cloudonix-Signature", acmeSig)
                    .body(BODY)
                    .build()))
        .isEqualTo(Reason.UNKNOWN_TENANT);
  }

  @Test
  void verify_tenantFromQueryOrPath_perTenantBearerTokens() throws Exception {
    WebhookRequest.Builder base =
        WebhookRequest.builder().header("Authorization", "Bearer globex-signing-secret").body(BODY);
    assertThat(
            verifier(TenantResolver.queryParameter("org"))
                .verify(base.uri("https://hooks.example.com/voice/route?x=1&org=globex").build())
                .tenant())
        .contains("globex");
    assertThat(
            verifier(TenantResolver.pathSegment(1))
                .verify(base.uri("https://hooks.example.com/voice/globex/route?org=acme").build())
                .tenant())
        .contains("globex");
    assertThat(
            verifier(TenantResolver.pathSegment(0))
                .verify(base.uri("/globex/route").build())
                .tenant())
        .contains("globex");
    assertThat(
            reasonOf(
                verifier(TenantResolver.queryParameter("org")),
                base.uri("https://hooks.example.com/voice?org=globex&org=acme").build()))
        .isEqualTo(Reason.UNKNOWN_TENANT);
  }

  @Test
  void verify_resolverThatThrows_rejectsWithVerifierError() {
    WebhookVerifier verifier =
        verifier(
            request -> {
              throw new IllegalStateException("db down");
            });
    assertThat(
            reasonOf(
                verifier,
                WebhookRequest.builder()
                    .header("X-Cloudonix-Signature", "00".repeat(32))
                    .body(BODY)
                    .build()))
        .isEqualTo(Reason.VERIFIER_ERROR);
  }

  @Test
  void uriParts_boundedParsingOfOddUris() {
    assertThat(UriParts.queryParameter("https://h/p", "org")).isEmpty();
    assertThat(UriParts.queryParameter("https://h/p?org=", "org")).isEmpty();
    assertThat(UriParts.queryParameter("https://h/p?organization=x&org=y#org=z", "org"))
        .contains("y");
    assertThat(UriParts.queryParameter("?org=a&", "org")).contains("a");
    assertThat(UriParts.pathSegment("https://h", 0)).isEmpty();
    assertThat(UriParts.pathSegment("https://h/a/b?c/d", 1)).isEqualTo(Optional.of("b"));
    // Empty segments are collapsed by some stacks and not others: ambiguous, so no tenant.
    assertThat(UriParts.pathSegment("https://h//a///b?c/d", 1)).isEmpty();
    assertThat(UriParts.pathSegment("https://h/a#/x", 1)).isEmpty();
    // Escapes are ASCII hex only (Character.digit would take an Arabic-Indic three).
    assertThat(UriParts.queryParameter("https://h/p?org=%\u0663F", "org")).isEmpty();
    assertThat(UriParts.pathSegment("https://h/%\u0663F/x", 0)).isEmpty();
    // A million parameters without =: linear work, not a scan to the end per parameter. The bound
    // is generous (milliseconds are expected) so a loaded machine cannot fail it, while a
    // quadratic scan (10^12 steps) would still take hours.
    String manyBare = "https://h/p?" + "x&".repeat(1_000_000) + "org=a";
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> assertThat(UriParts.queryParameter(manyBare, "org")).contains("a"));
    // A million segments, or a value of a million escapes: linear too, and decoded once.
    String deep = "https://h" + "/a".repeat(1_000_000);
    String escaped = "https://h/p?org=" + "%41".repeat(1_000_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          assertThat(UriParts.pathSegment(deep, 999_999)).contains("a");
          assertThat(UriParts.queryParameter(escaped, "org")).contains("A".repeat(1_000_000));
        });
  }
}
