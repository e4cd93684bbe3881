package dev.hookverify.idempotency;

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
import org.junit.jupiter.api.Test;

/**
 * {@link RedisScripting}'s Javadoc shows exactly the code of {@link RedisScriptingExamples}, which
 * is compiled and run against real servers: the documentation cannot drift from code that works.
 */
class RedisScriptingTest {
  private static final Path JAVADOC =
      Path.of("src/main/java/dev/hookverify/idempotency/RedisScripting.java");
  private static final Path EXAMPLES =
      Path.of("src/test/java/dev/hookverify/idempotency/RedisScriptingExamples.java");

  @Test
  void javadocExamples_areExactlyTheCompiledExamples() throws IOException {
    List<String> documented = new ArrayList<>();
    Matcher block =
        Pattern.compile("<pre>\\{@code\\n(.*?)\\n \\* }</pre>", Pattern.DOTALL)
            .matcher(Files.readString(JAVADOC, StandardCharsets.UTF_8));
    while (block.find()) {
      documented.add(
          normalize(
              block
                  .group(1)
                  .lines()
                  .map(line -> line.replaceFirst("^\\s*\\* ?", ""))
                  .collect(Collectors.joining("\n"))));
    }
    List<String> compiled = new ArrayList<>();
    Matcher method =
        Pattern.compile(
                "static RedisScripting \\w+\\([^)]*\\) \\{\\n(.*?)\\n\\s*return redis;",
                Pattern.DOTALL)
            .matcher(Files.readString(EXAMPLES, StandardCharsets.UTF_8));
    while (method.find()) {
      compiled.add(normalize(method.group(1)));
    }
    // Jedis and Lettuce, one node and a cluster each.
    assertThat(compiled).hasSize(4);
    assertThat(documented).as("RedisScripting's Javadoc examples").isEqualTo(compiled);
  }

  private static String normalize(String text) {
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
