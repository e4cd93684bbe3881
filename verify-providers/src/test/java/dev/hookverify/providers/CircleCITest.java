package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Reason;
import dev.hookverify.WebhookVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CircleCI: the docs' vectors, and the versioned list read for {@code v1} only. */
class CircleCITest {
  private static WebhookVerifier verifier(String secret) {
    return Providers.byName("circleci").verifier(List.of(secret)).build();
  }

  private static Reason verify(String secret, String header, String body) {
    return reasonOf(verifier(secret), request(Map.of("circleci-signature", header), utf8(body)));
  }

  /**
   * OFFICIAL (docs): circleci.com/docs/guides/integration/outbound-webhooks/#validate-webhooks, as
   * quoted in hookdeck/webhook-skills skills/circleci-webhooks/references/verification.md
   * (6176354).
   */
  @Test
  void verify_officialDocsVectors_accepted() {
    String[][] vectors = {
      {"hello world", "secret", "734cc62f32841568f45715aeb9f4d7891324e6d948e4c6c60c0621cdac48623a"},
      {
        "lalala",
        "another-secret",
        "daa220016c8f29a8b214fbfc3671aeec2145cfb1e6790184ffb38b6d0425fa00"
      },
      {
        "an-important-request-payload",
        "hunter123",
        "9be2242094a9a8c00c64306f382a7f9d691de910b4a266f67bd314ef18ac49fa"
      },
      {"foo", "secret", "773ba44693c7553d6ee20f61ea5d2757a9a4f4a44d2841ae4e95b52e4cd62db4"},
    };
    List<String> failures = new ArrayList<>();
    for (String[] v : vectors) {
      Reason reason = verify(v[1], "v1=" + v[2], v[0]);
      if (reason != null) {
        failures.add(v[0] + ": " + reason);
      }
      if (!CircleCI.sign(dev.hookverify.WebhookSecret.ofUtf8(v[1]), utf8(v[0]))
          .get(CircleCI.SIGNATURE_HEADER)
          .equals("v1=" + v[2])) {
        failures.add(v[0] + ": signer differs");
      }
      if (verify(v[1], "v1=" + v[2], v[0] + " ") != Reason.SIGNATURE_MISMATCH) {
        failures.add(v[0] + ": tampered body accepted");
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void verify_versionedList_readsV1ItemsOnly() {
    String good = "v1=734cc62f32841568f45715aeb9f4d7891324e6d948e4c6c60c0621cdac48623a";
    String wrong = "v1=" + "0".repeat(64);
    // Another version beside v1 is ignored, in either order; a later v1 still counts (rotation).
    assertThat(verify("secret", "v2=abc," + good, "hello world")).isNull();
    assertThat(verify("secret", good + ",v2=" + "f".repeat(64), "hello world")).isNull();
    assertThat(verify("secret", wrong + "," + good, "hello world")).isNull();
    // No v1 at all: nothing to verify, not a silent pass of the unknown version.
    assertThat(verify("secret", "v2=" + good.substring(3), "hello world"))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(verify("secret", good.substring(3), "hello world"))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    // Repeated entries are bounded: 16 are read, a 17th makes the header malformed.
    String sixteen = String.join(",", java.util.Collections.nCopies(15, wrong)) + "," + good;
    assertThat(verify("secret", sixteen, "hello world")).isNull();
    assertThat(verify("secret", wrong + "," + sixteen, "hello world"))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }
}
