package dev.hookverify.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block in the README appears, line for line (indentation aside), in an example source
 * that is compiled and run by a test (here {@link ExamplesTest}; the servlet application by
 * verify-servlet's {@code QuickStartTest}, the providers' by their tests); every SQL block in the
 * shipped DDL. So the README cannot drift from code that works.
 */
class ReadmeTest {
  private static final Path README = Path.of("../README.md");
  private static final List<Path> EXAMPLES =
      List.of(
          Path.of("src/test/java/dev/hookverify/example"),
          Path.of("../verify-servlet/src/test/java/dev/hookverify/servlet/example"),
          Path.of("../verify-micrometer/src/test/java/dev/hookverify/micrometer/example"),
          Path.of("../verify-jaxrs/src/test/java/dev/hookverify/jaxrs/example"),
          Path.of(
              "../verify-spring-boot-autoconfigure/src/shared-test/java/dev/hookverify/spring/autoconfigure/it"),
          Path.of(
              "../verify-spring-boot-autoconfigure/src/shared-test/java/dev/hookverify/spring/autoconfigure/reactiveapp"),
          Path.of("../verify-providers/src/test/java/dev/hookverify/providers/example"));
  private static final Path DDL =
      Path.of("src/main/resources/dev/hookverify/idempotency/postgresql.sql");

  @Test
  void everyJavaBlock_isPartOfACompiledAndRunExample() throws IOException {
    List<String> blocks = blocks("java");
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(7);
    List<String> sources = new ArrayList<>();
    for (Path folder : EXAMPLES) {
      try (Stream<Path> files = Files.list(folder)) {
        for (Path file :
            files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
          sources.add(normalize(Files.readString(file, StandardCharsets.UTF_8)));
        }
      }
    }
    List<String> orphans = new ArrayList<>();
    for (String block : blocks) {
      if (sources.stream().noneMatch(source -> source.contains(normalize(block)))) {
        orphans.add(block);
      }
    }
    assertThat(orphans).as("README Java blocks not found in any example source").isEmpty();
  }

  @Test
  void everySqlBlock_isTheShippedDdl() throws IOException {
    String ddl = normalize(Files.readString(DDL, StandardCharsets.UTF_8));
    List<String> blocks = blocks("sql");
    assertThat(blocks).isNotEmpty();
    assertThat(blocks).allSatisfy(block -> assertThat(ddl).contains(normalize(block)));
  }

  @Test
  void setUp_namesExactlyTheTestCommandThatCiRuns() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int setUp = readme.indexOf("## Set-up");
    List<String> commands = new ArrayList<>();
    Matcher m =
        Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL).matcher(readme.substring(setUp));
    assertThat(m.find()).isTrue();
    for (String line : m.group(1).split("\n")) {
      if (!line.isBlank()) {
        commands.add(line.strip());
      }
    }
    assertThat(commands).hasSize(2);
    String ci = Files.readString(Path.of("../.ci/run"), StandardCharsets.UTF_8);
    assertThat(ci).contains(commands.get(0)).contains(commands.get(1));
  }

  private static List<String> blocks(String language) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  private static String normalize(String text) {
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
