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
 * <p>Run: {@code java -cp verify-benchmarks/target/benchmarks.jar dev.hookverify.benchmarks.Report
 * verify-benchmarks/results}
 */
public final class Report {
  private static final String START = "<!-- benchmarks:start -->";
  private static final String END = "<!-- benchmarks:end -->";
  private static final String[] SCHEMES = {"Stripe", "StandardWebhooks", "Slack", "Twilio"};

  /** The short runs: peers, other hot paths. */
  private final List<JsonNode> results = new ArrayList<>();

  /** The precise run of every floor class beside {@code EndToEndBenchmark} (genuine). */
  private final List<JsonNode> precise = new ArrayList<>();

  /** The precise run of genuine against forged deliveries, end to end. */
  private final List<JsonNode> forgedRun = new ArrayList<>();

  /** The precise runs at 1 and at 2 threads. */
  private final List<JsonNode> threadsRun = new ArrayList<>();

  private final Path dir;

  private Report(Path dir) throws IOException {
    this.dir = dir;
    ObjectMapper json = new ObjectMapper();
    try (var files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String name = file.getFileName().toString();
        List<JsonNode> into =
            switch (name) {
              case "precise-floors.json" -> precise;
              case "precise-forged.json" -> forgedRun;
              case "precise-threads-1.json", "precise-threads-2.json" -> threadsRun;
              default -> name.startsWith("micro-") ? results : null;
            };
        if (into != null) {
          json.readTree(file.toFile()).forEach(into::add);
        }
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
    String floors = report.floors();
    report.chart(dir.resolve("verification-1kib.png"));
    report.ratioChart(dir.resolve("end-to-end-vs-floor.png"));
    String details = report.details();
    replaceSection(
        Path.of("verify-benchmarks/README.md"),
        environment
            + "\n![ns/op at 1 KiB](results/verification-1kib.png)\n\n"
            + headline
            + "\n"
            + targets
            + "\n![end to end against the floor](results/end-to-end-vs-floor.png)\n\n"
            + floors
            + "\n"
            + details);
    // The page sits in docs/, so its links climb one level to the module.
    replaceSection(
        Path.of("docs/benchmarks.md"),
        environment
            + "\n"
            + "![end to end against the"
            + " floor](../verify-benchmarks/results/end-to-end-vs-floor.png)\n\n"
            + targets
            + "\n"
            + floors
            + "\nEvery table, the allocation figures and the methodology: "
            + "[verify-benchmarks/README.md](../verify-benchmarks/README.md).\n");
    replaceSection(
        Path.of("README.md"),
        environment
            + "\n"
            + "![end to end against the"
            + " floor](verify-benchmarks/results/end-to-end-vs-floor.png)\n\n"
            + targets);
  }

  /**
   * Writes the short form of a section of {@code verify-benchmarks/README.md} into the root README
   * between {@code <!-- area:start -->} and {@code <!-- area:end -->}: its first paragraph
   * (machine, JDK, settings, command) and every table that judges a target (one with a {@code met}
   * column).
   */
  static void intoRootReadme(String area, String section) throws IOException {
    StringBuilder summary = new StringBuilder();
    String[] blocks = section.strip().split("\n\\s*\n");
    summary.append(blocks[0]).append("\n\n");
    for (String block : blocks) {
      String header = block.lines().findFirst().orElse("");
      if (block.startsWith("|") && header.matches(".*\\|\\s*met\\s*\\|\\s*")) {
        summary.append(block).append("\n\n");
      }
    }
    replaceSection(
        Path.of("README.md"),
        "<!-- " + area + ":start -->",
        "<!-- " + area + ":end -->",
        summary.toString().stripTrailing() + "\n");
  }

  /** Replaces what lies between this report's markers in {@code page}. */
  static void replaceSection(Path page, String section) throws IOException {
    replaceSection(page, START, END, section);
  }

  /** Replaces what lies between {@code start} and {@code end} in {@code page}. */
  static void replaceSection(Path page, String start, String end, String section)
      throws IOException {
    String text = Files.readString(page, StandardCharsets.UTF_8);
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalStateException(page + " lacks the markers " + start + " and " + end);
    }
    Files.writeString(
        page,
        text.substring(0, from) + start + "\n" + section + text.substring(to),
        StandardCharsets.UTF_8);
  }

  private String environment() {
    long memory =
        ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    String load = System.getenv().getOrDefault("HOOKVERIFY_BENCH_LOAD", "not recorded");
    int forks = precise.get(0).path("forks").asInt(); // run.sh's FORKS, which the command repeats
    return String.format(
        Locale.ROOT,
        "Measured on %d cores (`nproc`), %d GiB, %s %s (%s), JMH %s; the load average (1 min)"
            + " before and after the run: %s. Command: `%sbash verify-benchmarks/run.sh`. %s. The"
            + " peer and other rows are shorter runs: %s.%n",
        Runtime.getRuntime().availableProcessors(),
        Math.round(memory / (1024.0 * 1024 * 1024)),
        precise.get(0).path("vmName").asText(),
        precise.get(0).path("jdkVersion").asText(),
        precise.get(0).path("vmVersion").asText(),
        precise.get(0).path("jmhVersion").asText(),
        load,
        forks == 1 ? "" : "FORKS=" + forks + " ",
        settings("Targets", precise.get(0)),
        settings("short", results.get(0)));
  }

  /** A run's JMH settings, as JMH recorded them. */
  private static String settings(String what, JsonNode run) {
    int forks = run.path("forks").asInt();
    return String.format(
        Locale.ROOT,
        "%s: %d fork%s, %d×%s warm-up, %d×%s measurement, average time",
        what,
        forks,
        forks == 1 ? "" : "s",
        run.path("warmupIterations").asInt(),
        run.path("warmupTime").asText(),
        run.path("measurementIterations").asInt(),
        run.path("measurementTime").asText());
  }

  /** Scheme benchmarks: ours, the floor and each peer, with ratios. */
  private String headline() {
    StringBuilder out =
        new StringBuilder(
            "| scheme | size | hookverify | bare `Mac` floor | ratio to floor | peers (ns/op, and"
                + " how many times slower than hookverify) |\n"
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
        byImpl.forEach(
            (impl, ns) -> {
              if (!impl.equals("HOOKVERIFY") && !impl.equals("BARE_MAC")) {
                peers.append(
                    String.format(
                        Locale.ROOT,
                        "%s %.0f (%.1f×); ",
                        impl.toLowerCase(Locale.ROOT).replace('_', '-'),
                        ns,
                        ns / ours));
              }
            });
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s B | %.0f ns | %.0f ns | %.2f× | %s |%n",
                scheme,
                size,
                ours,
                floor,
                ours / floor,
                peers));
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
    for (JsonNode r : threadsRun) {
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
  private static double endToEnd(
      List<JsonNode> from, String sender, String size, boolean forged, int threads, String metric) {
    for (JsonNode r : from) {
      if (r.path("benchmark").asText().endsWith("EndToEndBenchmark.verify")
          && r.path("params").path("sender").asText().equals(sender)
          && r.path("params").path("size").asText().equals(size)
          && r.path("params").path("forged").asBoolean() == forged
          && r.path("threads").asInt() == threads) {
        return metric == null
            ? score(r)
            : r.path("secondaryMetrics").path(metric).path("score").asDouble(Double.NaN);
      }
    }
    return Double.NaN;
  }

  /** The senders whose end-to-end cost is judged against their own floor class. */
  private static final String[][] FLOORED = {
    {"STRIPE", "Stripe"},
    {"GITHUB", "Github"},
    {"STANDARD_WEBHOOKS", "StandardWebhooks"},
    {"SLACK", "Slack"},
    {"TWILIO", "Twilio"}
  };

  private static final String[] SIZES = {"64", "1024", "16384"};

  /** The floor class's BARE_MAC score in the precise runs; NaN if absent. */
  private double floor(String scheme, String size) {
    for (JsonNode r : precise) {
      if (r.path("benchmark").asText().endsWith("." + scheme + "Benchmark.verify")
          && r.path("params").path("implementation").asText().equals("BARE_MAC")
          && r.path("params").path("size").asText().equals(size)
          && r.path("threads").asInt() == 1) {
        return score(r);
      }
    }
    return Double.NaN;
  }

  /** End to end over the floor, from the same precise run. */
  private double ratio(String sender, String scheme, String size) {
    return endToEnd(precise, sender, size, false, 1, null) / floor(scheme, size);
  }

  /** The targets (issue 15), each judged from the precise runs. */
  private String targets() {
    StringBuilder out =
        new StringBuilder("### Targets\n\n| target | measured | met |\n|---|---|---|\n");
    double[] limits = {1.3, 1.1, 1.05};
    for (int i = 0; i < SIZES.length; i++) {
      List<String> measured = new ArrayList<>();
      boolean met = true;
      for (String[] sender : FLOORED) {
        if (sender[0].equals("TWILIO")) {
          continue;
        }
        double ratio = ratio(sender[0], sender[1], SIZES[i]);
        met &= ratio <= limits[i];
        measured.add(String.format(Locale.ROOT, "%s %.2f×", name(sender[0]), ratio));
      }
      row(
          out,
          String.format(
              Locale.ROOT,
              "end to end within %.2f× of the floor at %s B (Stripe, GitHub, Standard Webhooks,"
                  + " Slack)",
              limits[i],
              SIZES[i]),
          String.join(", ", measured),
          met);
    }
    double twilio = ratio("TWILIO", "Twilio", "1024");
    row(
        out,
        "Twilio end to end within 1.50× of the floor at 1024 B",
        String.format(Locale.ROOT, "%.2f×", twilio),
        twilio <= 1.5);
    double twilioForged =
        endToEnd(forgedRun, "TWILIO", "1024", true, 1, null)
            / endToEnd(forgedRun, "TWILIO", "1024", false, 1, null);
    row(
        out,
        "a forged Twilio delivery costs at most 1.2× a genuine one (1024 B)",
        String.format(Locale.ROOT, "%.2f×", twilioForged),
        twilioForged <= 1.2);
    List<String> forgedCost = new ArrayList<>();
    boolean forgedOk = true;
    for (String sender :
        new String[] {"STRIPE", "GITHUB", "STANDARD_WEBHOOKS", "SLACK", "SHOPIFY"}) {
      double ratio =
          endToEnd(forgedRun, sender, "1024", true, 1, null)
              / endToEnd(forgedRun, sender, "1024", false, 1, null);
      forgedCost.add(String.format(Locale.ROOT, "%s %.2f", name(sender), ratio));
      forgedOk &= !(ratio > 1.05); // a 5 % margin for what is left of the noise
    }
    row(
        out,
        "no regression: elsewhere a forged delivery costs no more than a genuine one (1024 B,"
            + " forged/genuine)",
        String.join("; ", forgedCost),
        forgedOk);
    List<String> allocations = new ArrayList<>();
    boolean allocationOk = true;
    for (String[] sender : FLOORED) {
      if (sender[0].equals("TWILIO")) {
        continue;
      }
      double result = resultBytes(sender[0]);
      for (String size : SIZES) {
        double bytes = endToEnd(precise, sender[0], size, false, 1, "gc.alloc.rate.norm");
        allocationOk &= Math.round(bytes) <= result + 64; // JMH reports fractions of a byte
        allocations.add(
            String.format(
                Locale.ROOT,
                "%s %s B: %.0f B (+%.0f B)",
                name(sender[0]),
                size,
                bytes,
                bytes - result));
      }
    }
    row(
        out,
        "at most 64 bytes allocated per verification beyond the result (the result: "
            + RESULT_BYTES
            + ")",
        String.join("; ", allocations),
        allocationOk);
    double one = endToEnd(threadsRun, "STRIPE", "1024", false, 1, null);
    double two = endToEnd(threadsRun, "STRIPE", "1024", false, 2, null);
    double scaling = 2 * one / two;
    double floorScaling = 2 * floorAt(1) / floorAt(2);
    row(
        out,
        "2 threads give at least 1.8× the throughput of 1",
        String.format(
            Locale.ROOT,
            "%.2f× (Stripe, 1 KiB: %.0f ns/op at 1 thread, %.0f at 2); the bare Mac itself: %.2f×",
            scaling,
            one,
            two,
            floorScaling),
        scaling >= 1.8);
    List<String> slower = new ArrayList<>();
    String[][] peers = {
      {"Stripe", "STRIPE_JAVA"},
      {"StandardWebhooks", "STANDARDWEBHOOKS"},
      {"StandardWebhooks", "SVIX"},
      {"Slack", "SLACK_SDK"},
      {"Twilio", "TWILIO_JAVA"}
    };
    for (String[] peer : peers) {
      double ratio =
          scheme(peer[0], peer[1], "1024", false) / scheme(peer[0], "HOOKVERIFY", "1024", false);
      if (ratio < 1) {
        slower.add(
            String.format(Locale.ROOT, "%s (%.2f×)", peer[1].toLowerCase(Locale.ROOT), ratio));
      }
    }
    row(
        out,
        "no regression: slower than no peer SDK (1024 B)",
        slower.isEmpty() ? "faster than every peer" : "slower than " + String.join(", ", slower),
        slower.isEmpty());
    return out.toString();
  }

  /**
   * What the result itself takes, which the allocation target excludes, with compressed oops: a
   * {@code VerifiedWebhook} (12-byte header and 6 references: 40 B) and its {@code Authentication}
   * (9 references, 2 ints, 2 booleans: 64 B), plus the signed timestamp's {@code Instant} (24 B)
   * where the scheme signs one.
   */
  private static final String RESULT_BYTES =
      "`VerifiedWebhook` 40 B + `Authentication` 64 B, + a 24 B `Instant` where a timestamp is"
          + " signed";

  private static double resultBytes(String sender) {
    return sender.equals("GITHUB") ? 104 : 128;
  }

  private static String name(String sender) {
    return switch (sender) {
      case "STRIPE" -> "Stripe";
      case "GITHUB" -> "GitHub";
      case "STANDARD_WEBHOOKS" -> "Standard Webhooks";
      case "SLACK" -> "Slack";
      case "TWILIO" -> "Twilio";
      case "SHOPIFY" -> "Shopify";
      case "DISCORD" -> "Discord";
      default -> sender.toLowerCase(Locale.ROOT);
    };
  }

  /** End to end against each sender's floor, every size, from the precise run. */
  private String floors() {
    StringBuilder out =
        new StringBuilder(
            "### End to end against the floor\n\n"
                + "| sender | size | end to end ns/op | floor ns/op | ratio | B/op |\n"
                + "|---|---|---|---|---|---|\n");
    for (String[] sender : FLOORED) {
      for (String size : SIZES) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s B | %.0f | %.0f | %.2f× | %.0f |%n",
                name(sender[0]),
                size,
                endToEnd(precise, sender[0], size, false, 1, null),
                floor(sender[1], size),
                ratio(sender[0], sender[1], size),
                endToEnd(precise, sender[0], size, false, 1, "gc.alloc.rate.norm")));
      }
    }
    out.append(
        "\n| sender | 1024 B genuine ns/op | forged ns/op | forged/genuine |\n|---|---|---|---|\n");
    for (String sender :
        new String[] {
          "STRIPE", "GITHUB", "STANDARD_WEBHOOKS", "SLACK", "TWILIO", "SHOPIFY", "DISCORD"
        }) {
      double genuine = endToEnd(forgedRun, sender, "1024", false, 1, null);
      double forged = endToEnd(forgedRun, sender, "1024", true, 1, null);
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.0f | %.2f |%n",
              name(sender),
              genuine,
              forged,
              forged / genuine));
    }
    return out.toString();
  }

  private void ratioChart(Path png) throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(900)
            .height(480)
            .title("End to end over the bare-Mac floor (lower is better; 1.0 is the floor)")
            .xAxisTitle("sender")
            .yAxisTitle("× floor")
            .build();
    List<String> senders = new ArrayList<>();
    for (String[] sender : FLOORED) {
      senders.add(name(sender[0]));
    }
    for (String size : SIZES) {
      List<Double> values = new ArrayList<>();
      for (String[] sender : FLOORED) {
        double ratio = ratio(sender[0], sender[1], size);
        values.add(Double.isNaN(ratio) ? null : ratio);
      }
      chart.addSeries(size + " B", senders, values);
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  private static void row(StringBuilder out, String target, String measured, boolean met) {
    out.append("| ")
        .append(target)
        .append(" | ")
        .append(measured)
        .append(" | ")
        .append(met ? "yes" : "**no**")
        .append(" |\n");
  }

  private void chart(Path png) throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(900)
            .height(480)
            .title("Verifying a 1 KiB delivery (µs per verification, lower is better)")
            .xAxisTitle("scheme")
            .yAxisTitle("µs")
            .build();
    Map<String, List<Double>> series = new LinkedHashMap<>();
    List<String> schemes = new ArrayList<>();
    for (String scheme : SCHEMES) {
      schemes.add(scheme);
    }
    for (String impl :
        new String[] {
          "HOOKVERIFY",
          "BARE_MAC",
          "STRIPE_JAVA",
          "STANDARDWEBHOOKS",
          "SVIX",
          "SLACK_SDK",
          "TWILIO_JAVA"
        }) {
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
    out.append(
        "### Other hot paths\n\n"
            + "| benchmark | parameters | threads | score | unit |\n"
            + "|---|---|---|---|---|\n");
    for (JsonNode r : results) {
      String name = r.path("benchmark").asText();
      if (name.matches(".*(Stripe|StandardWebhooks|Slack|Twilio)Benchmark.verify")) {
        continue;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %.1f ± %.1f | %s |%n",
              name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
              r.path("params").toString().replace("\"", "").replace("|", "/"),
              r.path("threads").asInt(),
              score(r),
              r.path("primaryMetric").path("scoreError").asDouble(),
              r.path("primaryMetric").path("scoreUnit").asText()));
    }
    out.append(
        "\n"
            + "### Peers, forged deliveries\n\n"
            + "| scheme | size | implementation | ns/op |\n"
            + "|---|---|---|---|\n");
    for (JsonNode r : results) {
      String name = r.path("benchmark").asText();
      if (name.matches(".*(Stripe|StandardWebhooks|Slack|Twilio)Benchmark.verify")
          && r.path("params").path("forged").asBoolean()) {
        out.append(
            String.format(
                Locale.ROOT,
                "| %s | %s B | %s | %.0f |%n",
                name.replaceAll(".*\\.(\\w+)Benchmark\\.verify", "$1"),
                r.path("params").path("size").asText(),
                r.path("params").path("implementation").asText().toLowerCase(Locale.ROOT),
                score(r)));
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
