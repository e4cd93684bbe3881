package dev.hookverify.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sample's README, run: every {@code hookverify sign ... --format curl | ... | sh} command in
 * it, against the application started on a free loopback port. Each command is read from the
 * README's {@code bash} blocks and carried out as the shell would: the tool's main class (what
 * {@code java -jar verify-providers/target/hookverify.jar} runs) in a new JVM with the command's
 * arguments and standard input, each {@code sed} substitution, then the printed curl command, sent
 * with the JDK's HTTP client to this application's port instead of 8080. What curl would print
 * ({@code -w "%{http_code}\n"}, after an empty body) must be what the comment ending the command
 * says, once per status listed there ({@code # 204; run it again: 200}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SampleReadmeTest {
  /** How the README runs the tool, and what verify-providers packages as that jar. */
  private static final String TOOL = "java -jar verify-providers/target/hookverify.jar";

  private static final String TOOL_MAIN_CLASS = "dev.hookverify.cli.Hookverify";

  /** Where the README's commands send, and the Twilio endpoint's public URL. */
  private static final String README_BASE = "http://127.0.0.1:8080/";

  private static final Path ROOT = repositoryRoot();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort int port;

  @Test
  void everySignCommandInTheReadme_printsTheStatusItsCommentStates(CapturedOutput output)
      throws Exception {
    List<Command> commands = signCommands();
    assertThat(commands).hasSize(6);
    assertThat(commands.stream().map(Command::provider).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("stripe", "github", "twilio");

    for (Command command : commands) {
      for (int expected : command.expected()) {
        assertThat(run(command)).as("%s", command.text()).isEqualTo(expected + "\n");
      }
    }

    // Each genuine delivery reached its handler once: the replays and the tampered ones never did.
    for (String provider : List.of("stripe", "github", "twilio")) {
      assertThat(occurrences(output.getOut(), "INFO .* " + provider + " webhook: "))
          .as(provider)
          .isEqualTo(1);
    }
    assertThat(output.getOut())
        .contains(
            "stripe webhook: payment_intent.succeeded (delivery id evt_sample_0001,"
                + " idempotency key stripe:evt_sample_0001)")
        .contains("github webhook: push (delivery id msg_")
        .contains(
            "twilio webhook: message SM00000000000000000000000000000001 from +15550001111:"
                + " Hello from the sample (delivery id none, idempotency key twilio:content-");
  }

  @Test
  void theToolTheReadmeRuns_isTheJarVerifyProvidersPackages() throws IOException {
    String pom = Files.readString(ROOT.resolve("verify-providers/pom.xml"));
    assertThat(pom)
        .contains("<outputFile>${project.build.directory}/hookverify.jar</outputFile>")
        .contains("<mainClass>" + TOOL_MAIN_CLASS + "</mainClass>");
  }

  /** One {@code hookverify sign} pipeline of the README and the statuses it prints, in order. */
  record Command(String text, List<List<String>> stages, String stdin, List<Integer> expected) {
    String provider() {
      List<String> words = stages.get(0);
      return words.get(words.indexOf("--provider") + 1);
    }
  }

  /** Every command of the README's bash blocks that runs {@link #TOOL} {@code sign}. */
  private static List<Command> signCommands() throws IOException {
    String readme = Files.readString(ROOT.resolve("samples/spring-boot-webhooks/README.md"));
    List<Command> commands = new ArrayList<>();
    Matcher block = Pattern.compile("(?s)```bash\n(.*?)```").matcher(readme);
    while (block.find()) {
      // The block's commands, each on one line; only the tool's are parsed and run.
      for (String text : block.group(1).replace("\\\n", " ").split("\n")) {
        if (!text.startsWith(TOOL + " sign ")) {
          continue;
        }
        Shell.Line line = Shell.parse(text).get(0);
        List<Integer> expected = new ArrayList<>();
        Matcher status = Pattern.compile("\\b[1-5]\\d\\d\\b").matcher(line.comment());
        while (status.find()) {
          expected.add(Integer.parseInt(status.group()));
        }
        assertThat(expected).as("statuses in the comment of %s", line.text()).isNotEmpty();
        commands.add(new Command(line.text(), line.stages(), line.stdin(), expected));
      }
    }
    return commands;
  }

  /** Runs {@code command} as {@code sh} would, its curl against this application; curl's output. */
  private String run(Command command) throws Exception {
    List<List<String>> stages = command.stages();
    String text = tool(stages.get(0).subList(3, stages.get(0).size()), command.stdin());
    for (List<String> stage : stages.subList(1, stages.size() - 1)) {
      assertThat(stage).as("a stage between the tool and sh").hasSize(2).first().isEqualTo("sed");
      text = Sed.apply(stage.get(1), text);
    }
    assertThat(stages.get(stages.size() - 1)).containsExactly("sh");
    List<Shell.Line> lines = Shell.parse(text);
    assertThat(lines).hasSize(1);
    return curl(lines.get(0).stages().get(0));
  }

  /** The tool's output for {@code args}: its main class in a new JVM, from the repository root. */
  private static String tool(List<String> args, String stdin) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TOOL_MAIN_CLASS);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    if (stdin != null) {
      builder.redirectInput(ROOT.resolve(stdin).toFile());
    }
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("exit code of hookverify %s", args).isZero();
    return new String(out, UTF_8);
  }

  /**
   * Sends what {@code words} (a curl command as {@code sign --format curl} prints it) sends, to
   * this application; what curl would print.
   */
  private String curl(List<String> words) throws Exception {
    assertThat(words.get(0)).isEqualTo("curl");
    String url = null;
    String method = "GET";
    String writeOut = "";
    byte[] body = new byte[0];
    List<String> headers = new ArrayList<>();
    for (int i = 1; i < words.size(); i++) {
      String word = words.get(i);
      switch (word) {
        case "-sS" -> {}
        case "-X" -> method = words.get(++i);
        case "-H" -> headers.add(words.get(++i));
        case "-w" -> writeOut = words.get(++i);
        case "--data-binary" -> {
          String data = words.get(++i);
          body =
              data.startsWith("@")
                  ? Files.readAllBytes(ROOT.resolve(data.substring(1)))
                  : data.getBytes(UTF_8);
        }
        default -> {
          assertThat(word).as("a curl option this test does not know").doesNotStartWith("-");
          url = word;
        }
      }
    }
    assertThat(url).startsWith(README_BASE);
    URI uri =
        URI.create("http://127.0.0.1:" + port + "/").resolve(url.substring(README_BASE.length()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : headers) {
      int colon = header.indexOf(':');
      request.header(header.substring(0, colon), header.substring(colon + 1).strip());
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return response.body()
        + writeOut
            .replace("%{http_code}", Integer.toString(response.statusCode()))
            .replace("\\n", "\n");
  }

  private static int occurrences(String text, String regex) {
    return (int) Pattern.compile("(?m)" + regex).matcher(text).results().count();
  }

  private static Path repositoryRoot() {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve("samples/spring-boot-webhooks/README.md"))) {
      root = root.getParent();
    }
    assertThat(root).as("the repository root above %s", Path.of("").toAbsolutePath()).isNotNull();
    return root;
  }

  /**
   * The part of POSIX {@code sh} the README uses: words in single quotes, double quotes or bare,
   * backslash escapes and line continuations, {@code |}, {@code < file} and {@code #} comments.
   */
  static final class Shell {
    /** One command line: its pipeline's words by stage, its standard input file, its comment. */
    record Line(String text, List<List<String>> stages, String stdin, String comment) {}

    private Shell() {}

    static List<Line> parse(String script) {
      List<Line> lines = new ArrayList<>();
      List<List<String>> stages = new ArrayList<>();
      List<String> words = new ArrayList<>();
      StringBuilder word = null;
      String stdin = null;
      String comment = "";
      boolean redirect = false;
      int start = 0;
      int i = 0;
      while (i <= script.length()) {
        char c = i < script.length() ? script.charAt(i) : '\n';
        if (c == '\'' || c == '"') {
          int end = script.indexOf(c, i + 1);
          assertThat(end).as("closing quote").isPositive();
          String quoted = script.substring(i + 1, end);
          if (c == '"') {
            assertThat(quoted)
                .as("double quotes without expansions or escapes")
                .doesNotContain("$", "`", "\\\\", "\\\"");
          }
          word = (word == null ? new StringBuilder() : word).append(quoted);
          i = end + 1;
        } else if (c == '\\' && i + 1 < script.length()) {
          if (script.charAt(i + 1) != '\n') { // a backslash and a newline continue the line
            word = (word == null ? new StringBuilder() : word).append(script.charAt(i + 1));
          }
          i += 2;
        } else if (c == '#' && word == null) {
          int end = script.indexOf('\n', i);
          end = end < 0 ? script.length() : end;
          comment = script.substring(i + 1, end).strip();
          i = end;
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '|' && c != '<') {
          assertThat(";&()$`*?[>")
              .as("shell syntax this test does not know")
              .doesNotContain("" + c);
          word = (word == null ? new StringBuilder() : word).append(c);
          i++;
        } else {
          if (word != null) {
            if (redirect) {
              stdin = word.toString();
              redirect = false;
            } else {
              words.add(word.toString());
            }
            word = null;
          }
          if (c == '<') {
            redirect = true;
          } else if (c == '|') {
            stages.add(words);
            words = new ArrayList<>();
          } else if (c == '\n') {
            if (!words.isEmpty()) {
              stages.add(words);
            }
            if (!stages.isEmpty()) {
              String text = script.substring(start, Math.min(i, script.length()));
              lines.add(new Line(text, List.copyOf(stages), stdin, comment));
            }
            stages = new ArrayList<>();
            words = new ArrayList<>();
            stdin = null;
            comment = "";
            start = i + 1;
          }
          i++;
        }
      }
      return lines;
    }
  }

  /** {@code sed 's/regex/replacement/'}: basic regular expressions of literals, ^, $ and . only. */
  static final class Sed {
    private Sed() {}

    static String apply(String script, String input) {
      assertThat(script).startsWith("s");
      String delimiter = script.substring(1, 2);
      String[] parts = script.substring(2).split(Pattern.quote(delimiter), -1);
      assertThat(parts).as("s, regex, replacement, no flags").hasSize(3).endsWith("");
      Pattern regex = Pattern.compile(javaRegex(parts[0]));
      String replacement = javaReplacement(parts[1]);
      return Arrays.stream(input.split("\n", -1)) // line by line, each line's first match
          .map(line -> regex.matcher(line).replaceFirst(replacement))
          .collect(Collectors.joining("\n"));
    }

    private static String javaRegex(String bre) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < bre.length(); i++) {
        char c = bre.charAt(i);
        if ((c == '^' && i == 0) || (c == '$' && i == bre.length() - 1) || c == '.') {
          out.append(c);
        } else {
          assertThat("\\*[]").as("regex syntax this test does not know").doesNotContain("" + c);
          out.append(Pattern.quote(Character.toString(c)));
        }
      }
      return out.toString();
    }

    private static String javaReplacement(String sed) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < sed.length(); i++) {
        char c = sed.charAt(i);
        if (c == '\\') {
          char next = sed.charAt(++i);
          assertThat(Character.isLetterOrDigit(next)).as("sed escape \\%s", next).isFalse();
          out.append(Matcher.quoteReplacement(Character.toString(next)));
        } else if (c == '&') {
          out.append("$0");
        } else {
          out.append(Matcher.quoteReplacement(Character.toString(c)));
        }
      }
      return out.toString();
    }
  }
}
