package dev.hookverify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged {@code target/hookverify.jar}, run with {@code java -jar} and nothing else. */
class HookverifyJarIT {
  private static final Path JAR = Path.of("target/hookverify.jar");

  private static String[] run(String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String[] {Integer.toString(process.exitValue()), out};
  }

  @Test
  void jar_runsEveryCommandWithNoOtherClassPath() throws Exception {
    assertThat(JAR.toFile()).exists();
    assertThat(run("", "providers")[1]).contains("stripe").contains("twilio");
    String[] signed =
        run(
            "{\"id\":\"evt_1\"}",
            "sign",
            "--provider",
            "github",
            "--secret",
            "s3cr3t",
            "--body",
            "-");
    assertThat(signed[0]).isEqualTo("0");
    List<String> verify =
        new ArrayList<>(
            List.of("verify", "--provider", "github", "--secret", "s3cr3t", "--body", "-"));
    for (String line : signed[1].strip().split("\n")) {
      verify.add("--header");
      verify.add(line.strip());
    }
    assertThat(run("{\"id\":\"evt_1\"}", verify.toArray(new String[0]))[0]).isEqualTo("0");
    assertThat(run("{\"id\":\"evt_2\"}", verify.toArray(new String[0]))[0]).isEqualTo("1");
    assertThat(run("", "verify", "--provider", "nope", "--secret", "x")[0]).isEqualTo("2");
    String[] demo = run("", "demo");
    assertThat(demo[1]).contains("every verdict is right");
    assertThat(demo[0]).isEqualTo("0");
  }
}
