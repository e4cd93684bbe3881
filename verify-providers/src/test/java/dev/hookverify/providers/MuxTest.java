package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.Reason;
import dev.hookverify.WebhookSecret;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mux: the mux-elixir vector, the window on both sides, repeated {@code v1} entries. */
class MuxTest {
  private static final long T = 1_591_664_030L;
  private static final String SIG =
      "e43496b6aae982c4c2fd6f8e92935f1d90216f1f64d56024e72390acfb988272";

  private static Reason verify(long now, String header, String body) {
    return reasonOf(
        Providers.byName("mux").verifier(List.of("SuperSecret123")).clock(at(now)).build(),
        request(Map.of("Mux-Signature", header), utf8(body)));
  }

  /**
   * OFFICIAL (SDK doc/test utility): muxinc/mux-elixir Mux.Webhooks.TestUtils moduledoc; signed
   * {@code 1591664030.payload}.
   */
  @Test
  void verify_officialElixirVector_accepted() {
    assertThat(verify(T, "t=" + T + ",v1=" + SIG, "payload")).isNull();
    assertThat(Mux.sign(WebhookSecret.ofUtf8("SuperSecret123"), T, utf8("payload")))
        .containsEntry("Mux-Signature", "t=" + T + ",v1=" + SIG);
    assertThat(verify(T, "t=" + T + ",v1=" + SIG, "payload!")).isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(verify(T, "t=" + (T + 1) + ",v1=" + SIG, "payload"))
        .isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void verify_windowIs300SecondsEachWay_theSdksBoundOnlyThePast() {
    String header = "t=" + T + ",v1=" + SIG;
    assertThat(verify(T + 300, header, "payload")).isNull();
    assertThat(verify(T + 301, header, "payload")).isEqualTo(Reason.TIMESTAMP_TOO_OLD);
    // Mux's SDKs accept any future t; here a delivery from a clock far ahead is refused.
    assertThat(verify(T - 300, header, "payload")).isNull();
    assertThat(verify(T - 301, header, "payload")).isEqualTo(Reason.TIMESTAMP_IN_FUTURE);
  }

  @Test
  void verify_repeatedEntries_anyV1MatchesOneTimestampOnly() {
    String wrong = "v1=" + "0".repeat(64);
    assertThat(verify(T, "t=" + T + "," + wrong + ",v1=" + SIG + ",v0=zz", "payload")).isNull();
    assertThat(verify(T, "t=" + T + ",t=" + T + ",v1=" + SIG, "payload"))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
    assertThat(verify(T, "v1=" + SIG, "payload")).isEqualTo(Reason.MISSING_TIMESTAMP);
    String many = String.join(",", java.util.Collections.nCopies(16, wrong));
    assertThat(verify(T, "t=" + T + "," + many + ",v1=" + SIG, "payload"))
        .isEqualTo(Reason.MALFORMED_SIGNATURE);
  }
}
