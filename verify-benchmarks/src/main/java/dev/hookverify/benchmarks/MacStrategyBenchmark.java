package dev.hookverify.benchmarks;

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
 * How to get a keyed {@link javax.crypto.Mac} for each verification, on the benchmark's own
 * (platform, long-lived) threads: one per thread, a clone of an initialised prototype, a bounded
 * pool, what the engine does ({@code REUSABLE}: per platform thread, pooled for virtual threads),
 * or a new instance per call. Run at 1 and 2 threads; {@code VirtualThreadBenchmark} runs the same
 * strategies on fresh virtual threads.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar MacStrategyBenchmark -t 2}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MacStrategyBenchmark {
  @Param({"PER_THREAD", "CLONE", "POOL", "REUSABLE", "NEW_INSTANCE"})
  public MacSupply.Strategy strategy;

  @Param({"1024"})
  public int size;

  private byte[] body;
  private MacSupply.Source source;

  @Setup
  public void setUp() throws Exception {
    body = Fixture.body(size);
    source = MacSupply.source(strategy);
  }

  @Benchmark
  public byte[] mac() throws Exception {
    return source.hmac(body);
  }
}
