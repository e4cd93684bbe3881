package dev.hookverify.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.KeyRing;
import dev.hookverify.Reason;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.cost.ThreadCost;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rule 3 for public-key senders whose header is a list: a forged request carrying the most
 * signatures a header may hold (16) is verified 16 times per key, over the whole body each time,
 * and Ed25519 buffers the body per try: allocation is 16 body copies per key, not the "one body
 * copy per key tried" ForgedFloodTest states (per signature and key since the cap).
 */
class PublicKeyCandidateFloodTest {
  private static final long NOW = 1_800_000_000L;

  @Test
  void standardWebhooksV1a_sixteenForgedSignatures_allocationStaysWithinTheStatedBound()
      throws Exception {
    Provider provider =
        Providers.all().stream()
            .filter(p -> p.name().equals("standard-webhooks-v1a"))
            .findFirst()
            .orElseThrow();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < KeyRing.MAX_KEYS; i++) {
      keys.add(provider.sender().newTestKeys().verificationKey());
    }
    WebhookVerifier verifier =
        provider
            .verifier(keys)
            .clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC))
            .build();
    byte[] body = new byte[WebhookVerifier.DEFAULT_MAX_BODY_BYTES];
    Arrays.fill(body, (byte) 'a');
    String sig = "v1a," + Base64.getEncoder().encodeToString(new byte[64]);
    String header = String.join(" ", java.util.Collections.nCopies(16, sig));
    WebhookRequest forged =
        WebhookRequest.builder()
            .uri("https://receiver.example/hooks")
            .header("webhook-id", "msg_1")
            .header("webhook-timestamp", Long.toString(NOW))
            .header("webhook-signature", header)
            .body(body)
            .build();
    verifyOnce(verifier, forged);
    long before = ThreadCost.allocatedBytes();
    long cpu = ThreadCost.cpuNanos();
    Reason reason = verifyOnce(verifier, forged);
    long allocated = ThreadCost.allocatedBytes() - before;
    long cpuMillis = (ThreadCost.cpuNanos() - cpu) / 1_000_000;
    System.out.printf(
        "v1a 16 candidates x 8 keys: %,d B, %d ms, %s%n", allocated, cpuMillis, reason);
    assertThat(reason).isEqualTo(Reason.SIGNATURE_MISMATCH);
    // ForgedFloodTest's stated bound for public-key senders.
    long bound = (long) (4 + KeyRing.MAX_KEYS) * body.length + (1 << 20);
    assertThat(allocated).as("bytes allocated by one forged request").isLessThanOrEqualTo(bound);
  }

  private static Reason verifyOnce(WebhookVerifier verifier, WebhookRequest request) {
    try {
      verifier.verify(request);
      return null;
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }
}
