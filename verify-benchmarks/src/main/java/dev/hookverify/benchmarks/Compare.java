package dev.hookverify.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Before and after, side by side: turns the {@code EndToEndBenchmark} JSON results that {@code
 * verify-benchmarks/compare.sh} writes ({@code before-N.json} and {@code after-N.json}, one pair
 * per round) into one markdown table, a row per sender, size and forged flag.
 *
 * <p>Times are the mean of every measurement iteration of every round, with JMH's own 99.9 %
 * confidence half-width over those iterations (what JMH reports for {@code -f N}); the ratio is
 * after/before of those means, and "per round" the lowest and highest ratio of the rounds, each
 * round having run before and after back to back. Allocation is {@code gc.alloc.rate.norm} averaged
 * over the rounds.
 *
 * <p>Run: {@code bash verify-benchmarks/compare.sh BASE_COMMIT}, which ends with {@code java -cp
 * /tmp/bench-after.jar dev.hookverify.benchmarks.Compare /tmp/bench-compare}
 */
public final class Compare {
  private static final Pattern FILE = Pattern.compile("(before|after)-(\\d+)\\.json");
  private static final double CONFIDENCE = 0.999;

  /** One side's measurements of one row: per-round scores, pooled iterations, allocation. */
  private static final class Side {
    final Map<Integer, Double> byRound = new TreeMap<>();
    final ListStatistics iterations = new ListStatistics();
    final ListStatistics allocation = new ListStatistics();
  }

  /** A row: one sender, size and forged flag, before and after. */
  private record Row(String sender, int size, boolean forged) {}

  private Compare() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/bench-compare");
    ObjectMapper json = new ObjectMapper();
    List<String> senders = new ArrayList<>(); // in JMH's order, which is the enum's
    Map<Row, Side[]> rows = new LinkedHashMap<>();
    int rounds = 0;
    try (var files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        Matcher name = FILE.matcher(file.getFileName().toString());
        if (!name.matches()) {
          continue;
        }
        int side = name.group(1).equals("before") ? 0 : 1;
        int round = Integer.parseInt(name.group(2));
        rounds = Math.max(rounds, round);
        for (JsonNode result : json.readTree(file.toFile())) {
          if (!result.path("benchmark").asText().endsWith("EndToEndBenchmark.verify")) {
            continue;
          }
          JsonNode params = result.path("params");
          String sender = params.path("sender").asText();
          if (!senders.contains(sender)) {
            senders.add(sender);
          }
          Row row = new Row(sender, params.path("size").asInt(), params.path("forged").asBoolean());
          Side measured = rows.computeIfAbsent(row, r -> new Side[] {new Side(), new Side()})[side];
          JsonNode primary = result.path("primaryMetric");
          measured.byRound.put(round, primary.path("score").asDouble());
          for (JsonNode fork : primary.path("rawData")) {
            fork.forEach(iteration -> measured.iterations.addValue(iteration.asDouble()));
          }
          JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
          if (!alloc.isMissingNode()) {
            measured.allocation.addValue(alloc.path("score").asDouble());
          }
        }
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no EndToEndBenchmark results in " + dir);
    }
    System.out.print(table(senders, rows, rounds));
  }

  private static String table(List<String> senders, Map<Row, Side[]> rows, int rounds) {
    StringBuilder out =
        new StringBuilder(
            "| sender | size | forged | before ns/op | after ns/op | after/before | per round"
                + " | before B/op | after B/op |\n|---|---|---|---|---|---|---|---|---|\n");
    List<Row> ordered = new ArrayList<>(rows.keySet());
    ordered.sort(
        Comparator.comparingInt((Row r) -> senders.indexOf(r.sender()))
            .thenComparingInt(Row::size)
            .thenComparing(Row::forged));
    double logSum = 0;
    int compared = 0;
    for (Row row : ordered) {
      Side before = rows.get(row)[0];
      Side after = rows.get(row)[1];
      double ratio = mean(after.iterations) / mean(before.iterations);
      if (Double.isFinite(ratio)) {
        logSum += Math.log(ratio);
        compared++;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d B | %s | %s | %s | %s | %s | %s | %s |%n",
              row.sender().toLowerCase(Locale.ROOT),
              row.size(),
              row.forged() ? "yes" : "no",
              time(before.iterations),
              time(after.iterations),
              ratio(ratio, before.iterations, after.iterations),
              perRound(before, after),
              bytes(before.allocation),
              bytes(after.allocation)));
    }
    out.append(
        String.format(
            Locale.ROOT,
            "%nGeometric mean of after/before over %d rows: %.3f. %d round(s); ns/op is the mean"
                + " of all measurement iterations ± the %.1f %% confidence half-width; a ratio is"
                + " marked slower or faster only when the two intervals do not overlap; per round:"
                + " lowest–highest after/before within one round.%n",
            compared,
            Math.exp(logSum / Math.max(1, compared)),
            rounds,
            CONFIDENCE * 100));
    return out.toString();
  }

  private static double mean(ListStatistics s) {
    return s.getN() == 0 ? Double.NaN : s.getMean();
  }

  /** The half-width of the confidence interval; NaN with a single iteration. */
  private static double error(ListStatistics s) {
    return s.getN() < 2 ? Double.NaN : s.getMeanErrorAt(CONFIDENCE);
  }

  private static String time(ListStatistics s) {
    if (s.getN() == 0) {
      return "-";
    }
    double error = error(s);
    return Double.isNaN(error)
        ? String.format(Locale.ROOT, "%.0f", s.getMean())
        : String.format(Locale.ROOT, "%.0f ± %.0f", s.getMean(), error);
  }

  private static String ratio(double ratio, ListStatistics before, ListStatistics after) {
    if (!Double.isFinite(ratio)) {
      return "-";
    }
    String text = String.format(Locale.ROOT, "%.2f", ratio);
    double b = error(before);
    double a = error(after);
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return text;
    }
    if (after.getMean() - a > before.getMean() + b) {
      return text + " slower";
    }
    if (after.getMean() + a < before.getMean() - b) {
      return text + " faster";
    }
    return text;
  }

  private static String perRound(Side before, Side after) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (Map.Entry<Integer, Double> round : before.byRound.entrySet()) {
      Double a = after.byRound.get(round.getKey());
      if (a != null) {
        double ratio = a / round.getValue();
        low = Math.min(low, ratio);
        high = Math.max(high, ratio);
      }
    }
    if (low > high) {
      return "-";
    }
    return low == high
        ? String.format(Locale.ROOT, "%.2f", low)
        : String.format(Locale.ROOT, "%.2f–%.2f", low, high);
  }

  private static String bytes(ListStatistics s) {
    return s.getN() == 0 ? "-" : String.format(Locale.ROOT, "%.0f", s.getMean());
  }
}
