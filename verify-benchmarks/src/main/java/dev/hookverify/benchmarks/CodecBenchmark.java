package dev.hookverify.benchmarks;

import dev.hookverify.internal.Codec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding a received 32-byte signature, the fixed work every HMAC verification does before the
 * comparison: 64 hex characters (GitHub, Stripe, Slack) or 44 base64 characters (Standard Webhooks,
 * Shopify).
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar CodecBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  private final byte[] out = new byte[32];
  private String hex;
  private String base64;

  @Setup
  public void setUp() {
    byte[] tag = new byte[32];
    for (int i = 0; i < tag.length; i++) {
      tag[i] = (byte) (i * 73 + 11);
    }
    hex = HexFormat.of().formatHex(tag);
    base64 = Base64.getEncoder().encodeToString(tag);
    if (hex() != tag.length || base64() != tag.length) {
      throw new IllegalStateException("the signature did not decode");
    }
  }

  /** The bytes decoded (JMH consumes the count; {@code out} is the same array every time). */
  @Benchmark
  public int hex() {
    return Codec.decodeHex(hex, 0, hex.length(), out);
  }

  @Benchmark
  public int base64() {
    return Codec.decodeBase64(base64, 0, base64.length(), out, false);
  }
}
