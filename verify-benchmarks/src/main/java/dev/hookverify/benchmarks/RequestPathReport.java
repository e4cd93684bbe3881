package dev.hookverify.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code request-path.json} (written by {@code verify-benchmarks/run-request-path.sh}) into
 * the request-path section of {@code verify-benchmarks/README.md}: one row per scenario (a scenario
 * measured more than once shows its mean, and each measurement), the target, the machine, the
 * settings and the command.
 *
 * <p>Run: {@code java -cp verify-benchmarks/target/benchmarks.jar
 * dev.hookverify.benchmarks.RequestPathReport verify-benchmarks/results}
 */
public final class RequestPathReport {
  private static final String START = "<!-- request-path:start -->";
  private static final String END = "<!-- request-path:end -->";

  /** Verification may add at most this much to the bare endpoint's server CPU per request. */
  static final double TARGET = 1.10;

  /** {@code FilterBenchmark}'s JMH results, written by the same script. */
  static final String FILTER_JSON = "filter.json";

  private RequestPathReport() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "verify-benchmarks/results");
    ObjectMapper json = new ObjectMapper();
    JsonNode run = json.readTree(dir.resolve("request-path.json").toFile());
    Path filter = dir.resolve(FILTER_JSON);
    Path readme = Path.of(args.length > 1 ? args[1] : "verify-benchmarks/README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    String section =
        render(run) + (Files.exists(filter) ? filter(json.readTree(filter.toFile()), run) : "");
    Files.writeString(readme, replaceSection(text, section), StandardCharsets.UTF_8);
    if (args.length <= 1) {
      Report.intoRootReadme("request-path", section);
    }
  }

  /** {@code text} with everything between the markers replaced by {@code section}. */
  static String replaceSection(String text, String section) {
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalStateException("the README lacks the markers " + START + " and " + END);
    }
    return text.substring(0, start + START.length()) + "\n" + section + text.substring(end);
  }

  /** The section's markdown. */
  static String render(JsonNode run) {
    Map<String, List<JsonNode>> byScenario = new LinkedHashMap<>();
    for (JsonNode row : run.path("scenarios")) {
      byScenario.computeIfAbsent(row.path("scenario").asText(), k -> new ArrayList<>()).add(row);
    }
    double bare = mean(byScenario.getOrDefault("BARE", List.of()), "serverCpuMicrosPerRequest");
    StringBuilder out = new StringBuilder();
    JsonNode machine = run.path("machine");
    JsonNode settings = run.path("settings");
    out.append(
        String.format(
            Locale.ROOT,
            "Measured on %d cores (`nproc`), %s of memory, %s; %s; load average (1, 5, 15 min)"
                + " %s at the start and %s at the end. Settings: %s, %d-byte bodies, wrk with"
                + " %d thread and %d connections, %d s warm-up then %d s measured per scenario,"
                + " each scenario in a fresh server JVM (`%s`); command: `%s`.%n%n",
            machine.path("cpus").asInt(),
            machine.path("memory").asText(),
            machine.path("jdk").asText(),
            machine.path("wrk").asText(),
            machine.path("loadAverageBefore").asText(),
            machine.path("loadAverageAfter").asText(),
            settings.path("provider").asText(),
            settings.path("bodyBytes").asInt(),
            settings.path("wrkThreads").asInt(),
            settings.path("connections").asInt(),
            settings.path("warmupSeconds").asInt(),
            settings.path("seconds").asInt(),
            settings.path("serverJvm").asText(),
            settings.path("command").asText()));
    out.append(
        "| scenario | requests/s | p50 | p99 | server CPU per request | ratio to bare |"
            + " PostgreSQL CPU per request | wrk CPU (of one core) | machine busy |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
    byScenario.forEach(
        (scenario, rows) -> {
          double cpu = mean(rows, "serverCpuMicrosPerRequest");
          out.append(
              String.format(
                  Locale.ROOT,
                  "| %s | %s | %s | %s | %s | %.2f× | %s | %s | %s |%n",
                  rows.get(0).path("title").asText(),
                  each(rows, "requestsPerSecond", "%.0f", 1),
                  each(rows, "p50Micros", "%.2f ms", 1e-3),
                  each(rows, "p99Micros", "%.1f ms", 1e-3),
                  cpu(rows),
                  cpu / bare,
                  rows.get(0).path("postgresCpuMicrosPerRequest").asDouble() > 0
                      ? each(rows, "postgresCpuMicrosPerRequest", "%.1f µs", 1)
                      : "-",
                  each(rows, "wrkCpuShareOfOneCore", "%.0f %%", 100),
                  each(rows, "machineBusyShare", "%.0f %%", 100)));
        });
    out.append(paired(run.path("paired"), run.path("settings")));
    return out.toString();
  }

  /**
   * The paired windows, bare and verification alternating in one server, and the target judged on
   * them: total server CPU over total requests of each kind, and each round's ratio.
   */
  private static String paired(JsonNode paired, JsonNode settings) {
    StringBuilder out =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%nThe target is judged on paired windows: in the verification server, the same"
                    + " servlet without a filter (`/bare`) and the filtered path measured"
                    + " alternately, %d rounds of %d s each, the order swapped every round, so a"
                    + " drift of the shared machine moves both.%n%n"
                    + "| round | bare: requests/s, server CPU per request |"
                    + " verification: requests/s, server CPU per request | ratio |%n"
                    + "|---|---|---|---|%n",
                settings.path("pairedRounds").asInt(),
                settings.path("pairedSeconds").asInt()));
    Map<Integer, JsonNode[]> rounds = new LinkedHashMap<>();
    for (JsonNode row : paired) {
      int k = row.path("scenario").asText().equals("BARE") ? 0 : 1;
      rounds.computeIfAbsent(row.path("round").asInt(), r -> new JsonNode[2])[k] = row;
    }
    List<String> ratios = new ArrayList<>();
    rounds.forEach(
        (round, pair) -> {
          double bare = pair[0].path("serverCpuMicrosPerRequest").asDouble();
          double verify = pair[1].path("serverCpuMicrosPerRequest").asDouble();
          ratios.add(String.format(Locale.ROOT, "%.2f×", verify / bare));
          out.append(
              String.format(
                  Locale.ROOT,
                  "| %d | %.0f, %.1f µs | %.0f, %.1f µs | %.2f× |%n",
                  round,
                  pair[0].path("requestsPerSecond").asDouble(),
                  bare,
                  pair[1].path("requestsPerSecond").asDouble(),
                  verify,
                  verify / bare));
        });
    double bare = pairedMicros(paired, "BARE");
    double verify = pairedMicros(paired, "VERIFY");
    double ratio = verify / bare;
    out.append(
        String.format(
            Locale.ROOT,
            "%n| target | measured | met |%n|---|---|---|%n"
                + "| verification adds at most %.0f %% to the bare endpoint's server CPU per"
                + " request (paired windows) | %.1f µs against %.1f µs: %+.1f %% (%.2f×; per"
                + " round %s) | %s |%n",
            (TARGET - 1) * 100,
            verify,
            bare,
            (ratio - 1) * 100,
            ratio,
            String.join(", ", ratios),
            ratio <= TARGET ? "yes" : "**not met**"));
    return out.toString();
  }

  /**
   * {@code FilterBenchmark}: the filter's own work per request without a container, set against the
   * bare endpoint's server CPU per request in the paired windows.
   */
  static String filter(JsonNode jmh, JsonNode run) {
    double[] nanos = new double[2];
    double[] bytes = new double[2];
    for (JsonNode result : jmh) {
      int k = result.path("benchmark").asText().endsWith(".endpoint") ? 0 : 1;
      nanos[k] = result.path("primaryMetric").path("score").asDouble();
      bytes[k] =
          result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble();
    }
    double bareMicros = pairedMicros(run.path("paired"), "BARE");
    double own = nanos[1] - nanos[0];
    return String.format(
        Locale.ROOT,
        "%nThe filter's own work without a container (`FilterBenchmark`, JMH, the same script:"
            + " a request object shaped like the request path's, a fresh one per operation; the"
            + " endpoint reads the body and answers 204):%n%n"
            + "| | ns per request | bytes allocated per request |%n|---|---|---|%n"
            + "| the endpoint alone | %.0f | %.0f |%n"
            + "| the endpoint behind `WebhookFilter` (Stripe, 1 KiB) | %.0f | %.0f |%n"
            + "| the filter's own work | %.0f | %+.0f |%n%n"
            + "The filter's own work is %.1f %% of the bare endpoint's %.1f µs of server CPU per"
            + " request in the paired windows above.%n",
        nanos[0],
        bytes[0],
        nanos[1],
        bytes[1],
        own,
        bytes[1] - bytes[0],
        own / 10 / bareMicros,
        bareMicros);
  }

  /** Server CPU per request over every paired window of {@code scenario}: total over total. */
  private static double pairedMicros(JsonNode paired, String scenario) {
    double cpu = 0;
    double requests = 0;
    for (JsonNode row : paired) {
      if (row.path("scenario").asText().equals(scenario)) {
        cpu += row.path("serverCpuSeconds").asDouble();
        requests += row.path("serverRequests").asDouble();
      }
    }
    return cpu / requests * 1e6;
  }

  /** The server CPU per request: the mean, and each measurement where there are several. */
  private static String cpu(List<JsonNode> rows) {
    String mean = String.format(Locale.ROOT, "%.1f µs", mean(rows, "serverCpuMicrosPerRequest"));
    return rows.size() == 1
        ? mean
        : mean + " (" + each(rows, "serverCpuMicrosPerRequest", "%.1f", 1) + ")";
  }

  /** Every row's {@code field}, scaled and formatted, separated by " / ". */
  private static String each(List<JsonNode> rows, String field, String format, double scale) {
    List<String> values = new ArrayList<>();
    for (JsonNode row : rows) {
      values.add(String.format(Locale.ROOT, format, row.path(field).asDouble() * scale));
    }
    return String.join(" / ", values);
  }

  private static double mean(List<JsonNode> rows, String field) {
    return rows.stream().mapToDouble(r -> r.path(field).asDouble()).average().orElse(Double.NaN);
  }
}
