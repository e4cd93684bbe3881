package dev.hookverify.benchmarks;

import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.Twilio;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end verification through the public API, per provider, body size, accepted or forged. Run
 * with {@code -prof gc} for {@code gc.alloc.rate.norm}, the bytes allocated per verification.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar EndToEndBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EndToEndBenchmark {
  /** The providers measured, with the header that carries each one's signature. */
  public enum Sender {
    STRIPE("stripe", "Stripe-Signature"),
    GITHUB("github", "X-Hub-Signature-256"),
    STANDARD_WEBHOOKS("standard-webhooks", "webhook-signature"),
    SLACK("slack", "X-Slack-Signature"),
    TWILIO("twilio", "X-Twilio-Signature"),
    SHOPIFY("shopify", "X-Shopify-Hmac-Sha256"),
    DISCORD("discord", "X-Signature-Ed25519");

    final String registryName;
    final String signatureHeader;

    Sender(String registryName, String signatureHeader) {
      this.registryName = registryName;
      this.signatureHeader = signatureHeader;
    }
  }

  @Param public Sender sender;

  @Param({"64", "1024", "16384", "1048576"})
  public int size;

  @Param({"false", "true"})
  public boolean forged;

  private WebhookVerifier verifier;
  private WebhookRequest request;

  @Setup
  public void setUp() {
    long now = Instant.now().getEpochSecond();
    byte[] body = Fixture.body(size);
    Provider provider = Providers.byName(sender.registryName);
    TestKeys keys = provider.sender().newTestKeys();
    String url = "https://example.com/hooks";
    if (sender == Sender.TWILIO) {
      url = Twilio.withBodySha256(url, body);
    }
    Map<String, String> headers =
        new LinkedHashMap<>(
            provider
                .sender()
                .sign(
                    keys.signingKey(),
                    OutgoingWebhook.builder(body).timestamp(now).id("msg_1").url(url).build())
                .headers());
    if (forged) {
      headers.put(sender.signatureHeader, Fixture.forge(headers.get(sender.signatureHeader)));
    }
    WebhookRequest.Builder builder = WebhookRequest.builder().uri(url).body(body);
    headers.forEach(builder::header);
    builder.header("Content-Type", "application/json");
    request = builder.build();
    verifier =
        provider
            .verifier(List.of(keys.verificationKey()))
            .clock(Fixture.clock(now))
            .maxBodyBytes(2 << 20)
            .build();
  }

  @Benchmark
  public Object verify() {
    try {
      return verifier.verify(request);
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }
}
