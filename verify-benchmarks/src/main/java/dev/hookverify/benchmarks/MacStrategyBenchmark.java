package dev.hookverify.benchmarks;

import java.nio.charset.StandardCharsets;
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
 * How to get a keyed {@link Mac} for each verification: one per thread (what the engine does), a
 * clone of an initialised prototype, or a new instance per call. Run at 1 and 2 threads.
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
  /** How the Mac is obtained. */
  public enum Strategy {
    PER_THREAD,
    CLONE,
    NEW_INSTANCE
  }

  @Param public Strategy strategy;

  @Param({"1024"})
  public int size;

  private static final byte[] KEY = "mac-strategy-key".getBytes(StandardCharsets.UTF_8);
  private Mac prototype;
  private ThreadLocal<Mac> perThread;
  private byte[] body;
  private MacSource source;

  @Setup
  public void setUp() throws Exception {
    body = Fixture.body(size);
    prototype = Mac.getInstance("HmacSHA256");
    prototype.init(new SecretKeySpec(KEY, "HmacSHA256"));
    perThread =
        ThreadLocal.withInitial(
            () -> {
              try {
                return (Mac) prototype.clone();
              } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
              }
            });
    source =
        switch (strategy) {
          case PER_THREAD -> perThread::get;
          case CLONE -> () -> (Mac) prototype.clone();
          case NEW_INSTANCE -> MacStrategyBenchmark::newInstance;
        };
  }

  @Benchmark
  public byte[] mac() throws Exception {
    return source.mac().doFinal(body);
  }

  private static Mac newInstance() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    return mac;
  }

  /**
   * Where the measured call gets its {@code Mac}, chosen once in {@code setUp} so that the measured
   * method does not branch on the strategy.
   */
  @FunctionalInterface
  interface MacSource {
    Mac mac() throws Exception;
  }
}
