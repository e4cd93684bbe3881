package dev.hookverify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No measured method branches on a parameter (issue 9, G; STYLE.md rule 14): every method annotated
 * {@code @Benchmark} under {@code src/main/java} is read from its source and may contain no {@code
 * switch}, no {@code if} and no conditional {@code ?:}. The implementation is chosen once in
 * {@code @Setup} (a {@link Verification} field, for example), so the timed code is the same single
 * call whatever the parameters are.
 */
class BenchmarkMethodsTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern BENCHMARK =
      Pattern.compile("@(?:org\\.openjdk\\.jmh\\.annotations\\.)?Benchmark\\b");
  private static final Pattern SWITCH = Pattern.compile("\\bswitch\\b");
  private static final Pattern IF = Pattern.compile("\\bif\\s*\\(");

  /** A {@code ?} that is not a type wildcard ({@code <?>}, {@code <?,}, {@code ? extends}). */
  private static final Pattern CONDITIONAL =
      Pattern.compile("\\?(?!\\s*[>,]|\\s*(?:extends|super)\\b)");

  @Test
  void noBenchmarkMethodBranches() throws IOException {
    List<String> violations = new ArrayList<>();
    int methods = 0;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        List<Method> found = benchmarkMethods(Files.readString(file, StandardCharsets.UTF_8));
        if (file.getFileName().toString().endsWith("Benchmark.java")) {
          assertThat(found).as("@Benchmark methods found in %s", file).isNotEmpty();
        }
        methods += found.size();
        for (Method method : found) {
          violations.addAll(violations(SOURCES.relativize(file).toString(), method));
        }
      }
    }
    assertThat(methods)
        .as("@Benchmark methods found under %s", SOURCES.toAbsolutePath())
        .isPositive();
    assertThat(violations)
        .as(
            "branches inside measured methods; choose the implementation once in @Setup and call"
                + " it through a field (issue 9, G)")
        .isEmpty();
  }

  /** The scanner on sources it must read right, so the check cannot pass by reading nothing. */
  @Test
  void scannerFindsBranchesAndIgnoresLookalikes() {
    String source =
        """
        @BenchmarkMode(Mode.AverageTime) // @Benchmark in a comment: { switch
        public class X {
          @Setup public void setUp() { if (a) { b(); } }
          @Benchmark
          @Fork(jvmArgsAppend = {"-Dx=}"})
          public Object one(Blackhole hole) throws Exception {
            String s = "if (x) switch } { ? :";
            List<? extends Object> list = null; Map<?, ?> map = null; Class<?> c = null;
            return c;
          }
          @org.openjdk.jmh.annotations.Benchmark public Object two() {
            switch (implementation) { default: return '}'; }
          }
          @Benchmark public Object three() { if(forged) { return 1; } return 2; }
          @Benchmark public Object four() { return forged ? 1 : 2; }
        }
        """;
    List<Method> methods = benchmarkMethods(source);
    assertThat(methods).extracting(Method::name).containsExactly("one", "two", "three", "four");
    assertThat(violations("X.java", methods.get(0))).isEmpty();
    assertThat(violations("X.java", methods.get(1)))
        .singleElement()
        .asString()
        .contains("X.java:11 two()", "`switch`");
    assertThat(violations("X.java", methods.get(2)))
        .singleElement()
        .asString()
        .contains("X.java:14 three()", "`if`");
    assertThat(violations("X.java", methods.get(3)))
        .singleElement()
        .asString()
        .contains("X.java:15 four()", "`?:`");
  }

  /** A {@code @Benchmark} method: its name, the line of its name, and its body's code. */
  record Method(String name, int line, String body) {}

  private static List<String> violations(String file, Method method) {
    List<String> out = new ArrayList<>();
    String where = file + ":" + method.line() + " " + method.name() + "()";
    if (SWITCH.matcher(method.body()).find()) {
      out.add(where + ": `switch` in a @Benchmark method");
    }
    if (IF.matcher(method.body()).find()) {
      out.add(where + ": `if` in a @Benchmark method");
    }
    if (CONDITIONAL.matcher(method.body()).find()) {
      out.add(where + ": `?:` in a @Benchmark method");
    }
    return out;
  }

  /** Every method annotated {@code @Benchmark} in {@code source}, comments and literals blanked. */
  static List<Method> benchmarkMethods(String source) {
    String code = blankCommentsAndLiterals(source);
    List<Method> methods = new ArrayList<>();
    Matcher annotation = BENCHMARK.matcher(code);
    while (annotation.find()) {
      int i = skipAnnotations(code, annotation.end());
      int open = code.indexOf('(', i); // the parameter list; the name is just before it
      int nameEnd = open;
      while (Character.isWhitespace(code.charAt(nameEnd - 1))) {
        nameEnd--;
      }
      int nameStart = nameEnd;
      while (Character.isJavaIdentifierPart(code.charAt(nameStart - 1))) {
        nameStart--;
      }
      int bodyStart = code.indexOf('{', matching(code, open, '(', ')'));
      int bodyEnd = matching(code, bodyStart, '{', '}');
      methods.add(
          new Method(
              code.substring(nameStart, nameEnd),
              lineOf(code, nameStart),
              code.substring(bodyStart + 1, bodyEnd)));
    }
    return methods;
  }

  /** The index after any further annotations (with their arguments) that start at {@code i}. */
  private static int skipAnnotations(String code, int i) {
    while (true) {
      while (Character.isWhitespace(code.charAt(i))) {
        i++;
      }
      if (code.charAt(i) != '@') {
        return i;
      }
      i++;
      while (Character.isJavaIdentifierPart(code.charAt(i)) || code.charAt(i) == '.') {
        i++;
      }
      int j = i;
      while (Character.isWhitespace(code.charAt(j))) {
        j++;
      }
      if (code.charAt(j) == '(') {
        i = matching(code, j, '(', ')') + 1;
      }
    }
  }

  /** The index of the bracket that closes the one at {@code open}. */
  private static int matching(String code, int open, char opening, char closing) {
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == opening) {
        depth++;
      } else if (c == closing && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced " + opening + " at line " + lineOf(code, open));
  }

  private static int lineOf(String code, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (code.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * {@code source} with comments, string, text-block and character literals replaced by spaces
   * (line breaks kept, so line numbers still hold), so that only code is searched.
   */
  static String blankCommentsAndLiterals(String source) {
    StringBuilder out = new StringBuilder(source);
    int i = 0;
    int n = source.length();
    while (i < n) {
      int end;
      if (source.startsWith("//", i)) {
        end = source.indexOf('\n', i);
        end = end < 0 ? n : end;
      } else if (source.startsWith("/*", i)) {
        end = source.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
      } else if (source.startsWith("\"\"\"", i)) {
        end = closing(source, i + 3, "\"\"\"");
      } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
        end = closing(source, i + 1, String.valueOf(source.charAt(i)));
      } else {
        i++;
        continue;
      }
      for (int j = i; j < end; j++) {
        if (out.charAt(j) != '\n') {
          out.setCharAt(j, ' ');
        }
      }
      i = end;
    }
    return out.toString();
  }

  /** The index after the unescaped {@code delimiter} that ends a literal whose text starts at i. */
  private static int closing(String source, int i, String delimiter) {
    while (i < source.length()) {
      if (source.charAt(i) == '\\') {
        i += 2;
      } else if (source.startsWith(delimiter, i)) {
        return i + delimiter.length();
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated literal");
  }
}
