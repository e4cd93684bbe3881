package dev.hookverify.benchmarks;

import dev.hookverify.KeyRing;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.GitHub;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
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
 * GitHub's {@code X-Hub-Signature-256} verification: hookverify and the bare-{@code Mac} floor over
 * the same bytes (GitHub signs the body alone, so the floor is one {@code update} of the body, the
 * tag, and one {@code MessageDigest.isEqual}). GitHub publishes no Java SDK to compare with.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar GithubBenchmark}
 */
@State(Scope.Thread) // the floor's Mac and buffers are per thread
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GithubBenchmark {
  /** Who verifies. */
  public enum Implementation {
    HOOKVERIFY,
    BARE_MAC
  }

  @Param({"64", "1024", "16384"})
  public int size;

  @Param public Implementation implementation;

  @Param({"false", "true"})
  public boolean forged;

  private static final String SECRET = "github_benchmark_secret_0123456789";
  private WebhookVerifier verifier;
  private WebhookRequest request;
  private Mac mac;
  private byte[] body;
  private byte[] expected;
  private final byte[] computed = new byte[32];
  private Verification verification;

  @Setup
  public void setUp() throws Exception {
    long now = Instant.now().getEpochSecond();
    body = Fixture.body(size);
    String header =
        Fixture.signed("github", SECRET, now, "https://example.com", "application/json", body)
            .get(GitHub.SIGNATURE_HEADER);
    if (forged) {
      header = Fixture.forge(header);
    }
    request = WebhookRequest.builder().header(GitHub.SIGNATURE_HEADER, header).body(body).build();
    verifier =
        GitHub.builder(KeyRing.of(WebhookSecret.ofUtf8(SECRET))).clock(Fixture.clock(now)).build();
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    expected = HexFormat.of().parseHex(header.substring("sha256=".length()));
    verification =
        switch (implementation) {
          case HOOKVERIFY -> this::hookverify;
          case BARE_MAC -> this::bareMac;
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
    mac.update(body);
    mac.doFinal(computed, 0);
    return MessageDigest.isEqual(computed, expected);
  }
}
