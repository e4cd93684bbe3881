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
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Turns the JMH JSON results of {@code verify-benchmarks/run.sh} into a chart (PNG) and markdown
 * tables: {@code verify-benchmarks/README.md} whole, and the marked section of {@code
 * docs/benchmarks.md}, the page the root README links for performance.
 *
 * <p>Run: {@code java -cp verify-benchmarks/target/benchmarks.jar
 * dev.hookverify.benchmarks.Report verify-benchmarks/results}
 */
public final class Report {
  private static final String START = "<!-- benchmarks:start -->";
  private static final String END = "<!-- benchmarks:end -->";
  private static final String[] SCHEMES = {"Stripe", "StandardWebhooks", "Slack", "Twilio"};

  private final List<JsonNode> results = new ArrayList<>();
  /** The longer runs ({@code precise-*.json}) the forged-cost and scaling targets are judged on. */
  private final List<JsonNode> precise = new ArrayList<>();
  private final Path dir;

  private Report(Path dir) throws IOException {
    this.dir = dir;
    ObjectMapper json = new ObjectMapper();
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        json.readTree(file.toFile())
            .forEach(file.getFileName().toString().startsWith("precise-") ? precise::add : results::add);
      }
    }
  }

  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    Path dir = Path.of(args.length > 0 ? args[0] : "verify-benchmarks/results");
    Report report = new Report(dir);
    String environment = report.environment();
    String headline = report.headline();
    String targets = report.targets();
    report.chart(dir.resolve("verification-1kib.png"));
    String details = report.details();
    Files.writeString(
        Path.of("verify-benchmarks/README.md"),
        Files.readString(Path.of("verify-benchmarks/METHODOLOGY.md"), StandardCharsets.UTF_8)
            + "\n## Results\n\n" + environment + "\n![ns/op at 1 KiB](results/verification-1kib.png)\n\n"
            + headline + "\n" + targets + "\n" + details,
        StandardCharsets.UTF_8);
    // The page sits in docs/, so its links climb one level to the module.
    Path page = Path.of("docs/benchmarks.md");
    String text = Files.readString(page, StandardCharsets.UTF_8);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    if (start < 0 || end < start) {
      throw new IllegalStateException(page + " lacks the markers " + START + " and " + END);
    }
    String section = START + "\n" + environment
        + "\n![ns/op at 1 KiB](../verify-benchmarks/results/verification-1kib.png)\n\n" + headline
        + "\n" + targets
        + "\nEvery table, the allocation figures and the methodology: "
        + "[verify-benchmarks/README.md](../verify-benchmarks/README.md).\n";
    Files.writeString(page, text.substring(0, start) + section + text.substring(end),
        StandardCharsets.UTF_8);
  }

  private String environment() {
    JsonNode any = results.get(0);
    return String.format(Locale.ROOT,
        "Measured on %d cores (`nproc`), %s %s (%s); JMH %s, %d fork, %d×%s warm-up, %d×%s "
            + "measurement, average time; command: `bash verify-benchmarks/run.sh`.%n",
        Runtime.getRuntime().availableProcessors(), any.path("vmName").asText(),
        any.path("jdkVersion").asText(), any.path("vmVersion").asText(),
        any.path("jmhVersion").asText(), any.path("forks").asInt(),
        any.path("warmupIterations").asInt(), any.path("warmupTime").asText(),
        any.path("measurementIterations").asInt(), any.path("measurementTime").asText());
  }

  /** Scheme benchmarks: ours, the floor and each peer, with ratios. */
  private String headline() {
    StringBuilder out = new StringBuilder(
        "| scheme | size | hookverify | bare `Mac` floor | ratio to floor | peers (ns/op, and how many times slower than hookverify) |\n"
            + "|---|---|---|---|---|---|\n");
    for (String scheme : SCHEMES) {
      for (String size : new String[] {"64", "1024", "16384"}) {
        Map<String, Double> byImpl = new LinkedHashMap<>();
        for (JsonNode r : results) {
          if (r.path("benchmark").asText().endsWith("." + scheme + "Benchmark.verify")
              && r.path("params").path("size").asText().equals(size)
              && r.path("params").path("forged").asText().equals("false")) {
            byImpl.put(r.path("params").path("implementation").asText(), score(r));
          }
        }
        Double ours = byImpl.get("HOOKVERIFY");
        Double floor = byImpl.get("BARE_MAC");
        if (ours == null || floor == null) {
          continue;
        }
        StringBuilder peers = new StringBuilder();
        byImpl.forEach((impl, ns) -> {
          if (!impl.equals("HOOKVERIFY") && !impl.equals("BARE_MAC")) {
            peers.append(String.format(Locale.ROOT, "%s %.0f (%.1f×); ",
                impl.toLowerCase(Locale.ROOT).replace('_', '-'), ns, ns / ours));
          }
        });
        out.append(String.format(Locale.ROOT, "| %s | %s B | %.0f ns | %.0f ns | %.2f× | %s |%n",
            scheme, size, ours, floor, ours / floor, peers));
      }
    }
    return out.toString();
  }

  /** The scheme benchmark's score for one implementation, size and forged flag; NaN if absent. */
  private double scheme(String scheme, String impl, String size, boolean forged) {
    for (JsonNode r : results) {
      if (r.path("benchmark").asText().endsWith("." + scheme + "Benchmark.verify")
          && r.path("params").path("implementation").asText().equals(impl)
          && r.path("params").path("size").asText().equals(size)
          && r.path("params").path("forged").asBoolean() == forged
          && r.path("threads").asInt() == 1) {
        return score(r);
      }
    }
    return Double.NaN;
  }

  private double floorAt(int threads) {
    for (JsonNode r : precise) {
      if (r.path("benchmark").asText().endsWith(".StripeBenchmark.verify")
          && r.path("params").path("implementation").asText().equals("BARE_MAC")
          && r.path("params").path("size").asText().equals("1024")
          && r.path("threads").asInt() == threads) {
        return score(r);
      }
    }
    return Double.NaN;
  }

  /** An end-to-end result (score, or allocation when {@code metric} is given); NaN if absent. */
  private double endToEnd(String sender, String size, boolean forged, int threads, String metric) {
    return endToEnd(results, sender, size, forged, threads, metric);
  }

  private static double endToEnd(List<JsonNode> from, String sender, String size, boolean forged,
      int threads, String metric) {
    for (JsonNode r : from) {
      if (r.path("benchmark").asText().endsWith("EndToEndBenchmark.verify")
          && r.path("params").path("sender").asText().equals(sender)
          && r.path("params").path("size").asText().equals(size)
          && r.path("params").path("forged").asBoolean() == forged
          && r.path("threads").asInt() == threads) {
        return metric == null ? score(r)
            : r.path("secondaryMetrics").path(metric).path("score").asDouble(Double.NaN);
      }
    }
    return Double.NaN;
  }

  /** The targets, each judged from the measurements above. */
  private String targets() {
    StringBuilder out = new StringBuilder("### Targets\n\n| target | measured | met |\n|---|---|---|\n");
    for (String size : new String[] {"64", "1024", "16384"}) {
      double limit = size.equals("64") ? 1.5 : 1.15;
      double stripe = scheme("Stripe", "HOOKVERIFY", size, false) / scheme("Stripe", "BARE_MAC", size, false);
      double standard = scheme("StandardWebhooks", "HOOKVERIFY", size, false)
          / scheme("StandardWebhooks", "BARE_MAC", size, false);
      // GitHub signs the body alone: its floor is Stripe's floor less 11 bytes, near enough.
      double github = endToEnd("GITHUB", size, false, 1, null) / scheme("Stripe", "BARE_MAC", size, false);
      row(out, String.format(Locale.ROOT, "within %.2f× of the floor at %s B", limit, size),
          String.format(Locale.ROOT, "Stripe %.2f×, Standard Webhooks %.2f×, GitHub %.2f×", stripe, standard, github),
          stripe <= limit && standard <= limit && github <= limit);
    }
    for (String size : new String[] {"64", "1024"}) {
      double stripe = scheme("Stripe", "STRIPE_JAVA", size, false) / scheme("Stripe", "HOOKVERIFY", size, false);
      double standard = scheme("StandardWebhooks", "STANDARDWEBHOOKS", size, false)
          / scheme("StandardWebhooks", "HOOKVERIFY", size, false);
      row(out, "at least 5× faster than stripe-java and standardwebhooks at " + size + " B",
          String.format(Locale.ROOT, "%.1f× and %.1f×", stripe, standard), stripe >= 5 && standard >= 5);
    }
    List<String> slower = new ArrayList<>();
    String[][] peers = {{"Stripe", "STRIPE_JAVA"}, {"StandardWebhooks", "STANDARDWEBHOOKS"},
        {"StandardWebhooks", "SVIX"}, {"Slack", "SLACK_SDK"}, {"Twilio", "TWILIO_JAVA"}};
    for (String[] peer : peers) {
      for (String size : new String[] {"64", "1024", "16384"}) {
        double ratio = scheme(peer[0], peer[1], size, false) / scheme(peer[0], "HOOKVERIFY", size, false);
        if (ratio < 1) {
          slower.add(String.format(Locale.ROOT, "%s %s B (%.2f×)", peer[1].toLowerCase(Locale.ROOT), size, ratio));
        }
      }
    }
    row(out, "slower than no peer at any size", slower.isEmpty() ? "faster than every peer at every size"
        : "slower than " + String.join(", ", slower), slower.isEmpty());
    List<String> forgedCost = new ArrayList<>();
    boolean forgedOk = true;
    for (String sender : new String[] {"STRIPE", "GITHUB", "STANDARD_WEBHOOKS", "TWILIO"}) {
      for (String size : new String[] {"64", "1024"}) {
        double ratio = endToEnd(precise, sender, size, true, 1, null)
            / endToEnd(precise, sender, size, false, 1, null);
        forgedCost.add(String.format(Locale.ROOT, "%s %s B %.2f", sender.toLowerCase(Locale.ROOT), size, ratio));
        forgedOk &= !(ratio > 1.05); // a 5 % margin for what is left of the noise
      }
    }
    row(out, "a forged delivery costs no more than a genuine one (forged/genuine, 5×2 s runs)",
        String.join("; ", forgedCost), forgedOk);
    List<String> allocations = new ArrayList<>();
    boolean allocationOk = true;
    for (String sender : new String[] {"STRIPE", "GITHUB", "STANDARD_WEBHOOKS"}) {
      // The result itself: a VerifiedWebhook and its Authentication (about 80 bytes with
      // compressed oops), plus the signed timestamp's Instant (24 bytes) where there is one.
      double result = sender.equals("GITHUB") ? 80 : 104;
      for (String size : new String[] {"64", "1024", "16384"}) {
        double bytes = endToEnd(sender, size, false, 1, "gc.alloc.rate.norm");
        allocationOk &= bytes <= result + 64;
        allocations.add(String.format(Locale.ROOT, "%s %s B: %.0f B (result %.0f B + %.0f B)",
            sender.toLowerCase(Locale.ROOT), size, bytes, result, bytes - result));
      }
    }
    row(out, "at most 64 bytes allocated per verification beyond the result, 64 B to 16 KiB",
        String.join("; ", allocations), allocationOk);
    double one = endToEnd(precise, "STRIPE", "1024", false, 1, null);
    double two = endToEnd(precise, "STRIPE", "1024", false, 2, null);
    double scaling = 2 * one / two;
    double floorScaling = 2 * floorAt(1) / floorAt(2);
    row(out, "2 threads give at least 1.8× the throughput of 1 (5×2 s runs)",
        String.format(Locale.ROOT, "%.2f× (Stripe, 1 KiB: %.0f ns/op at 1 thread, %.0f at 2); "
            + "the bare Mac itself: %.2f×", scaling, one, two, floorScaling),
        scaling >= 1.8);
    return out.toString();
  }

  private static void row(StringBuilder out, String target, String measured, boolean met) {
    out.append("| ").append(target).append(" | ").append(measured).append(" | ")
        .append(met ? "yes" : "**no**").append(" |\n");
  }

  private void chart(Path png) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(900).height(480)
        .title("Verifying a 1 KiB delivery (µs per verification, lower is better)")
        .xAxisTitle("scheme").yAxisTitle("µs").build();
    Map<String, List<Double>> series = new LinkedHashMap<>();
    List<String> schemes = new ArrayList<>();
    for (String scheme : SCHEMES) {
      schemes.add(scheme);
    }
    for (String impl : new String[] {"HOOKVERIFY", "BARE_MAC", "STRIPE_JAVA", "STANDARDWEBHOOKS",
        "SVIX", "SLACK_SDK", "TWILIO_JAVA"}) {
      List<Double> values = new ArrayList<>();
      boolean any = false;
      for (String scheme : SCHEMES) {
        Double value = null; // this implementation does not do this scheme
        for (JsonNode r : results) {
          if (r.path("benchmark").asText().endsWith("." + scheme + "Benchmark.verify")
              && r.path("params").path("size").asText().equals("1024")
              && r.path("params").path("forged").asText().equals("false")
              && r.path("params").path("implementation").asText().equals(impl)) {
            value = score(r) / 1000;
            any = true;
          }
        }
        values.add(value);
      }
      if (any) {
        series.put(impl.toLowerCase(Locale.ROOT).replace('_', '-'), values);
      }
    }
    series.forEach((name, values) -> chart.addSeries(name, schemes, values));
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  /** Every other benchmark, as tables. */
  private String details() {
    StringBuilder out = new StringBuilder();
    out.append("### End to end through the public API\n\n"
        + "| sender | size | accepted ns/op | forged ns/op | accepted B/op | forged B/op |\n"
        + "|---|---|---|---|---|---|\n");
    Map<String, double[]> rows = new LinkedHashMap<>();
    for (JsonNode r : results) {
      if (r.path("benchmark").asText().endsWith("EndToEndBenchmark.verify")) {
        String key = r.path("params").path("sender").asText() + "|"
            + r.path("params").path("size").asText();
        double[] row = rows.computeIfAbsent(key, k -> new double[] {-1, -1, -1, -1});
        boolean forged = r.path("params").path("forged").asBoolean();
        row[forged ? 1 : 0] = score(r);
        JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
        row[forged ? 3 : 2] = alloc.isMissingNode() ? -1 : alloc.path("score").asDouble();
      }
    }
    rows.forEach((key, row) -> out.append(String.format(Locale.ROOT, "| %s | %s B | %s | %s | %s | %s |%n",
        key.split("\\|")[0].toLowerCase(Locale.ROOT), key.split("\\|")[1], cell(row[0]), cell(row[1]),
        cell(row[2]), cell(row[3]))));
    out.append("\n### Other hot paths\n\n| benchmark | parameters | threads | score | unit |\n|---|---|---|---|---|\n");
    for (JsonNode r : results) {
      String name = r.path("benchmark").asText();
      if (name.endsWith("EndToEndBenchmark.verify") || name.matches(".*(Stripe|StandardWebhooks|Slack|Twilio)Benchmark.verify")) {
        continue;
      }
      out.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f ± %.1f | %s |%n",
          name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
          r.path("params").toString().replace("\"", "").replace("|", "/"),
          r.path("threads").asInt(), score(r), r.path("primaryMetric").path("scoreError").asDouble(),
          r.path("primaryMetric").path("scoreUnit").asText()));
    }
    out.append("\n### Peers, forged deliveries\n\n| scheme | size | implementation | ns/op |\n|---|---|---|---|\n");
    for (JsonNode r : results) {
      String name = r.path("benchmark").asText();
      if (name.matches(".*(Stripe|StandardWebhooks|Slack|Twilio)Benchmark.verify")
          && r.path("params").path("forged").asBoolean()) {
        out.append(String.format(Locale.ROOT, "| %s | %s B | %s | %.0f |%n",
            name.replaceAll(".*\\.(\\w+)Benchmark\\.verify", "$1"), r.path("params").path("size").asText(),
            r.path("params").path("implementation").asText().toLowerCase(Locale.ROOT), score(r)));
      }
    }
    return out.toString();
  }

  private static String cell(double value) {
    return value < 0 ? "-" : String.format(Locale.ROOT, "%.0f", value);
  }

  private static double score(JsonNode result) {
    return result.path("primaryMetric").path("score").asDouble();
  }
}
