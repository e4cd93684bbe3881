package dev.hookverify.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rule 2: with legacy schemes and a public URL, HubSpot's delivery id for a request without a body
 * is a digest of the method and the URI as received, while the v3 signature covers the public URL:
 * the replayer chooses the received URI (Host header, or any path routed to the handler), so one
 * signed GET has as many keys as URIs.
 */
class HubSpotLegacyKeyTest {
  @Test
  void signedGet_replayedUnderAnotherReceivedUri_keepsItsDeliveryKey() throws Exception {
    String secret = "hubspot-client-secret";
    String publicUrl = "https://api.example.com/hubspot/card";
    long now = 1_800_000_000_000L;
    WebhookVerifier verifier =
        HubSpot.builder(
                List.of(secret),
                ProviderOptions.builder().publicUrl(publicUrl).legacySchemes(true).build())
            .clock(Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC))
            .build();
    Map<String, String> headers =
        HubSpot.sign(WebhookSecret.ofUtf8(secret), "GET", publicUrl, now, new byte[0]);

    VerifiedWebhook genuine = verifier.verify(get("http://app:8080/hubspot/card", headers));
    VerifiedWebhook replayed = verifier.verify(get("http://evil.example:1/hubspot/card", headers));

    assertThat(replayed.deliveryKey()).isEqualTo(genuine.deliveryKey());
  }

  private static WebhookRequest get(String uri, Map<String, String> headers) {
    WebhookRequest.Builder b = WebhookRequest.builder().method("GET").uri(uri);
    headers.forEach(b::header);
    return b.build();
  }
}
