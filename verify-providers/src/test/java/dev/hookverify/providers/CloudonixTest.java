package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Reason;
import dev.hookverify.WebhookVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cloudonix CDRs: matched only by a domain UUID every parser reads at owner.domain.uuid. */
class CloudonixTest {
  private static final WebhookVerifier VERIFIER =
      Cloudonix.unsignedCdrsMatchedByDomainUuid(Map.of("uuid-a", "org-a", "uuid-b", "org-b"))
          .build();

  @Test
  void unsignedCdrs_domainUuidReadDifferentlyByParsers_rejected() throws Exception {
    Map<String, Reason> accepted = new LinkedHashMap<>();
    for (String body :
        List.of(
            "{\"owner\":{\"domain\":{\"uuid\":\"uuid-a\"}}}"
                + " {\"owner\":{\"domain\":{\"uuid\":\"uuid-b\"}}}",
            "{\"owner\":{\"domain\":{\"uuid\":\"uuid-a\"}},\"owner.domain.uuid\":\"uuid-b\"}",
            "{\"owner\":{\"domain\":{\"uuid\":\"uuid-a\",\"\\u0075uid\":\"uuid-b\"}}}",
            "{\"x\":[1,],\"owner\":{\"domain\":{\"uuid\":\"uuid-a\"}}}")) {
      Reason reason = reasonOf(VERIFIER, request(Map.of(), utf8(body)));
      if (reason == null) {
        accepted.put(body, null);
      }
    }
    assertThat(accepted).isEmpty();
    assertThat(
            VERIFIER
                .verify(request(Map.of(), utf8("{\"owner\":{\"domain\":{\"uuid\":\"uuid-b\"}}}")))
                .tenant())
        .contains("org-b");
  }
}
