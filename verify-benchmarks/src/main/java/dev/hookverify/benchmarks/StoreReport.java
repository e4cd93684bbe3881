package dev.hookverify.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Renders {@code run-stores.sh}'s results (the stores against their floors) into the marked section
 * of {@code verify-benchmarks/README.md}: each store beside its floor per round, the ratios, the
 * in-memory store's scaling from 1 to 2 threads, and each target met or not.
 *
 * <p>Run: {@code java -cp verify-benchmarks/target/benchmarks.jar
 * dev.hookverify.benchmarks.StoreReport verify-benchmarks/results "<command>"}
 */
public final class StoreReport {
  private static final String START = "<!-- stores:start -->";
  private static final String END = "<!-- stores:end -->";

  /** One store, its floor and the target for their ratio. */
  private record Pair(String benchmark, String redis, String label, String floor, double target) {}

  private static final List<Pair> PAIRS =
      List.of(
          new Pair(
              "PostgresStoreBenchmark",
              null,
              "PostgreSQL claim (`JdbcIdempotencyStore.claim`, new key)",
              "`INSERT ... ON CONFLICT DO NOTHING` of the same row",
              1.2),
          new Pair(
              "RedisStoreBenchmark",
              "V6_2",
              "Redis 6.2 claim (`RedisIdempotencyStore.claim`, new key, Jedis)",
              "`SET key value NX PX ttl`",
              1.2),
          new Pair(
              "RedisStoreBenchmark",
              "V7",
              "Redis 7 claim (`RedisIdempotencyStore.claim`, new key, Jedis)",
              "`SET key value NX PX ttl`",
              1.2),
          new Pair(
              "InboxBenchmark",
              null,
              "Inbox acceptance (`DeliveryInbox.accept`, PostgreSQL dialect)",
              "`INSERT` of the same row",
              1.3));

  private final List<List<JsonNode>> rounds = new ArrayList<>();
  private final List<JsonNode> memory = new ArrayList<>();
  private final List<String> environment;

  private StoreReport(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("stores-round") && name.endsWith(".json")) {
          List<JsonNode> round = new ArrayList<>();
          json.readTree(file.toFile()).forEach(round::add);
          rounds.add(round);
        } else if (name.startsWith("stores-memory") && name.endsWith(".json")) {
          json.readTree(file.toFile()).forEach(memory::add);
        }
      }
    }
    environment = Files.readAllLines(dir.resolve("stores-environment.txt"), StandardCharsets.UTF_8);
    if (rounds.isEmpty() || memory.isEmpty()) {
      throw new IllegalStateException("no stores-round*.json or stores-memory*.json in " + dir);
    }
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "verify-benchmarks/results");
    String command = args.length > 1 ? args[1] : "bash verify-benchmarks/run-stores.sh";
    String section = new StoreReport(dir).render(command);
    Report.replaceSection(Path.of("verify-benchmarks/README.md"), START, END, section);
    Report.intoRootReadme("stores", section);
    System.out.print(section);
  }

  private String render(String command) throws IOException {
    StringBuilder out = new StringBuilder();
    JsonNode any = rounds.get(0).get(0);
    out.append(
        String.format(
            Locale.ROOT,
            "Measured on %d cores (`nproc`), %s of memory, %s %s (%s); JMH %s, %d fork per"
                + " implementation, %d×%s warm-up, %d×%s measurement, 1 thread;"
                + " %d rounds, each running every store and its floor back to back (the order"
                + " alternates between rounds). %s. Command: `%s`.%n%n",
            Runtime.getRuntime().availableProcessors(),
            memory(),
            any.path("vmName").asText(),
            any.path("jdkVersion").asText(),
            any.path("vmVersion").asText(),
            any.path("jmhVersion").asText(),
            any.path("forks").asInt(),
            any.path("warmupIterations").asInt(),
            any.path("warmupTime").asText(),
            any.path("measurementIterations").asInt(),
            any.path("measurementTime").asText(),
            rounds.size(),
            String.join("; ", environmentLines("postgresql", "redis V", "load")),
            command));
    out.append(
        "Each operation's time is sampled (JMH sample time); the targets are judged on the median"
            + " (p50), which a few operations delayed by other processes on this shared machine do"
            + " not move; the means are beside them.\n\n");
    out.append(
        "| store | floor | store p50 µs | floor p50 µs | ratio (p50) | per round (p50) | ratio of"
            + " means | target | met |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
    List<String> targets = new ArrayList<>();
    for (Pair pair : PAIRS) {
      List<Double> ours = scores(pair, "HOOKVERIFY", true);
      List<Double> floor = scores(pair, "FLOOR", true);
      double meanRatio =
          mean(scores(pair, "HOOKVERIFY", false)) / mean(scores(pair, "FLOOR", false));
      if (ours.isEmpty() || floor.isEmpty()) {
        continue;
      }
      double ratio = mean(ours) / mean(floor);
      StringBuilder perRound = new StringBuilder();
      for (int i = 0; i < Math.min(ours.size(), floor.size()); i++) {
        perRound.append(i == 0 ? "" : ", ").append(fmt(ours.get(i) / floor.get(i)) + "×");
      }
      boolean met = ratio <= pair.target();
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %.1f | %.1f | %.2f× | %s | %.2f× | ≤ %.1f× | %s |%n",
              pair.label(),
              pair.floor(),
              mean(ours),
              mean(floor),
              ratio,
              perRound,
              meanRatio,
              pair.target(),
              met ? "met" : "**not met**"));
      targets.add(pair.label() + ": " + (met ? "met" : "**not met**"));
    }
    double oneThread = memoryScore("HOOKVERIFY", 1);
    double twoThreads = memoryScore("HOOKVERIFY", 2);
    // Average time per operation and thread: throughput at 2 threads over 1 is 2 × t1 / t2.
    double scaling = 2 * oneThread / twoThreads;
    boolean scales = scaling >= 1.8;
    double bareOne = memoryScore("BARE_MAP", 1);
    double bareTwo = memoryScore("BARE_MAP", 2);
    out.append(
        String.format(
            Locale.ROOT,
            "%n| in-memory store (`IdempotencyBenchmark`, key=NEW: claim then release) | ns/op per"
                + " thread | throughput vs 1 thread | target | met |%n|---|---|---|---|---|%n"
                + "| 1 thread | %.0f | 1.00× | | |%n| 2 threads | %.0f | %.2f× | ≥ 1.8× | %s |%n"
                + "| control: the bare `ConcurrentHashMap`, same keys and map operations"
                + " (`implementation=BARE_MAP`), 1 thread | %.0f | 1.00× | | |%n"
                + "| control, 2 threads | %.0f | %.2f× | | |%n%n",
            oneThread,
            twoThreads,
            scaling,
            scales ? "met" : "**not met**",
            bareOne,
            bareTwo,
            2 * bareOne / bareTwo));
    out.append("What each operation costs apart from its measured time (`StoreRoundTrips`: the")
        .append(" driver's protocol trace, PostgreSQL's pg_stat_statements, Redis's INFO")
        .append(" commandstats; one pass, under the same load):\n\n");
    for (String line : environmentLines("round trips", "server time", "redis server time")) {
      out.append("- ").append(line).append('\n');
    }
    out.append('\n');
    return out.toString();
  }

  /** Per round, the median ({@code p50}) or the mean of {@code implementation}'s samples, µs. */
  private List<Double> scores(Pair pair, String implementation, boolean median) {
    List<Double> scores = new ArrayList<>();
    for (List<JsonNode> round : rounds) {
      for (JsonNode r : round) {
        JsonNode params = r.path("params");
        if (r.path("benchmark").asText().contains("." + pair.benchmark() + ".")
            && params.path("implementation").asText().equals(implementation)
            && (pair.redis() == null || params.path("redis").asText().equals(pair.redis()))) {
          JsonNode metric = r.path("primaryMetric");
          scores.add(
              median
                  ? metric.path("scorePercentiles").path("50.0").asDouble()
                  : metric.path("score").asDouble());
        }
      }
    }
    return scores;
  }

  private double memoryScore(String implementation, int threads) {
    for (JsonNode r : memory) {
      JsonNode params = r.path("params");
      if (r.path("threads").asInt() == threads
          && params.path("key").asText().equals("NEW")
          && params.path("implementation").asText("HOOKVERIFY").equals(implementation)) {
        return r.path("primaryMetric").path("score").asDouble();
      }
    }
    throw new IllegalStateException(
        "no IdempotencyBenchmark key=NEW " + implementation + " result at " + threads);
  }

  private List<String> environmentLines(String... prefixes) {
    List<String> lines = new ArrayList<>();
    for (String line : environment) {
      for (String prefix : prefixes) {
        if (line.startsWith(prefix)) {
          lines.add(line.substring(prefix.equals("round trips") ? "round trips: ".length() : 0));
        }
      }
    }
    return lines;
  }

  private static String memory() throws IOException {
    Path meminfo = Path.of("/proc/meminfo");
    if (!Files.isReadable(meminfo)) {
      return "unknown";
    }
    for (String line : Files.readAllLines(meminfo)) {
      if (line.startsWith("MemTotal:")) {
        long kib = Long.parseLong(line.replaceAll("\\D", ""));
        return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
      }
    }
    return "unknown";
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static String fmt(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
