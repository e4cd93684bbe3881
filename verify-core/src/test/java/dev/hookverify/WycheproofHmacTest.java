package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every Project Wycheproof HMAC vector through the public API: a verifier over the raw body with a
 * hex signature header. Failures are collected and asserted once, so one run shows them all.
 *
 * <p>Full-length tags: "valid" must verify, "invalid" (modified tags) must be {@link
 * Reason#SIGNATURE_MISMATCH}. Truncated tags (the groups with tagSize below the hash size) must be
 * rejected whatever their Wycheproof result: hookverify never accepts a partial MAC, or a one-byte
 * signature would be forgeable in 256 tries.
 */
class WycheproofHmacTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({
    "SHA1, hmac_sha1_test.json, 170",
    "SHA256, hmac_sha256_test.json, 174",
    "SHA512, hmac_sha512_test.json, 174"
  })
  void verify_everyWycheproofVector_matchesExpectedResult(
      HmacAlgorithm algorithm, String file, int expectedCount) throws Exception {
    JsonNode root;
    try (InputStream in = getClass().getResourceAsStream("/wycheproof/" + file)) {
      root = JSON.readTree(in);
    }
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (JsonNode group : root.get("testGroups")) {
      boolean truncated = group.get("tagSize").asInt() / 8 != algorithm.tagLength();
      for (JsonNode test : group.get("tests")) {
        run++;
        String expected =
            truncated
                ? "MALFORMED_SIGNATURE"
                : "valid".equals(test.get("result").asText()) ? "ACCEPTED" : "SIGNATURE_MISMATCH";
        String actual = outcome(algorithm, test);
        if (!expected.equals(actual)) {
          failures.add(
              "tcId "
                  + test.get("tcId")
                  + " ("
                  + test.get("comment").asText()
                  + "): expected "
                  + expected
                  + ", got "
                  + actual);
        }
      }
    }
    assertThat(run).isEqualTo(expectedCount).isEqualTo(root.get("numberOfTests").asInt());
    assertThat(failures).isEmpty();
  }

  private static String outcome(HmacAlgorithm algorithm, JsonNode test) {
    byte[] key = Signing.unhex(test.get("key").asText());
    WebhookVerifier verifier =
        WebhookVerifier.builder("wycheproof")
            .authenticator(
                HmacAuthenticator.builder(algorithm)
                    .signatureHeader(SignatureHeader.builder("X-Signature").build())
                    .secret(WebhookSecret.ofBytes(key))
                    .build())
            .build();
    WebhookRequest request =
        WebhookRequest.builder()
            .header("X-Signature", test.get("tag").asText())
            .body(Signing.unhex(test.get("msg").asText()))
            .build();
    try {
      verifier.verify(request);
      return "ACCEPTED";
    } catch (WebhookVerificationException e) {
      return e.reason().name();
    }
  }
}
