package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gitea, Forgejo, Gogs: one scheme, each registry name reading exactly its own header. */
class GiteaTest {
  private static final String BODY = "{\"ref\":\"refs/heads/main\"}";
  private static final String SIG =
      "d843a05f58b935be5e6c796adccf9bb5071951f049aea8f3d86ac97d4820001c";

  private static Reason verify(String name, String... headers) {
    WebhookRequest.Builder request = WebhookRequest.builder().body(utf8(BODY));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return reasonOf(
        Providers.byName(name).verifier(List.of("gitea_secret")).build(), request.build());
  }

  /** DERIVED, not official: HMAC-SHA256 of the body, bare hex; a regression fixture only. */
  @Test
  void verify_derivedVector_underEachNamesOwnHeader() {
    assertThat(verify("gitea", "X-Gitea-Signature", SIG)).isNull();
    assertThat(verify("forgejo", "X-Forgejo-Signature", SIG)).isNull();
    assertThat(verify("gogs", "X-Gogs-Signature", SIG)).isNull();
    assertThat(Gitea.sign("gitea", WebhookSecret.ofUtf8("gitea_secret"), utf8(BODY)))
        .containsEntry("X-Gitea-Signature", SIG)
        .containsEntry("X-Gogs-Signature", SIG)
        .containsEntry("X-Hub-Signature-256", "sha256=" + SIG);
  }

  @Test
  void verify_onlyTheNamedHeaderIsRead() {
    // Another forge's header is not this forge's proof.
    assertThat(verify("forgejo", "X-Gitea-Signature", SIG)).isEqualTo(Reason.MISSING_SIGNATURE);
    assertThat(verify("gitea", "X-Hub-Signature-256", "sha256=" + SIG))
        .isEqualTo(Reason.MISSING_SIGNATURE);
    // The named header decides: a right compatibility header does not rescue a wrong one, and a
    // wrong compatibility header does not spoil a right one.
    String wrong = "0".repeat(64);
    assertThat(verify("gitea", "X-Gitea-Signature", wrong, "X-Gogs-Signature", SIG))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(verify("gitea", "X-Gitea-Signature", SIG, "X-Gogs-Signature", wrong)).isNull();
    // Sent twice: refused, whichever copy is right.
    assertThat(verify("gitea", "X-Gitea-Signature", SIG, "X-Gitea-Signature", wrong))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(verify("gitea", "X-Gitea-Signature", "sha256=" + SIG))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }

  @Test
  void deliveryId_isTheForgesOwnUnsignedHeader() throws Exception {
    var webhook =
        Providers.byName("forgejo")
            .verifier(List.of("gitea_secret"))
            .build()
            .verify(
                WebhookRequest.builder()
                    .body(utf8(BODY))
                    .header("X-Forgejo-Signature", SIG)
                    .header("X-Forgejo-Delivery", "f-1")
                    .header("X-Gitea-Delivery", "g-1")
                    .build());
    assertThat(webhook.deliveryId()).contains("f-1");
    assertThat(webhook.isDeliveryIdSigned()).isFalse();
  }
}
