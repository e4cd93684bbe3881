package dev.hookverify.benchmarks;

import com.twilio.security.RequestValidator;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.Twilio;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
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
 * Twilio JSON-body verification ({@code bodySHA256} in the signed URL): hookverify, the floor (a
 * SHA-256 of the body and a bare HmacSHA1 of the URL), and twilio-java's {@code
 * RequestValidator.validate}, on the same inputs.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar TwilioBenchmark}
 */
@State(Scope.Thread) // the floor's Mac and buffers are per thread
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TwilioBenchmark {
  /** Who verifies. */
  public enum Implementation {
    HOOKVERIFY,
    BARE_MAC,
    TWILIO_JAVA
  }

  @Param({"64", "1024", "16384"})
  public int size;

  @Param public Implementation implementation;

  @Param({"false", "true"})
  public boolean forged;

  private static final String TOKEN = "twilio_auth_token_0123456789abcdef";
  private WebhookVerifier verifier;
  private WebhookRequest request;
  private RequestValidator twilio;
  private String url;
  private String payload;
  private String signature;
  private Mac mac;
  private MessageDigest sha256;
  private byte[] body;
  private byte[] urlBytes;
  private byte[] bodyHash;
  private byte[] expected;
  private final byte[] computed = new byte[20];
  private Verification verification;

  @Setup
  public void setUp() throws Exception {
    body = Fixture.body(size);
    payload = new String(body, StandardCharsets.US_ASCII);
    url = Twilio.withBodySha256("https://example.com/twilio/status?x=1", body);
    signature =
        Fixture.signed("twilio", TOKEN, 0, url, "application/json", body)
            .get(Twilio.SIGNATURE_HEADER);
    if (forged) {
      signature = Fixture.forge(signature);
    }
    request =
        WebhookRequest.builder()
            .uri(url)
            .header("Content-Type", "application/json")
            .header(Twilio.SIGNATURE_HEADER, signature)
            .body(body)
            .build();
    verifier =
        Twilio.builder(KeyRing.of(WebhookSecret.ofUtf8(TOKEN)), UnaryOperator.identity()).build();
    twilio = new RequestValidator(TOKEN);
    mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    sha256 = MessageDigest.getInstance("SHA-256");
    urlBytes = url.getBytes(StandardCharsets.UTF_8);
    bodyHash = HexFormat.of().parseHex(url.substring(url.indexOf("bodySHA256=") + 11));
    expected = Base64.getDecoder().decode(signature);
    verification =
        switch (implementation) {
          case HOOKVERIFY -> this::hookverify;
          case BARE_MAC -> this::bareMac;
          case TWILIO_JAVA -> this::twilioJava;
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
    boolean bodyOk = MessageDigest.isEqual(sha256.digest(body), bodyHash);
    mac.update(urlBytes);
    mac.doFinal(computed, 0);
    return bodyOk & MessageDigest.isEqual(computed, expected);
  }

  private Object twilioJava() throws Exception {
    return twilio.validate(url, payload, signature);
  }
}
