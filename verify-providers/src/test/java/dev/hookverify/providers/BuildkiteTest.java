package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.Proof;
import dev.hookverify.Reason;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Buildkite: signature or clear token, the signature deciding whenever it is sent. */
class BuildkiteTest {
  private static final long T = 1_700_000_000L;
  private static final String BODY = "{\"event\":\"build.finished\"}";
  private static final String SIG =
      "timestamp=1700000000,signature=9b285c502d2a9ceefccd7c9a17a9830b4fa26d297e82444514013a2983f5b33b";
  private static final WebhookVerifier VERIFIER =
      Providers.byName("buildkite").verifier(List.of("bk_token")).clock(at(T)).build();

  /**
   * DERIVED, not official: computed from Buildkite's documented construction (HMAC-SHA256 of {@code
   * timestamp.body} keyed by the token; buildkite.com/docs/apis/webhooks/pipelines, "Webhook
   * signature", re-read in buildkite/docs); a regression fixture only.
   */
  @Test
  void verify_derivedVector_accepted() throws WebhookVerificationException {
    assertThat(VERIFIER.verify(request(Map.of("X-Buildkite-Signature", SIG), utf8(BODY))).proof())
        .isEqualTo(Proof.HMAC_SIGNATURE);
    assertThat(Buildkite.sign(WebhookSecret.ofUtf8("bk_token"), T, utf8(BODY)))
        .containsEntry("X-Buildkite-Signature", SIG);
    // The documented Ruby reader splits on ',' then '=' and strips: spaces around items are fine.
    assertThat(
            reasonOf(
                VERIFIER,
                request(Map.of("X-Buildkite-Signature", SIG.replace(",", ", ")), utf8(BODY))))
        .isNull();
  }

  @Test
  void verify_token_acceptedOnlyWithoutASignatureHeader() throws WebhookVerificationException {
    assertThat(
            VERIFIER.verify(request(Map.of("X-Buildkite-Token", "bk_token"), utf8(BODY))).proof())
        .isEqualTo(Proof.SHARED_TOKEN);
    assertThat(reasonOf(VERIFIER, request(Map.of("X-Buildkite-Token", "bk_tokem"), utf8(BODY))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    // A wrong or stale signature is not rescued by a right token.
    String wrong = SIG.replace("9b28", "9b29");
    assertThat(
            reasonOf(
                VERIFIER,
                request(
                    Map.of("X-Buildkite-Signature", wrong, "X-Buildkite-Token", "bk_token"),
                    utf8(BODY))))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
    WebhookVerifier later =
        Providers.byName("buildkite").verifier(List.of("bk_token")).clock(at(T + 301)).build();
    assertThat(
            reasonOf(
                later,
                request(
                    Map.of("X-Buildkite-Signature", SIG, "X-Buildkite-Token", "bk_token"),
                    utf8(BODY))))
        .isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    // Signatures only: the clear token is not a credential.
    WebhookVerifier signaturesOnly =
        Buildkite.signatureOnlyBuilder(
                KeyRing.of(WebhookSecret.ofUtf8("bk_token")), ProviderOptions.defaults())
            .clock(at(T))
            .build();
    assertThat(
            reasonOf(signaturesOnly, request(Map.of("X-Buildkite-Token", "bk_token"), utf8(BODY))))
        .isEqualTo(Reason.MISSING_SIGNATURE);
  }

  @Test
  void verify_window_fiveMinutesEachWay() {
    for (long now : new long[] {T - 300, T + 300}) {
      assertThat(
              reasonOf(
                  Providers.byName("buildkite")
                      .verifier(List.of("bk_token"))
                      .clock(at(now))
                      .build(),
                  request(Map.of("X-Buildkite-Signature", SIG), utf8(BODY))))
          .isNull();
    }
    assertThat(
            reasonOf(
                Providers.byName("buildkite")
                    .verifier(List.of("bk_token"))
                    .clock(at(T - 301))
                    .build(),
                request(Map.of("X-Buildkite-Signature", SIG), utf8(BODY))))
        .isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
  }
}
