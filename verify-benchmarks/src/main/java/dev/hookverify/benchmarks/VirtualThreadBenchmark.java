package dev.hookverify.benchmarks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One HMAC per request, as a server would run it: each request a task for a pool of reused platform
 * threads, or on a fresh virtual thread (Spring's {@code spring.threads.virtual.enabled}, Jetty's
 * and Tomcat's virtual-thread executors), for each {@link MacSupply.Strategy}. {@code NONE} is the
 * hand-off or the virtual thread alone: subtract it to see what the strategy costs. Each operation
 * starts {@value #REQUESTS} requests at once and waits for all, and the score is per request, so
 * the waiting thread's wake-up (tens of microseconds on a busy machine) is spread over them.
 *
 * <p>Virtual threads need JDK 21 or later; on JDK 17 the {@code FRESH_VIRTUAL} rows fail at setup
 * with a message saying so. Run with JDK 25, at 1 and 2 threads:
 *
 * <pre>{@code
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java -jar verify-benchmarks/target/benchmarks.jar \
 *     VirtualThreadBenchmark -t 2
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VirtualThreadBenchmark {
  /** Where each request runs. */
  public enum Carrier {
    /** A fixed pool of platform threads, one per core, reused for every request. */
    PLATFORM_POOL,
    /** A new virtual thread per request. */
    FRESH_VIRTUAL
  }

  @Param({"PER_THREAD", "CLONE", "POOL", "REUSABLE", "NONE"})
  public MacSupply.Strategy strategy;

  @Param public Carrier carrier;

  @Param({"64"})
  public int size;

  /** Requests per measured operation, started together, so a hand-off's wake-up is shared. */
  static final int REQUESTS = 100;

  private byte[] body;
  private MacSupply.Source source;
  private ExecutorService executor;
  private List<Callable<byte[]>> requests;

  @Setup(Level.Trial)
  public void setUp() throws Throwable {
    body = Fixture.body(size);
    source = MacSupply.source(strategy);
    Callable<byte[]> request = () -> source.hmac(body);
    requests = Collections.nCopies(REQUESTS, request);
    executor =
        switch (carrier) {
          case PLATFORM_POOL ->
              Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
          case FRESH_VIRTUAL -> virtualThreadPerTask();
        };
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    executor.shutdownNow();
  }

  /** {@value #REQUESTS} requests, each its own task (on a virtual thread: its own thread). */
  @Benchmark
  @OperationsPerInvocation(REQUESTS)
  public byte[] request() throws Exception {
    List<Future<byte[]>> done = executor.invokeAll(requests);
    return done.get(REQUESTS - 1).get();
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up so this compiles for JDK 17. */
  private static ExecutorService virtualThreadPerTask() throws Throwable {
    try {
      return (ExecutorService)
          MethodHandles.publicLookup()
              .findStatic(
                  Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class))
              .invoke();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(
          "FRESH_VIRTUAL needs virtual threads (JDK 21+); this is JDK "
              + Runtime.version()
              + ": run it with the Temurin 25 java",
          e);
    }
  }
}
