package dev.hookverify.benchmarks;

import dev.hookverify.internal.ConstantTime;
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
 * The one comparison site, {@code ConstantTime.equal}, on 32-byte tags: equal, differing at the
 * first byte, differing at the last. Equal times show there is no early exit.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar ConstantTimeBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ConstantTimeBenchmark {
  /** Where the received tag differs from the computed one. */
  public enum Mismatch {
    NONE,
    FIRST_BYTE,
    LAST_BYTE
  }

  @Param public Mismatch mismatch;

  private final byte[] computed = new byte[32];
  private byte[] received;

  @Setup
  public void setUp() {
    for (int i = 0; i < computed.length; i++) {
      computed[i] = (byte) (i * 31 + 7);
    }
    received = computed.clone();
    if (mismatch == Mismatch.FIRST_BYTE) {
      received[0] ^= 1;
    } else if (mismatch == Mismatch.LAST_BYTE) {
      received[31] ^= 1;
    }
  }

  @Benchmark
  public boolean compare() {
    return ConstantTime.equal(received, computed);
  }
}
