package dev.hookverify.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Every Java block in the README and the {@code docs/} pages appears, line for line (indentation
 * aside), in an example source that is compiled and run by a test (here {@link ExamplesTest}; the
 * servlet application by verify-servlet's {@code QuickStartTest}, the providers' by their tests);
 * every SQL block in the shipped DDL; every dependency snippet imports {@code verify-bom} at the
 * build's version, names only modules the BOM manages, and has a Gradle twin; every relative link
 * and anchor resolves. So the documentation cannot drift from code that works.
 */
class ReadmeTest {
  private static final Path README = Path.of("../README.md");
  private static final Path DOCS = Path.of("../docs");
  private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern GRADLE_MODULE =
      Pattern.compile("implementation\\(\"dev\\.hookverify:([^\"]+)\"\\)");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
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
    assertThat(orphans).as("documented Java blocks not found in any example source").isEmpty();
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

  @Test
  void everyDependencySnippet_importsTheBom_andHasAGradleTwin() throws Exception {
    String version = child(read(Path.of("../pom.xml")).getDocumentElement(), "version");
    Set<String> managed = new TreeSet<>();
    Element bom =
        (Element)
            read(Path.of("../verify-bom/pom.xml"))
                .getDocumentElement()
                .getElementsByTagName("dependencyManagement")
                .item(0);
    NodeList listed = bom.getElementsByTagName("artifactId");
    for (int i = 0; i < listed.getLength(); i++) {
      managed.add(listed.item(i).getTextContent().strip());
    }
    String platform = "implementation(platform(\"dev.hookverify:verify-bom:" + version + "\"))";

    List<String> problems = new ArrayList<>();
    int snippets = 0;
    for (Path document : documents()) {
      List<String[]> fences = new ArrayList<>();
      Matcher m = FENCE.matcher(Files.readString(document, StandardCharsets.UTF_8));
      while (m.find()) {
        fences.add(new String[] {m.group(1), m.group(2)});
      }
      for (int i = 0; i < fences.size(); i++) {
        if (!fences.get(i)[0].equals("xml") || !fences.get(i)[1].contains("dev.hookverify")) {
          continue;
        }
        snippets++;
        String where = document + " snippet " + snippets;
        Element snippet = parse("<project>" + fences.get(i)[1] + "</project>").getDocumentElement();
        Set<String> modules = new TreeSet<>();
        boolean imported = false;
        NodeList dependencies = snippet.getElementsByTagName("dependency");
        for (int d = 0; d < dependencies.getLength(); d++) {
          Element dependency = (Element) dependencies.item(d);
          String artifact = child(dependency, "artifactId");
          if (artifact.equals("verify-bom")) {
            imported =
                version.equals(child(dependency, "version"))
                    && "pom".equals(child(dependency, "type"))
                    && "import".equals(child(dependency, "scope"));
          } else if (child(dependency, "version") != null) {
            problems.add(where + ": " + artifact + " has a version; the BOM gives it");
          } else if (!managed.contains(artifact)) {
            problems.add(where + ": " + artifact + " is not in verify-bom");
          } else {
            modules.add(artifact);
          }
        }
        if (!imported) {
          problems.add(where + ": no import of verify-bom " + version);
        }
        if (modules.isEmpty()) {
          problems.add(where + ": names no module");
        }
        Set<String> gradle = new TreeSet<>();
        String twin =
            i + 1 < fences.size() && fences.get(i + 1)[0].equals("kotlin")
                ? fences.get(i + 1)[1]
                : "";
        Matcher g = GRADLE_MODULE.matcher(twin);
        while (g.find()) {
          gradle.add(g.group(1));
        }
        if (!twin.contains(platform) || !gradle.equals(modules)) {
          problems.add(
              where + ": the next block is not its Gradle (Kotlin) twin: " + platform + " and "
                  + modules + " without versions");
        }
      }
    }
    assertThat(snippets).as("dependency snippets").isGreaterThanOrEqualTo(5);
    assertThat(problems).isEmpty();
  }

  @Test
  void everyRelativeLink_resolves() throws IOException {
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path document : documents()) {
      String text = Files.readString(document, StandardCharsets.UTF_8);
      Matcher m = LINK.matcher(FENCE.matcher(text).replaceAll(""));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("[a-z]+:.*")) {
          continue;
        }
        links++;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? document : document.getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(document + ": " + target + " (no such file)");
        } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
          broken.add(document + ": " + target + " (no such heading)");
        }
      }
    }
    assertThat(links).isGreaterThan(10);
    assertThat(broken).as("relative links that lead nowhere").isEmpty();
  }

  @Test
  void everyDocsPage_isListedInTheReadmesDocumentation() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int start = readme.indexOf("## Documentation");
    assertThat(start).as("the README has a Documentation section").isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    String section = readme.substring(start, end < 0 ? readme.length() : end);
    List<Path> documents = documents();
    for (Path page : documents.subList(1, documents.size())) {
      assertThat(section)
          .as("the README's Documentation section")
          .contains("](docs/" + page.getFileName() + ")");
    }
  }

  /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as -. */
  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new TreeSet<>();
    String text = FENCE.matcher(Files.readString(page, StandardCharsets.UTF_8)).replaceAll("");
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) {
        anchors.add(
            line.replaceFirst("^#+\\s*", "")
                .strip()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-'));
      }
    }
    return anchors;
  }

  private static Document read(Path file) throws Exception {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  /** The text of {@code element}'s direct child {@code name}, or null. */
  private static String child(Element element, String name) {
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element && n.getNodeName().equals(name)) {
        return n.getTextContent().strip();
      }
    }
    return null;
  }

  /** The README and every page under {@code docs/}: the documentation a user reads. */
  private static List<Path> documents() throws IOException {
    List<Path> documents = new ArrayList<>();
    documents.add(README);
    try (Stream<Path> pages = Files.list(DOCS)) {
      pages.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    assertThat(documents).as("the README and its docs/ pages").hasSizeGreaterThan(1);
    return documents;
  }

  /** Every fenced block in {@code language}, from every document. */
  private static List<String> blocks(String language) throws IOException {
    List<String> blocks = new ArrayList<>();
    for (Path document : documents()) {
      Matcher m = FENCE.matcher(Files.readString(document, StandardCharsets.UTF_8));
      while (m.find()) {
        if (m.group(1).equals(language)) {
          blocks.add(m.group(2));
        }
      }
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
