package dev.hookverify.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Across every library module's main sources there is exactly one constant-time comparison site,
 * one SHA-256 helper, one URI and form decoder, and one JSON factory with one set of limits: the
 * security arguments are made once, in {@code dev.hookverify.internal} (and, for JSON, in the one
 * module that depends on Jackson). Benchmarks are not scanned: their floor is a bare JDK call by
 * design.
 */
class SingleSiteTest {
  private static final Path ROOT = Path.of("..");
  private static final List<String> LIBRARY_MODULES =
      List.of(
          "verify-core",
          "verify-providers",
          "verify-servlet",
          "verify-jaxrs",
          "verify-micrometer",
          "verify-spring-boot-autoconfigure");

  private static final Map<String, String> SITES =
      Map.of(
          "MessageDigest\\.isEqual\\(",
          "verify-core/src/main/java/dev/hookverify/internal/ConstantTime.java",
          "MessageDigest\\.getInstance\\(",
          "verify-core/src/main/java/dev/hookverify/internal/Digests.java",
          "URLDecoder\\.|URLEncoder\\.|new URI\\(|URI\\.create\\(",
          "verify-core/src/main/java/dev/hookverify/internal/UriParts.java",
          "new JsonFactory\\(|JsonFactory\\.builder\\(",
          "verify-providers/src/main/java/dev/hookverify/providers/internal/Json.java");

  @Test
  void everySecurityPrimitive_isCalledFromExactlyOneFile() {
    List<Path> sources = librarySources();
    SITES.forEach(
        (call, site) -> {
          Pattern pattern = Pattern.compile(call);
          List<String> callers =
              sources.stream()
                  .filter(file -> pattern.matcher(code(file)).find())
                  .map(file -> ROOT.relativize(file).toString().replace('\\', '/'))
                  .collect(Collectors.toList());
          assertThat(callers).as(call).containsExactly(site);
        });
  }

  private static List<Path> librarySources() {
    try (Stream<Path> files =
        LIBRARY_MODULES.stream()
            .map(module -> ROOT.resolve(module).resolve("src/main/java"))
            .flatMap(SingleSiteTest::walk)) {
      return files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList());
    }
  }

  private static Stream<Path> walk(Path dir) {
    try {
      return Files.walk(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file without comments, so Javadoc that names a call does not count as one. */
  private static String code(Path file) {
    try {
      return Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
