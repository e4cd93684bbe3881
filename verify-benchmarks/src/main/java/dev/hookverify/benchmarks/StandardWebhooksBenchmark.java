package dev.hookverify.benchmarks;

import dev.hookverify.KeyRing;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.StandardWebhooks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
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
 * Standard Webhooks verification: hookverify, the bare-{@code Mac} floor, the reference library
 * {@code com.standardwebhooks} and {@code com.svix}, on the same inputs (signed at trial setup,
 * within their 5-minute tolerance).
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar StandardWebhooksBenchmark}
 */
@State(Scope.Thread) // the floor's Mac and buffers are per thread
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StandardWebhooksBenchmark {
  /** Who verifies. */
  public enum Implementation {
    HOOKVERIFY,
    BARE_MAC,
    STANDARDWEBHOOKS,
    SVIX
  }

  @Param({"64", "1024", "16384"})
  public int size;

  @Param public Implementation implementation;

  @Param({"false", "true"})
  public boolean forged;

  private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private WebhookVerifier verifier;
  private WebhookRequest request;
  private com.standardwebhooks.Webhook reference;
  private com.svix.Webhook svix;
  private Map<String, List<String>> headers;
  private Map<String, List<String>> svixHeaders;
  private String payload;
  private Mac mac;
  private byte[] body;
  private byte[] prefix;
  private byte[] expected;
  private final byte[] computed = new byte[32];
  private Verification verification;

  @Setup
  public void setUp() throws Exception {
    long now = Instant.now().getEpochSecond();
    body = Fixture.body(size);
    payload = new String(body, StandardCharsets.US_ASCII);
    Map<String, String> signed =
        Fixture.signed(
            "standard-webhooks", WHSEC, now, "https://example.com", "application/json", body);
    String signature = signed.get(StandardWebhooks.SIGNATURE_HEADER);
    if (forged) {
      signature = Fixture.forge(signature);
    }
    headers = new HashMap<>();
    svixHeaders = new HashMap<>();
    WebhookRequest.Builder builder = WebhookRequest.builder().body(body);
    for (Map.Entry<String, String> h : signed.entrySet()) {
      String value =
          h.getKey().equals(StandardWebhooks.SIGNATURE_HEADER) ? signature : h.getValue();
      builder.header(h.getKey(), value);
      headers.put(h.getKey(), List.of(value));
      svixHeaders.put(h.getKey().replace("webhook-", "svix-"), List.of(value));
    }
    request = builder.build();
    verifier =
        StandardWebhooks.builder(KeyRing.of(StandardWebhooks.secret(WHSEC)))
            .clock(Fixture.clock(now))
            .build();
    reference = new com.standardwebhooks.Webhook(WHSEC);
    svix = new com.svix.Webhook(WHSEC);
    byte[] key = Base64.getDecoder().decode(WHSEC.substring("whsec_".length()));
    mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    prefix = ("msg_benchmark." + now + ".").getBytes(StandardCharsets.US_ASCII);
    expected = Base64.getDecoder().decode(signature.substring(3));
    verification =
        switch (implementation) {
          case HOOKVERIFY -> this::hookverify;
          case BARE_MAC -> this::bareMac;
          case STANDARDWEBHOOKS -> this::standardWebhooks;
          case SVIX -> this::svixSdk;
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

  private Object standardWebhooks() {
    try {
      reference.verify(payload, headers);
      return Boolean.TRUE;
    } catch (com.standardwebhooks.exceptions.WebhookVerificationException e) {
      return e;
    }
  }

  private Object svixSdk() {
    try {
      svix.verify(payload, svixHeaders);
      return Boolean.TRUE;
    } catch (com.svix.exceptions.WebhookVerificationException e) {
      return e;
    }
  }
}
