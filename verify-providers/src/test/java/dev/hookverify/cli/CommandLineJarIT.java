package dev.hookverify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line tool as a newcomer runs it: the packaged {@code target/hookverify.jar} with
 * {@code java -jar} and nothing else on the class path. Help, every secret source, captured
 * requests, the local receiver and usage errors.
 */
class CommandLineJarIT {
  private static final Path JAR = Path.of("target/hookverify.jar");
  private static final String SECRET = "It's a Secret to Everybody";
  private static final String BODY = "{\"action\":\"opened\",\"number\":1}\n";

  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String stdin, Map<String, String> env, String... args)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command(args));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(
        process.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  private static Result run(String... args) throws Exception {
    return run("", Map.of(), args);
  }

  private static List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return command;
  }

  /** GitHub's headers for {@link #BODY}, as its sender sends them. */
  private static Map<String, String> githubHeaders(String body) {
    return Providers.byName("github")
        .sender()
        .sign(
            SECRET,
            OutgoingWebhook.builder(body.getBytes(StandardCharsets.UTF_8))
                .id("72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .timestamp(Instant.now().getEpochSecond())
                .build())
        .headers();
  }

  /** A raw HTTP/1.1 request with {@code lineEnd} line endings and the given body framing. */
  private static String capture(String lineEnd, boolean chunked, String host, String body) {
    StringBuilder raw = new StringBuilder("POST /webhooks/github HTTP/1.1").append(lineEnd);
    raw.append("Host: ").append(host).append(lineEnd);
    githubHeaders(body)
        .forEach((name, value) -> raw.append(name).append(": ").append(value).append(lineEnd));
    if (chunked) {
      raw.append("Transfer-Encoding: chunked").append(lineEnd).append(lineEnd);
      int half = body.length() / 2;
      for (String chunk : List.of(body.substring(0, half), body.substring(half))) {
        raw.append(Integer.toHexString(chunk.length()))
            .append(lineEnd)
            .append(chunk)
            .append(lineEnd);
      }
      raw.append("0").append(lineEnd).append(lineEnd);
    } else {
      raw.append("Content-Length: ")
          .append(body.getBytes(StandardCharsets.UTF_8).length)
          .append(lineEnd)
          .append(lineEnd)
          .append(body);
    }
    return raw.toString();
  }

  @Test
  void help_onTheToolAndEveryCommand_exitsZeroWithItsOptions() throws Exception {
    Result tool = run("--help");
    assertThat(tool.code).isZero();
    assertThat(tool.out).contains("serve").contains("exit codes");
    assertThat(run("-h").out).isEqualTo(tool.out);
    Map<String, String> options =
        Map.of(
            "providers", "--json",
            "sign", "--format",
            "verify", "--request",
            "serve", "--public-url",
            "demo", "usage: hookverify demo");
    for (Map.Entry<String, String> command : options.entrySet()) {
      for (String flag : List.of("--help", "-h")) {
        Result help = run(command.getKey(), flag);
        assertThat(help.code).as(command.getKey() + " " + flag).isZero();
        assertThat(help.out)
            .contains("usage: hookverify " + command.getKey())
            .contains(command.getValue());
        assertThat(help.err).isEmpty();
      }
    }
    assertThat(run("verify", "--help").out)
        .contains("--secret-env NAME")
        .contains("--secret-file PATH")
        .contains("--secret -")
        .contains("0 verified, 1 rejected, 2 usage error");
  }

  @Test
  void verify_readsTheSecretFromTheEnvironmentAFileOrStandardInput_withoutAWarning()
      throws Exception {
    Path request = dir.resolve("request.http");
    Files.writeString(request, capture("\r\n", false, "hooks.example", BODY));
    Path secretFile = dir.resolve("secret");
    Files.writeString(secretFile, SECRET + "\n"); // as `echo "$SECRET" > secret` writes it

    Result fromEnv =
        run(
            "",
            Map.of("GITHUB_SECRET", SECRET),
            "verify",
            "--provider",
            "github",
            "--secret-env",
            "GITHUB_SECRET",
            "--request",
            request.toString());
    Result fromFile =
        run(
            "verify",
            "--provider",
            "github",
            "--secret-file",
            secretFile.toString(),
            "--request",
            request.toString());
    Result fromStdin =
        run(
            SECRET + "\n",
            Map.of(),
            "verify",
            "--provider",
            "github",
            "--secret",
            "-",
            "--request",
            request.toString());
    for (Result result : List.of(fromEnv, fromFile, fromStdin)) {
      assertThat(result.code).as(result.out + result.err).isZero();
      assertThat(result.out).startsWith("verified: provider=github");
      assertThat(result.err).isEmpty();
      assertThat(result.out + result.err).doesNotContain(SECRET);
    }

    Result typed =
        run("verify", "--provider", "github", "--secret", SECRET, "--request", request.toString());
    assertThat(typed.code).isZero();
    assertThat(typed.err)
        .contains("warning")
        .contains("visible to other users")
        .doesNotContain(SECRET);

    Result unset =
        run(
            "verify",
            "--provider",
            "github",
            "--secret-env",
            "NO_SUCH_VARIABLE_HV",
            "--request",
            request.toString());
    assertThat(unset.code).isEqualTo(2);
    assertThat(unset.err.strip())
        .isEqualTo(
            "hookverify verify: environment variable NO_SUCH_VARIABLE_HV is not set (see hookverify"
                + " verify --help)");
  }

  @Test
  void verify_rotation_triesEverySecretInOrder() throws Exception {
    Path request = dir.resolve("request.http");
    Files.writeString(request, capture("\r\n", false, "hooks.example", BODY));
    Path old = dir.resolve("old");
    Files.writeString(old, "an older secret");
    Result result =
        run(
            "",
            Map.of("NEW", SECRET),
            "verify",
            "--provider",
            "github",
            "--json",
            "--secret-file",
            old.toString(),
            "--secret-env",
            "NEW",
            "--request",
            request.toString());
    assertThat(result.code).as(result.err).isZero();
    assertThat(result.out).contains("\"verified\":true").contains("\"keyId\":\"key-2\"");
  }

  @Test
  void verify_capturedRequests_crlfAndLf_contentLengthAndChunked() throws Exception {
    Map<String, String> env = Map.of("S", SECRET);
    for (String lineEnd : List.of("\r\n", "\n")) {
      for (boolean chunked : List.of(false, true)) {
        String raw = capture(lineEnd, chunked, "hooks.example", BODY);
        Result fromStdin =
            run(raw, env, "verify", "--provider", "github", "--secret-env", "S", "--request", "-");
        String what =
            (lineEnd.length() == 2 ? "CRLF" : "LF") + (chunked ? " chunked" : " Content-Length");
        assertThat(fromStdin.code).as(what + ": " + fromStdin.out + fromStdin.err).isZero();
        assertThat(fromStdin.out).contains("deliveryId=72d3162e-cc78-11e3-81ab-4c9367dc0958");

        String tampered = raw.replace("\"number\":1", "\"number\":2");
        Result rejected =
            run(
                tampered,
                env,
                "verify",
                "--provider",
                "github",
                "--secret-env",
                "S",
                "--request",
                "-");
        assertThat(rejected.code).as(what).isEqualTo(1);
        assertThat(rejected.out).contains("SIGNATURE_MISMATCH");
      }
    }
  }

  @Test
  void verify_capturedRequest_urlFromHostOrOverriddenBehindAProxy() throws Exception {
    // Twilio signs the URL: the capture's Host and path make it, unless --url says otherwise.
    String url = "https://public.example/twilio/voice?tenant=a";
    byte[] form = "CallSid=CA1&From=%2B15550001".getBytes(StandardCharsets.UTF_8);
    Map<String, String> signed =
        Providers.byName("twilio")
            .sender()
            .sign(
                SECRET,
                OutgoingWebhook.builder(form)
                    .url(url)
                    .contentType("application/x-www-form-urlencoded")
                    .build())
            .headers();
    Map<String, String> env = Map.of("S", SECRET);
    String asReceived = twilioCapture("public.example", "/twilio/voice?tenant=a", signed, form);
    assertThat(
            run(
                    asReceived,
                    env,
                    "verify",
                    "--provider",
                    "twilio",
                    "--secret-env",
                    "S",
                    "--request",
                    "-")
                .code)
        .isZero();
    // The proxy rewrote Host and path: the capture alone no longer names the URL Twilio signed.
    String behindProxy = twilioCapture("app.internal:8080", "/voice?tenant=a", signed, form);
    Result wrongUrl =
        run(
            behindProxy,
            env,
            "verify",
            "--provider",
            "twilio",
            "--secret-env",
            "S",
            "--request",
            "-");
    assertThat(wrongUrl.code).isEqualTo(1);
    Result overridden =
        run(
            behindProxy,
            env,
            "verify",
            "--provider",
            "twilio",
            "--secret-env",
            "S",
            "--request",
            "-",
            "--url",
            url);
    assertThat(overridden.code).as(overridden.out + overridden.err).isZero();
  }

  private static String twilioCapture(
      String host, String target, Map<String, String> headers, byte[] form) {
    StringBuilder raw = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\n");
    headers.forEach((name, value) -> raw.append(name).append(": ").append(value).append("\r\n"));
    return raw.append("Content-Length: ")
        .append(form.length)
        .append("\r\n\r\n")
        .append(new String(form, StandardCharsets.UTF_8))
        .toString();
  }

  @Test
  void serve_verifiesRealRequestsOnLoopbackAndPrintsOneLinePerDelivery() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            command("serve", "--provider", "github", "--secret-env", "S", "--port", "0"));
    builder.environment().put("S", SECRET);
    builder.redirectErrorStream(true);
    Process serve = builder.start();
    try {
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      String banner = lines.readLine();
      Matcher port =
          Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/webhooks/github").matcher(banner);
      assertThat(port.find()).as(banner).isTrue();
      String base = "http://127.0.0.1:" + port.group(1);
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

      Map<String, String> genuine = githubHeaders(BODY);
      assertThat(post(client, base + "/webhooks/github", genuine, BODY)).isEqualTo(204);
      assertThat(lines.readLine())
          .contains("POST /webhooks/github 204 verified key=key-1")
          .contains("deliveryId=72d3162e-cc78-11e3-81ab-4c9367dc0958 (unsigned)");

      assertThat(post(client, base + "/webhooks/github", genuine, BODY)).isEqualTo(200);
      assertThat(lines.readLine()).contains("200 duplicate DUPLICATE_DELIVERY");

      Map<String, String> other = new HashMap<>(genuine);
      other.put("X-GitHub-Delivery", "another-delivery");
      assertThat(post(client, base + "/webhooks/github", other, BODY + "\n")).isEqualTo(401);
      assertThat(lines.readLine()).contains("401 rejected SIGNATURE_MISMATCH");
      assertThat(lines.readLine()).contains("diagnosis: a trailing newline was added");

      assertThat(post(client, base + "/elsewhere", genuine, BODY)).isEqualTo(404);
      assertThat(lines.readLine()).contains("POST /elsewhere 404 not the webhook path");

      String huge = "x".repeat(2 << 20);
      assertThat(post(client, base + "/webhooks/github", genuine, huge)).isEqualTo(413);
      assertThat(lines.readLine()).contains("413 rejected BODY_TOO_LARGE");

      // SIGTERM, as Ctrl-C sends SIGINT: the shutdown hook stops the receiver. Through the
      // handle, which (unlike Process.destroy) leaves the output stream open to read.
      serve.toHandle().destroy();
      assertThat(serve.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(lines.readLine()).isEqualTo("hookverify: stopped");
      assertThat(new String(serve.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .doesNotContain(SECRET);
    } finally {
      serve.destroyForcibly();
    }
  }

  private static int post(HttpClient client, String url, Map<String, String> headers, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.io.IOException e) {
      // The receiver may answer 413 and close before the client has sent the whole body.
      return 413;
    }
  }

  @Test
  void providers_json_listsEveryProviderAsOneArray() throws Exception {
    Result result = run("providers", "--json");
    assertThat(result.code).isZero();
    assertThat(result.out.strip()).startsWith("[{\"name\":\"stripe\"").endsWith("}]");
    assertThat(result.out).contains("\"deliveryIdSigned\":").contains("\"name\":\"twilio\"");
  }

  @Test
  void usageErrors_exitTwoWithOneLineAndNoStackTrace() throws Exception {
    List<String[]> mistakes =
        List.of(
            new String[] {
              "verify",
              "--provider",
              "github",
              "--secret-file",
              dir.resolve("missing").toString(),
              "--body",
              "-"
            },
            new String[] {
              "verify",
              "--provider",
              "github",
              "--secret-env",
              "S",
              "--request",
              dir.resolve("missing.http").toString()
            },
            new String[] {
              "verify", "--provider", "twilio", "--secret-env", "S", "--url", "not a url"
            },
            new String[] {
              "sign", "--provider", "github", "--secret-env", "S", "--url", "ftp://x.example/"
            },
            new String[] {
              "verify", "--provider", "github", "--secret-env", "S", "--now", "99999999999999"
            },
            new String[] {"serve", "--provider", "github", "--secret-env", "S", "--port", "70000"},
            new String[] {"serve", "--provider", "github", "--secret-env", "S", "--port", "eighty"},
            new String[] {"verify", "--provider", "github", "--secret", "-", "--body", "-"},
            new String[] {
              "verify",
              "--provider",
              "github",
              "--secret-env",
              "S",
              "--request",
              "-",
              "--header",
              "A: b"
            },
            new String[] {"verify", "--frobnicate"},
            new String[] {"frobnicate"});
    for (String[] args : mistakes) {
      Result result = run("", Map.of("S", SECRET), args);
      String what = String.join(" ", args);
      assertThat(result.code).as(what + ": " + result.err).isEqualTo(2);
      assertThat(result.err.strip().lines().count()).as(what + ": " + result.err).isEqualTo(1);
      assertThat(result.err).as(what).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(result.out).as(what).isEmpty();
    }
    Result noRequestLine =
        run(
            "hello\r\n\r\n",
            Map.of("S", SECRET),
            "verify",
            "--provider",
            "github",
            "--secret-env",
            "S",
            "--request",
            "-");
    assertThat(noRequestLine.code).isEqualTo(2);
    assertThat(noRequestLine.err).contains("request line");
  }
}
