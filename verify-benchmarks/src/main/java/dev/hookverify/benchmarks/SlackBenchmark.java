package dev.hookverify.benchmarks;

import com.slack.api.app_backend.SlackSignature;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.Slack;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * Slack request verification: hookverify, the bare-{@code Mac} floor, and Slack's {@code
 * SlackSignature.Verifier.isValid}, on the same inputs.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar SlackBenchmark}
 */
@State(Scope.Thread) // the floor's Mac and buffers are per thread
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SlackBenchmark {
  /** Who verifies. */
  public enum Implementation {
    HOOKVERIFY,
    BARE_MAC,
    SLACK_SDK
  }

  @Param({"64", "1024", "16384"})
  public int size;

  @Param public Implementation implementation;

  @Param({"false", "true"})
  public boolean forged;

  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private WebhookVerifier verifier;
  private WebhookRequest request;
  private SlackSignature.Verifier slack;
  private String timestamp;
  private String payload;
  private String signature;
  private long nowMillis;
  private Mac mac;
  private byte[] body;
  private byte[] prefix;
  private byte[] expected;
  private final byte[] computed = new byte[32];
  private Verification verification;

  @Setup
  public void setUp() throws Exception {
    long now = Instant.now().getEpochSecond();
    nowMillis = now * 1000;
    timestamp = Long.toString(now);
    body = Fixture.body(size);
    payload = new String(body, StandardCharsets.US_ASCII);
    Map<String, String> signed =
        Fixture.signed("slack", SECRET, now, "https://example.com", "application/json", body);
    signature = signed.get(Slack.SIGNATURE_HEADER);
    if (forged) {
      signature = Fixture.forge(signature);
    }
    request =
        WebhookRequest.builder()
            .header(Slack.TIMESTAMP_HEADER, timestamp)
            .header(Slack.SIGNATURE_HEADER, signature)
            .body(body)
            .build();
    verifier =
        Slack.builder(KeyRing.of(WebhookSecret.ofUtf8(SECRET))).clock(Fixture.clock(now)).build();
    slack = new SlackSignature.Verifier(new SlackSignature.Generator(SECRET));
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII);
    expected = HexFormat.of().parseHex(signature.substring(3));
    verification =
        switch (implementation) {
          case HOOKVERIFY -> this::hookverify;
          case BARE_MAC -> this::bareMac;
          case SLACK_SDK -> this::slackSdk;
        };
  }

  @Benchmark
  public Object verify() throws Exception {
    return verification.run();
  }

  private Object hookverify() {
    try {
      return verifier.verify(request);
    } catch (WebhookVerificationException e) {
      return e.reason();
    }
  }

  private Object bareMac() throws Exception {
    mac.update(prefix);
    mac.update(body);
    mac.doFinal(computed, 0);
    return MessageDigest.isEqual(computed, expected);
  }

  private Object slackSdk() {
    return slack.isValid(timestamp, payload, signature, nowMillis);
  }
}
