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

/**
 * Renders {@code run-twilio.sh}'s JSON into the {@code twilio} section of {@code
 * verify-benchmarks/README.md}: Twilio end to end against its bare-Mac floor, forged against
 * genuine, bytes per verification, and the Mac strategies on reused platform threads and on fresh
 * virtual threads.
 *
 * <p>Run: {@code java -cp verify-benchmarks/target/benchmarks.jar
 * dev.hookverify.benchmarks.TwilioReport verify-benchmarks/results}
 */
public final class TwilioReport {
  private static final String START = "<!-- twilio:start -->";
  private static final String END = "<!-- twilio:end -->";

  private TwilioReport() {}

  public static void main(String[] args) throws IOException {
    Path results = Path.of(args.length > 0 ? args[0] : "verify-benchmarks/results");
    List<JsonNode> twilio = read(results.resolve("twilio.json"));
    StringBuilder out = new StringBuilder();
    JsonNode any = twilio.get(0);
    out.append("Measured on ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(memory())
        .append(", ")
        .append(any.path("vmName").asText())
        .append(' ')
        .append(any.path("vmVersion").asText())
        .append("; JMH ")
        .append(any.path("jmhVersion").asText())
        .append(
            ", 1 fork, 3×1 s warm-up, 5×1 s measurement; command: `bash"
                + " verify-benchmarks/run-twilio.sh`.\n\n");
    Path load = results.resolve("twilio-load.txt");
    if (Files.exists(load)) {
      out.append("Load during the run (`uptime`): ")
          .append(String.join("; ", Files.readAllLines(load)).replaceAll("\\s+", " ").trim())
          .append(".\n\n");
    }
    out.append(
        "| size | floor ns/op | genuine ns/op | ratio to floor | forged ns/op | forged/genuine |"
            + " genuine B/op | forged B/op |\n");
    out.append("|---|---|---|---|---|---|---|---|\n");
    List<String> ratioTarget = new ArrayList<>();
    List<String> forgedTarget = new ArrayList<>();
    boolean ratioMet = true;
    boolean forgedMet = true;
    for (String size : new String[] {"64", "1024"}) {
      double floor = score(twilio, "TwilioBenchmark", size, false, "");
      double genuine = score(twilio, "EndToEndBenchmark", size, false, "");
      double forged = score(twilio, "EndToEndBenchmark", size, true, "");
      double genuineBytes = score(twilio, "EndToEndBenchmark", size, false, "gc.alloc.rate.norm");
      double forgedBytes = score(twilio, "EndToEndBenchmark", size, true, "gc.alloc.rate.norm");
      out.append(
          String.format(
              Locale.ROOT,
              "| %s B | %.0f | %.0f | %.2f× | %.0f | %.2f× | %.0f | %.0f |%n",
              size,
              floor,
              genuine,
              genuine / floor,
              forged,
              forged / genuine,
              genuineBytes,
              forgedBytes));
      if (size.equals("1024")) {
        ratioMet = genuine / floor <= 1.5;
        ratioTarget.add(String.format(Locale.ROOT, "%.2f×", genuine / floor));
      }
      forgedMet &= forged / genuine <= 1.2;
      forgedTarget.add(String.format(Locale.ROOT, "%s B %.2f×", size, forged / genuine));
    }
    out.append("\n| target | measured | met |\n|---|---|---|\n");
    out.append("| Twilio end to end within 1.5× of the floor at 1 KiB | ")
        .append(String.join(", ", ratioTarget))
        .append(" | ")
        .append(ratioMet ? "met" : "**not met**")
        .append(" |\n");
    out.append("| a forged Twilio delivery costs at most 1.2× a genuine one | ")
        .append(String.join("; ", forgedTarget))
        .append(" | ")
        .append(forgedMet ? "met" : "**not met**")
        .append(" |\n\n");

    out.append(
            "Mac strategies, one HMAC-SHA256 of 64 B per request (`VirtualThreadBenchmark`: 100 ")
        .append("requests started at once per operation, the score per request; `NONE` is the ")
        .append("hand-off or the virtual thread alone), and on the benchmark's own threads ")
        .append(
            "(`MacStrategyBenchmark`, 1 KiB); JDK 25: `bash verify-benchmarks/run-twilio.sh`.\n\n");
    out.append(
        "| benchmark | where | strategy | 1 thread ns/op | 2 threads ns/op | 1 thread B/op |\n");
    out.append("|---|---|---|---|---|---|\n");
    List<JsonNode> one = read(results.resolve("twilio-threads-1.json"));
    List<JsonNode> two = read(results.resolve("twilio-threads-2.json"));
    JsonNode jdk = one.get(0);
    for (JsonNode result : one) {
      String benchmark = result.path("benchmark").asText().replaceAll(".*\\.(\\w+)\\.\\w+$", "$1");
      JsonNode params = result.path("params");
      String where = params.path("carrier").asText("CALLER");
      String strategy = params.path("strategy").asText();
      JsonNode twin = find(two, result);
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %.0f | %s | %s |%n",
              benchmark,
              where,
              strategy,
              result.path("primaryMetric").path("score").asDouble(),
              twin == null
                  ? "-"
                  : String.format(
                      Locale.ROOT, "%.0f", twin.path("primaryMetric").path("score").asDouble()),
              bytes(result)));
    }
    out.append("\nJDK for the strategies: ")
        .append(jdk.path("vmName").asText())
        .append(' ')
        .append(jdk.path("vmVersion").asText())
        .append(".\n");

    Path readme = results.getParent().resolve("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalStateException(readme + " has no " + START + " ... " + END + " section");
    }
    Files.writeString(
        readme,
        text.substring(0, start + START.length()) + "\n" + out + text.substring(end),
        StandardCharsets.UTF_8);
  }

  private static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> results = new ArrayList<>();
    new ObjectMapper().readTree(file.toFile()).forEach(results::add);
    return results;
  }

  private static double score(
      List<JsonNode> from, String benchmark, String size, boolean forged, String metric) {
    for (JsonNode result : from) {
      JsonNode params = result.path("params");
      if (result.path("benchmark").asText().contains("." + benchmark + ".")
          && params.path("size").asText().equals(size)
          && params.path("forged").asText().equals(Boolean.toString(forged))) {
        JsonNode node =
            metric.isEmpty()
                ? result.path("primaryMetric")
                : result.path("secondaryMetrics").path(metric);
        return node.path("score").asDouble();
      }
    }
    throw new IllegalStateException("no result for " + benchmark + " " + size + " " + forged);
  }

  private static JsonNode find(List<JsonNode> from, JsonNode like) {
    for (JsonNode result : from) {
      if (result.path("benchmark").equals(like.path("benchmark"))
          && result.path("params").equals(like.path("params"))) {
        return result;
      }
    }
    return null;
  }

  private static String bytes(JsonNode result) {
    JsonNode norm = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
    return norm.isMissingNode()
        ? "-"
        : String.format(Locale.ROOT, "%.0f", norm.path("score").asDouble());
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kib = Long.parseLong(line.replaceAll("\\D", ""));
          return String.format(Locale.ROOT, "%.1f GiB memory", kib / 1048576.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the machine's memory is a courtesy, not a result
    }
    return "memory unknown";
  }
}
