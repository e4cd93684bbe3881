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
          // Deeper than any parser's default limit (Jackson's is 1,000): nothing, not a guess.
          assertThat(read(deep, "org_id")).isEmpty();
          assertThat(read(unbalanced, "org_id")).isEmpty();
          assertThat(read(unbalanced, "x.y.y.y")).isEmpty();
        });
  }

  @Test
  void read_documentThatParsersReadDifferentlyOrNotAtAll_yieldsNothing() {
    List<String> ambiguous =
        List.of(
            // Trailing data: Jackson reads the first document, Gson refuses the body.
            "{\"org_id\":\"a\"} {\"org_id\":\"b\"}",
            "{\"org_id\":\"a\"}x",
            "{\"org_id\":\"a\"},",
            // A literal dotted key next to the nested path.
            "{\"owner\":{\"domain\":{\"uuid\":\"a\"}},\"owner.domain.uuid\":\"b\"}",
            "{\"owner.domain\":{\"uuid\":\"b\"},\"owner\":{\"domain\":{\"uuid\":\"a\"}}}",
            "{\"owner\":{\"domain.uuid\":\"b\",\"domain\":{\"uuid\":\"a\"}}}",
            // An escaped spelling of the same key is the same key.
            "{\"org_id\":\"a\",\"\\u006frg_id\":\"b\"}",
            "{\"owner\":{\"domain\":{\"uuid\":\"a\",\"\\u0075uid\":\"b\"}}}",
            // Values whose text differs from parser to parser, or is no value.
            "{\"org_id\":1.0}",
            "{\"org_id\":1e3}",
            "{\"org_id\":-0}",
            "{\"org_id\":true}",
            "{\"org_id\":null}",
            "{\"org_id\":{\"id\":\"a\"}}",
            "{\"org_id\":[\"a\"]}",
            "{\"org_id\":\"\\ud800\"}",
            // Not strict JSON anywhere in the document.
            "{\"x\":[1,],\"org_id\":\"a\"}",
            "{\"x\":01,\"org_id\":\"a\"}",
            "{\"x\":'a',\"org_id\":\"a\"}",
            "{\"x\":tru,\"org_id\":\"a\"}",
            "{\"x\":{]},\"org_id\":\"a\"}",
            "{/*c*/\"org_id\":\"a\"}",
            "\ufeff{\"org_id\":\"a\"}");
    List<String> read = new java.util.ArrayList<>();
    for (String json : ambiguous) {
      String path = json.contains("owner") ? "owner.domain.uuid" : "org_id";
      read(json, path).ifPresent(value -> read.add(json + " -> " + value));
    }
    // Bytes that are not strict UTF-8, anywhere: overlong, surrogate, truncated, stray.
    for (String bytes : List.of("c0af", "eda080", "e282", "ff", "80", "00")) {
      byte[] hex = java.util.HexFormat.of().parseHex(bytes);
      byte[] json = utf8("{\"x\":\"..\",\"org_id\":\"a\"}");
      byte[] bad = new byte[json.length + hex.length];
      System.arraycopy(json, 0, bad, 0, 7);
      System.arraycopy(hex, 0, bad, 7, hex.length);
      System.arraycopy(json, 7, bad, 7 + hex.length, json.length - 7);
      JsonField.read(bad, new String[] {"org_id"}).ifPresent(v -> read.add("bytes " + bytes));
    }
    assertThat(read).isEmpty();
  }

  @Test
  void read_unambiguousValues_decodedAsEveryParserDecodesThem() {
    assertThat(read("{\"org_id\":\"\\ud83d\\ude00 \u00e9\"}", "org_id"))
        .contains("\ud83d\ude00 \u00e9");
    assertThat(read("{\"\\u006frg_id\":\"a\"}", "org_id")).contains("a");
    assertThat(read("{\"org_id\":-12}", "org_id")).contains("-12");
    assertThat(read("{\"a.b\":1,\"org_id\":\"a\"}", "org_id")).contains("a");
    assertThat(read(" {\"org_id\":\"a\"}\r\n", "org_id")).contains("a");
    String nested = "[".repeat(JsonField.MAX_DEPTH - 1) + "]".repeat(JsonField.MAX_DEPTH - 1);
    assertThat(read("{\"x\":" + nested + ",\"org_id\":\"a\"}", "org_id")).contains("a");
    String tooDeep = "[".repeat(JsonField.MAX_DEPTH) + "]".repeat(JsonField.MAX_DEPTH);
    assertThat(read("{\"x\":" + tooDeep + ",\"org_id\":\"a\"}", "org_id")).isEmpty();
    String longest = "a".repeat(JsonField.MAX_VALUE_CHARS);
    assertThat(read("{\"org_id\":\"" + longest + "\"}", "org_id")).contains(longest);
    assertThat(read("{\"org_id\":\"" + longest + "b\"}", "org_id")).isEmpty();
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
