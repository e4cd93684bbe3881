package dev.hookverify;

import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonFieldTest {
  private static Optional<String> read(String json, String path) {
    return JsonField.read(utf8(json), path.split("\\."));
  }

  @Test
  void read_topLevelAndNestedStringsAndNumbers() {
    String cdr =
        "{\"call\":{\"id\":\"c1\",\"legs\":[{\"owner\":\"x\"},[1,2,{\"a\":null}]]},"
            + " \"owner\" : { \"domain\" : {\"name\":\"d\", \"uuid\": \"3f2a-\\u00e9\\n\"}},"
            + "\"org_id\": 42, \"flag\": true}";
    assertThat(read(cdr, "owner.domain.uuid")).contains("3f2a-\u00e9\n");
    assertThat(read(cdr, "org_id")).contains("42");
    assertThat(read(cdr, "call.id")).contains("c1");
    assertThat(read(cdr, "flag")).isEmpty();
    assertThat(read(cdr, "owner.domain")).isEmpty();
    assertThat(read(cdr, "missing")).isEmpty();
    assertThat(read(cdr, "owner.missing.uuid")).isEmpty();
  }

  @Test
  void read_repeatedKeyOnThePath_isAmbiguousAndYieldsNothing() {
    assertThat(read("{\"org_id\":\"a\",\"org_id\":\"b\"}", "org_id")).isEmpty();
    assertThat(read("{\"o\":{\"d\":\"a\"},\"o\":{\"d\":\"b\"}}", "o.d")).isEmpty();
    assertThat(read("{\"o\":{\"d\":\"a\",\"d\":\"b\"}}", "o.d")).isEmpty();
    // Repeats elsewhere in the document do not matter.
    assertThat(read("{\"x\":1,\"x\":2,\"org_id\":\"a\"}", "org_id")).contains("a");
  }

  @Test
  void read_malformedOrHostileDocuments_yieldNothingQuickly() {
    for (String bad :
        List.of(
            "",
            "[]",
            "\"org_id\"",
            "{",
            "{\"org_id\"",
            "{\"org_id\":",
            "{\"org_id\":\"unterminated",
            "{\"org_id\":\"a\"",
            "{\"org_id\":\"a\" \"x\":1}",
            "{\"org_id\":\"bad\\escape\"}",
            "{\"org_id\":\"ctl\u0001\"}",
            "{\"org_id\":\"" + "a".repeat(300) + "\"}",
            "{\"x\":}",
            "{\"x\":[1,2}",
            "{org_id:\"a\"}")) {
      assertThat(read(bad, "org_id")).as(bad).isEmpty();
    }
    String deep = "{\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + ",\"org_id\":\"a\"}";
    String unbalanced = "{\"x\":" + "{\"y\":".repeat(100_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(2),
        () -> {
          assertThat(read(deep, "org_id")).contains("a");
          assertThat(read(unbalanced, "org_id")).isEmpty();
          assertThat(read(unbalanced, "x.y.y.y")).isEmpty();
        });
  }

  @Test
  void tenantResolver_jsonField_picksTheSigningTenantFromTheBody() throws Exception {
    byte[] secret = utf8("org-7-secret");
    byte[] body = utf8("{\"event\":\"call.ended\",\"org_id\":\"org_7\"}");
    WebhookVerifier verifier =
        WebhookVerifier.builder("mightycall-like")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(SignatureHeader.builder("x-signature").build())
                    .tenantKeys(
                        TenantResolver.jsonField("org_id"),
                        TenantKeys.of(
                            java.util.Map.of("org_7", KeyRing.of(WebhookSecret.ofBytes(secret)))))
                    .build())
            .build();
    VerifiedWebhook webhook =
        verifier.verify(
            WebhookRequest.builder()
                .header(
                    "x-signature", Signing.hex(Signing.hmac(HmacAlgorithm.SHA256, secret, body)))
                .body(body)
                .build());
    assertThat(webhook.tenant()).contains("org_7");
    assertThat(
            Signing.reasonOf(
                verifier,
                WebhookRequest.builder()
                    .header("x-signature", "00".repeat(32))
                    .body(utf8("{\"org_id\":\"org_8\"}"))
                    .build()))
        .isEqualTo(Reason.UNKNOWN_TENANT);
  }
}
