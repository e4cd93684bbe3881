package dev.hookverify.requestpath;

import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.TestKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures what hookverify adds to a real HTTP request: for each {@link Scenario}, starts a {@link
 * RequestPathServer} in its own JVM, warms it up with wrk, then measures with wrk (requests per
 * second, latency percentiles) while reading the server JVM's CPU time, PostgreSQL's and the
 * machine's from {@code /proc}. Every request is a distinct, freshly signed Stripe delivery of 1
 * KiB ({@link SignedDeliveries}); the server's counters must show every answer 2xx and, where a
 * store or inbox claims, one new delivery per answer, or the run fails.
 *
 * <p>{@code RequestPathRun RESULTS_JSON WRK_LUA_SCRIPT}; settings as system properties: {@code
 * requestpath.scenarios} (default all), {@code .warmup} and {@code .seconds} (10 and 15), {@code
 * .connections} (16), {@code .threads} (wrk's, 1), {@code .rate} (the most requests a second a
 * batch is sized for, 50000; a quiet machine answers the bare endpoint at over 30000), {@code .serverJvm} (the server JVM's options), {@code .command}
 * (recorded as the command that ran). {@code verify-benchmarks/run-request-path.sh} runs it.
 */
public final class RequestPathRun {
  private static final Pattern NUMBER = Pattern.compile("\"%s\":(-?[0-9.]+)");

  private final int warmup = Integer.getInteger("requestpath.warmup", 10);
  private final int seconds = Integer.getInteger("requestpath.seconds", 15);
  private final int connections = Integer.getInteger("requestpath.connections", 16);
  private final int threads = Integer.getInteger("requestpath.threads", 1);
  private final int rate = Integer.getInteger("requestpath.rate", 50_000);
  private final int pairedRounds = Integer.getInteger("requestpath.pairedRounds", 6);
  private final int pairedSeconds = Integer.getInteger("requestpath.pairedSeconds", 5);
  private final List<String> pairedRows = new ArrayList<>();
  private final List<String> serverJvm =
      List.of(System.getProperty("requestpath.serverJvm", "-Xms1g -Xmx1g").trim().split("\\s+"));
  private final Path lua;
  private final Path work;
  private final Provider stripe = Providers.byName("stripe");

  /** The processes running now, stopped on the way out (the script's timeout sends SIGTERM). */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  private RequestPathRun(Path lua, Path work) {
    this.lua = lua;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path results = Path.of(args[0]);
    Path work = Files.createTempDirectory("request-path");
    RequestPathRun run = new RequestPathRun(Path.of(args[1]).toAbsolutePath(), work);
    String scenarios =
        System.getProperty(
            "requestpath.scenarios", "BARE,VERIFY,MEMORY_CLAIM,POSTGRES_CLAIM,INBOX");
    Runtime.getRuntime().addShutdownHook(new Thread(RequestPathRun::stopAll));
    String loadBefore = loadAverage();
    List<String> rows = new ArrayList<>();
    try {
      String[] names = scenarios.split(",");
      for (int i = 0; i < names.length; i++) {
        rows.add(run.measure(Scenario.valueOf(names[i].trim()), i));
      }
    } finally {
      deleteTree(work);
    }
    Files.createDirectories(results.toAbsolutePath().getParent());
    Files.writeString(results, run.json(rows, loadBefore, loadAverage()), StandardCharsets.UTF_8);
    System.out.println("request path: wrote " + results);
  }

  /** Runs one scenario, the {@code round}th of the run, in a fresh server; returns its JSON. */
  private String measure(Scenario scenario, int round) throws Exception {
    TestKeys keys = stripe.sender().newTestKeys();
    String name = round + "-" + scenario;
    Path keyFile =
        Files.createFile(
            work.resolve(name + ".key"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(keyFile, keys.verificationKey(), StandardCharsets.US_ASCII);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(serverJvm);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            RequestPathServer.class.getName(),
            scenario.name(),
            keyFile.toString()));
    Path log = work.resolve(name + ".log");
    Process server = started(new ProcessBuilder(command).redirectError(log.toFile()));
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.US_ASCII));
        Writer in = new OutputStreamWriter(server.getOutputStream(), StandardCharsets.US_ASCII)) {
      String[] ready = readLine(out, "ready ", server, log).split(" ");
      int port = Integer.parseInt(ready[1]);
      long postmaster = Long.parseLong(ready[2]);
      System.out.printf("%s: server pid %d on port %d%n", scenario, server.pid(), port);

      // Distinct deliveries for both phases, signed now (Stripe's 5-minute tolerance holds).
      Path warm = work.resolve(name + "-warmup");
      Path measured = work.resolve(name + "-measured");
      int warmCount = rate * warmup;
      String path = RequestPathServer.PATH;
      SignedDeliveries.write(stripe, keys.signingKey(), port, path, 0, warmCount, warm);
      SignedDeliveries.write(
          stripe, keys.signingKey(), port, path, warmCount, rate * seconds, measured);

      Wrk warmRun = wrk(port, warmup, warm);
      warmRun.check(scenario + " warm-up");
      Thread.sleep(1000); // the warm-up's last requests finish
      Server running = new Server(server, in, out, log, port, postmaster);
      String row = window(running, scenario, scenario, seconds, measured);
      System.out.println(row);
      if (scenario == Scenario.VERIFY && pairedRows.isEmpty()) {
        paired(running, keys, warmCount + (long) rate * seconds);
      }
      in.write("stop\n");
      in.flush();
      return row;
    } finally {
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroy(); // the shutdown hook stops Jetty and PostgreSQL
        server.waitFor(30, TimeUnit.SECONDS);
      }
      if (server.isAlive()) {
        server.destroyForcibly();
      }
      RUNNING.remove(server);
    }
  }

  private static Process started(ProcessBuilder builder) throws IOException {
    Process p = builder.start();
    RUNNING.add(p);
    return p;
  }

  /** Stops what is still running: a server's SIGTERM hook stops its Jetty and PostgreSQL. */
  private static void stopAll() {
    for (Process p : RUNNING) {
      p.destroy();
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A running server and the way to talk to it. */
  private record Server(
      Process process, Writer in, BufferedReader out, Path log, int port, long postmaster) {}

  /**
   * Bare and verification side by side in the verification server, which serves the same servlet
   * without a filter at {@link RequestPathServer#BARE_PATH}: {@code pairedRounds} rounds of one
   * window each, alternating which goes first, so a drift of the shared machine moves both.
   */
  private void paired(Server server, TestKeys keys, long first) throws Exception {
    int count = rate * pairedSeconds;
    for (int r = 0; r < pairedRounds; r++) {
      for (int k = 0; k < 2; k++) {
        boolean bare = (r + k) % 2 == 0;
        Path batch = work.resolve("paired-" + r + "-" + k);
        String path = bare ? RequestPathServer.BARE_PATH : RequestPathServer.PATH;
        SignedDeliveries.write(stripe, keys.signingKey(), server.port, path, first, count, batch);
        first += count;
        Scenario scenario = bare ? Scenario.BARE : Scenario.VERIFY;
        String row = window(server, scenario, Scenario.VERIFY, pairedSeconds, batch);
        pairedRows.add(row.replaceFirst("\\{", "{\"round\":" + (r + 1) + ","));
        System.out.println("paired " + row);
      }
    }
  }

  /**
   * One measured window: wrk for {@code duration} seconds over {@code batch}, the server's counters
   * and CPU times around it, checked as {@code scenario} answers; its JSON row. {@code server} runs
   * the filter of {@code serving}.
   */
  private String window(
      Server server, Scenario scenario, Scenario serving, int duration, Path batch)
      throws Exception {
    String before = counters(server);
    long serverCpu = CpuTime.process(server.process.pid());
    long serverSystem = CpuTime.system(server.process.pid());
    long postgresCpu = CpuTime.tree(server.postmaster);
    long[] machine = CpuTime.machine();
    Wrk run = wrk(server.port, duration, batch);
    Thread.sleep(500); // requests in flight when wrk stopped finish, inside the window
    serverCpu = CpuTime.process(server.process.pid()) - serverCpu;
    serverSystem = CpuTime.system(server.process.pid()) - serverSystem;
    postgresCpu = CpuTime.tree(server.postmaster) - postgresCpu;
    long[] machineAfter = CpuTime.machine();
    String after = counters(server);
    run.check(scenario.toString());

    long answered = delta(after, before, "responses");
    long ok = delta(after, before, "2xx");
    long handled = delta(after, before, "handled");
    long stored = delta(after, before, "stored");
    check(ok == answered, "%s: %d of %d answers not 2xx", scenario, answered - ok, answered);
    check(
        answered >= run.requests && answered <= run.requests + connections,
        "%s: the server answered %d, wrk counted %d",
        scenario,
        answered,
        run.requests);
    if (scenario != Scenario.INBOX) {
      check(handled == answered, "%s: handled %d of %d", scenario, handled, answered);
    }
    if (scenario == serving && scenario != Scenario.BARE && scenario != Scenario.VERIFY) {
      check(stored == answered, "%s: %d new deliveries for %d answers", scenario, stored, answered);
    }
    double busy = machineAfter[0] - machine[0];
    double all = machineAfter[1] - machine[1];
    return String.format(
        Locale.ROOT,
        "{\"scenario\":\"%s\",\"title\":\"%s\",\"requestsPerSecond\":%.1f,"
            + "\"p50Micros\":%d,\"p99Micros\":%d,\"serverRequests\":%d,"
            + "\"serverCpuSeconds\":%.3f,\"serverCpuMicrosPerRequest\":%.2f,"
            + "\"serverSystemShare\":%.3f,"
            + "\"postgresCpuMicrosPerRequest\":%.2f,\"wrkCpuSeconds\":%.3f,"
            + "\"wrkCpuShareOfOneCore\":%.3f,\"machineBusyShare\":%.3f,"
            + "\"machineCpuMicrosPerRequest\":%.2f,\"wrk\":%s,"
            + "\"countersBefore\":%s,\"countersAfter\":%s}",
        scenario.name(),
        scenario.title,
        run.requests / (run.durationMicros / 1e6),
        run.p50,
        run.p99,
        answered,
        serverCpu / 1e9,
        serverCpu / 1e3 / answered,
        (double) serverSystem / serverCpu,
        postgresCpu / 1e3 / answered,
        run.cpuNanos / 1e9,
        run.cpuNanos / 1e3 / run.durationMicros,
        busy / all,
        busy / 1e3 / answered,
        run.json,
        before,
        after);
  }

  /** One wrk run's summary (from request-path.lua) and its CPU time. */
  private static final class Wrk {
    final String json;
    final long requests;
    final long durationMicros;
    final long p50;
    final long p99;
    final long cpuNanos;

    Wrk(String json, long cpuNanos) {
      this.json = json;
      this.requests = (long) number(json, "requests");
      this.durationMicros = (long) number(json, "durationMicros");
      this.p50 = (long) number(json, "p50");
      this.p99 = (long) number(json, "p99");
      this.cpuNanos = cpuNanos;
    }

    void check(String what) {
      for (String error : List.of("connect", "read", "write", "status", "timeout")) {
        RequestPathRun.check(number(json, error) == 0, "%s: wrk %s errors: %s", what, error, json);
      }
      RequestPathRun.check(
          !json.contains("\"exhausted\":true"),
          "%s: wrk ran out of signed deliveries; raise -Drequestpath.rate",
          what);
    }
  }

  /** Runs wrk for {@code duration} seconds over {@code batch}; its CPU time from bash's times. */
  private Wrk wrk(int port, int duration, Path batch) throws Exception {
    List<String> command =
        List.of(
            "bash",
            "-c",
            "wrk \"$@\"; status=$?; times; exit $status",
            "wrk",
            "-t" + threads,
            "-c" + connections,
            "-d" + duration + "s",
            "--timeout",
            "10s",
            "-s",
            lua.toString(),
            "http://127.0.0.1:" + port + RequestPathServer.PATH,
            "--",
            batch.toString(),
            Integer.toString(threads));
    Process wrk = started(new ProcessBuilder(command).redirectErrorStream(true));
    List<String> lines;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(wrk.getInputStream(), StandardCharsets.UTF_8))) {
      lines = out.lines().toList();
    }
    check(
        wrk.waitFor(duration + 120L, TimeUnit.SECONDS) && wrk.exitValue() == 0,
        "wrk failed: %s",
        String.join("\n", lines));
    RUNNING.remove(wrk);
    String summary =
        lines.stream()
            .filter(l -> l.startsWith("REQUEST_PATH "))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no wrk summary: " + lines))
            .substring("REQUEST_PATH ".length());
    // bash's times: the shell's own user and system time, then its children's (wrk's).
    String[] children = lines.get(lines.size() - 1).trim().split("\\s+");
    return new Wrk(summary, bashTime(children[0]) + bashTime(children[1]));
  }

  /** A time as bash's {@code times} prints it, {@code 1m2.345s}, in nanoseconds. */
  private static long bashTime(String text) {
    int m = text.indexOf('m');
    double s =
        Long.parseLong(text.substring(0, m)) * 60
            + Double.parseDouble(text.substring(m + 1, text.length() - 1));
    return (long) (s * 1e9);
  }

  private static String counters(Server server) throws IOException {
    server.in.write("counters\n");
    server.in.flush();
    return readLine(server.out, "{", server.process, server.log);
  }

  /** The server's next output line starting with {@code prefix}; fails if it exits first. */
  private static String readLine(BufferedReader out, String prefix, Process server, Path log)
      throws IOException {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line;
      }
    }
    throw new IllegalStateException(
        "the server exited (" + server.onExit().join().exitValue() + "): " + Files.readString(log));
  }

  private static long delta(String after, String before, String name) {
    return (long) number(after, name) - (long) number(before, name);
  }

  private static double number(String json, String name) {
    Matcher m = Pattern.compile(String.format(NUMBER.pattern(), Pattern.quote(name))).matcher(json);
    check(m.find(), "no %s in %s", name, json);
    return Double.parseDouble(m.group(1));
  }

  private static void check(boolean condition, String format, Object... args) {
    if (!condition) {
      throw new IllegalStateException(String.format(format, args));
    }
  }

  private String json(List<String> rows, String loadBefore, String loadAfter) throws Exception {
    return String.format(
        Locale.ROOT,
        "{\"machine\":{\"cpus\":%d,\"memory\":\"%s\",\"jdk\":\"%s %s\",\"wrk\":\"%s\","
            + "\"loadAverageBefore\":\"%s\",\"loadAverageAfter\":\"%s\"},"
            + "\"settings\":{\"provider\":\"stripe\",\"bodyBytes\":%d,\"warmupSeconds\":%d,"
            + "\"seconds\":%d,\"connections\":%d,\"wrkThreads\":%d,\"serverJvm\":\"%s\","
            + "\"pairedRounds\":%d,\"pairedSeconds\":%d,\"command\":\"%s\"},\n"
            + "\"scenarios\":[\n%s\n],\n\"paired\":[\n%s\n]}\n",
        Runtime.getRuntime().availableProcessors(),
        memory(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        wrkVersion(),
        loadBefore,
        loadAfter,
        SignedDeliveries.BODY_BYTES,
        warmup,
        seconds,
        connections,
        threads,
        String.join(" ", serverJvm),
        pairedRounds,
        pairedSeconds,
        System.getProperty("requestpath.command", "").replace("\"", "'"),
        String.join(",\n", rows),
        String.join(",\n", pairedRows));
  }

  private static String memory() throws IOException {
    return Files.readAllLines(Path.of("/proc/meminfo")).stream()
        .filter(l -> l.startsWith("MemTotal:"))
        .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB")
        .findFirst()
        .orElse("?");
  }

  private static String wrkVersion() throws Exception {
    Process p = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
    String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return first.lines().findFirst().orElse("?").replace("\"", "'");
  }

  private static String loadAverage() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
    return String.join(" ", Arrays.copyOf(f, 3));
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
