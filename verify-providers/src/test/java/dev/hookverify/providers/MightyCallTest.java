package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.TenantKeys;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MightyCall per organization: an organization's key verifies only bodies in which every parser
 * reads that organization.
 */
class MightyCallTest {
  private static final WebhookSecret ORG_A = WebhookSecret.ofUtf8("secret-of-org-a");
  private static final WebhookSecret ORG_B = WebhookSecret.ofUtf8("secret-of-org-b");
  private static final WebhookVerifier VERIFIER =
      MightyCall.perOrganization(
              TenantKeys.of(Map.of("org_a", KeyRing.of(ORG_A), "org_b", KeyRing.of(ORG_B))))
          .build();

  /** The outcome for org A signing {@code body}, by HMAC and by Bearer token: tenant or reason. */
  private static List<String> outcomes(String body) {
    List<String> outcomes = new ArrayList<>();
    Map<String, String> bearer = Map.of("Authorization", "Bearer secret-of-org-a");
    for (Map<String, String> headers : List.of(MightyCall.sign(ORG_A, utf8(body)), bearer)) {
      WebhookRequest request = request(headers, utf8(body));
      try {
        outcomes.add(VERIFIER.verify(request).tenant().orElse("none"));
      } catch (WebhookVerificationException e) {
        outcomes.add(e.reason().name());
      }
    }
    return outcomes;
  }

  @Test
  void perOrganization_orgIdPresentButNamingNoOrganization_unknownTenantNeverIntegrationId() {
    Map<String, List<String>> wrong = new LinkedHashMap<>();
    for (String body :
        List.of(
            // Jackson and Gson read org_b: the repeat is no reason to fall back.
            "{\"org_id\":\"org_a\",\"org_id\":\"org_b\",\"integration_id\":\"org_a\"}",
            "{\"org_id\":\"org_a\",\"\\u006frg_id\":\"org_b\",\"integration_id\":\"org_a\"}",
            "{\"org_id\":null,\"integration_id\":\"org_a\"}",
            "{\"org_id\":true,\"integration_id\":\"org_a\"}",
            "{\"org_id\":{\"id\":\"org_b\"},\"integration_id\":\"org_a\"}",
            "{\"org_id\":1.5,\"integration_id\":\"org_a\"}",
            "{\"org_id\":\" \",\"integration_id\":\"org_a\"}",
            // Both present: they must agree.
            "{\"org_id\":\"org_a\",\"integration_id\":\"org_b\"}",
            "{\"integration_id\":\"org_b\",\"org_id\":\"org_a\"}",
            // A second document, where Jackson reads the first and Gson refuses.
            "{\"org_id\":\"org_a\"} {\"org_id\":\"org_b\"}")) {
      List<String> outcomes = outcomes(body);
      if (!outcomes.equals(List.of("UNKNOWN_TENANT", "UNKNOWN_TENANT"))) {
        wrong.put(body, outcomes);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void perOrganization_eitherFieldNamingTheOrganization_selectsItsKey() {
    assertThat(outcomes("{\"org_id\":\"org_a\"}")).containsOnly("org_a");
    assertThat(outcomes("{\"integration_id\":\"org_a\"}")).containsOnly("org_a");
    assertThat(outcomes("{\"org_id\":\"org_a\",\"integration_id\":\"org_a\"}"))
        .containsOnly("org_a");
    assertThat(outcomes("{\"org_id\":\"org_b\"}")).containsOnly("SIGNATURE_MISMATCH");
    assertThat(outcomes("{\"event\":\"x\"}")).containsOnly("UNKNOWN_TENANT");
  }
}
