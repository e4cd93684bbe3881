package dev.hookverify.providers;

import static dev.hookverify.providers.Requests.at;
import static dev.hookverify.providers.Requests.reasonOf;
import static dev.hookverify.providers.Requests.request;
import static dev.hookverify.providers.Requests.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutgoingWebhookTest {
  private static final String URL = "https://receiver.example/hooks/in";

  @Test
  void timestamp_outsideTheRangeEveryVerifierAccepts_isRefusedWithTheRangeAndWhy() {
    for (long refused :
        new long[] {
          -1, OutgoingWebhook.MAX_TIMESTAMP + 1, 1_700_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE
        }) {
      assertThatThrownBy(() -> OutgoingWebhook.builder(new byte[0]).timestamp(refused))
          .as("%d", refused)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("0..253402300799")
          .hasMessageContaining("four-digit years");
    }
    assertThatThrownBy(() -> OutgoingWebhook.builder(new byte[0]).timestamp(1_700_000_000_000L))
        .hasMessageEndingWith("is it in milliseconds?");
  }

  /**
   * The range's edges verify for every sender at that time, so the range refuses nothing a verifier
   * accepts at its limits (HubSpot's milliseconds, Twitch's RFC 3339, Linear's body time).
   */
  @Test
  void sign_atEachEdgeOfTheRange_everyProviderVerifies() {
    List<String> failures = new ArrayList<>();
    for (long edge : new long[] {OutgoingWebhook.MIN_TIMESTAMP, OutgoingWebhook.MAX_TIMESTAMP}) {
      byte[] body = utf8("{\"id\":\"evt_1\",\"webhookTimestamp\":" + edge * 1000 + "}");
      for (Provider provider : Providers.all()) {
        if (!provider.signsInHeaders()) {
          continue;
        }
        TestKeys keys = provider.sender().newTestKeys();
        Map<String, String> headers =
            provider
                .sender()
                .sign(
                    keys.signingKey(),
                    OutgoingWebhook.builder(body).url(URL).id("msg_1").timestamp(edge).build())
                .headers();
        Object reason =
            reasonOf(
                provider.verifier(List.of(keys.verificationKey())).clock(at(edge)).build(),
                request(URL, headers, body));
        if (reason != null) {
          failures.add(provider.name() + " at " + edge + ": " + reason);
        }
      }
    }
    assertThat(failures).isEmpty();
  }
}
