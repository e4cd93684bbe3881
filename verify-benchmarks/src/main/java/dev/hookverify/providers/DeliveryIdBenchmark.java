package dev.hookverify.providers;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
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
 * Reading a delivery id from a JSON body with jackson-core, by body size and by where the id sits
 * (the whole body is read either way, so duplicate keys void it).
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar DeliveryIdBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeliveryIdBenchmark {
  /** Where the id field sits. */
  public enum Position {
    FIRST,
    LAST
  }

  @Param({"1024", "16384", "1048576"})
  public int size;

  @Param public Position position;

  private byte[] body;

  @Setup
  public void setUp() {
    StringBuilder filler = new StringBuilder();
    int field = 0;
    while (filler.length() < size - 64) {
      filler.append("\"f").append(field++).append("\":\"").append("v".repeat(40)).append("\",");
    }
    String id = "\"id\":\"evt_1NG8Du2eZvKYlo2C\"";
    String json =
        position == Position.FIRST
            ? "{" + id + "," + filler + "\"end\":1}"
            : "{" + filler + id + "}";
    body = json.getBytes(StandardCharsets.US_ASCII);
  }

  @Benchmark
  public Optional<String> read() {
    return JsonFields.string(body, "id");
  }
}
