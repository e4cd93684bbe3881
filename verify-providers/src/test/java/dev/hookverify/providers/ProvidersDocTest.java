package dev.hookverify.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The documentation of the senders cannot fall behind the registry: the table in {@code
 * docs/providers.md} and the summary in the README are {@link Providers#all()} as written here, and
 * every registered sender has a row in the page's hand-written conventions table.
 *
 * <p>A stale page fails; {@code -Dhookverify.docs.write=true} rewrites the generated parts instead
 * (both between their marker comments), for a commit: {@code mvn -B -q -pl
 * verify-core,verify-providers -am test -Dtest=ProvidersDocTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dhookverify.docs.write=true}.
 */
class ProvidersDocTest {
  /** Set to {@code true} to rewrite the generated parts rather than compare them. */
  static final String WRITE_PROPERTY = "hookverify.docs.write";

  private static final Path PAGE = Path.of("../docs/providers.md");
  private static final Path README = Path.of("../README.md");
  private static final String CONVENTIONS = "## Every sender's conventions";
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @Test
  void registryTable_isTheRegistry() throws IOException {
    checkOrWrite(PAGE, "providers", table(Providers.all()));
  }

  @Test
  void readmeSummary_countsTheRegistry() throws IOException {
    checkOrWrite(README, "providers-summary", summary(Providers.all()));
  }

  @Test
  void everyRegisteredProvider_hasAConventionsRow() throws IOException {
    Set<String> documented = conventionsRows(Files.readString(PAGE, StandardCharsets.UTF_8));
    Set<String> registered =
        Providers.all().stream().map(Provider::name).collect(Collectors.toCollection(TreeSet::new));

    Set<String> undocumented = new TreeSet<>(registered);
    undocumented.removeAll(documented);
    Set<String> unknown = new TreeSet<>(documented);
    unknown.removeAll(registered);
    assertThat(undocumented)
        .as("registered senders without a row under \"%s\" in %s", CONVENTIONS, PAGE)
        .isEmpty();
    assertThat(unknown).as("rows in %s naming no registered sender", PAGE).isEmpty();
  }

  /** One row per sender, by name, every column from its registry entry. */
  static String table(List<Provider> providers) {
    StringBuilder out =
        new StringBuilder(
            "| provider | headers | signed content, algorithm | tolerance | delivery id | key form |"
                + " options |\n|---|---|---|---|---|---|---|\n");
    List<Provider> sorted = new ArrayList<>(providers);
    sorted.sort(Comparator.comparing(Provider::name));
    for (Provider p : sorted) {
      String deliveryId =
          p.deliveryId().equals("none")
              ? "none"
              : text(p.deliveryId()) + (p.isDeliveryIdSigned() ? " (signed)" : " (unsigned)");
      String options =
          p.options().isEmpty()
              ? "none"
              : p.options().stream()
                  .sorted()
                  .map(o -> code(camelCase(o.name())))
                  .collect(Collectors.joining(", "));
      out.append("| ")
          .append(code(p.name()))
          .append(" | ")
          .append(code(p.headers()))
          .append(" | ")
          .append(text(p.algorithm()))
          .append(" | ")
          .append(text(p.tolerance()))
          .append(" | ")
          .append(deliveryId)
          .append(" | ")
          .append(text(p.keyForm().description()))
          .append(" | ")
          .append(options)
          .append(" |\n");
    }
    return out.toString();
  }

  /** How many senders, by the kind of key the receiver holds. */
  static String summary(List<Provider> providers) {
    long publicKey = providers.stream().filter(Provider::usesPublicKeys).count();
    return String.format(
        Locale.ROOT,
        "%d senders are registered: %d verified with a shared secret (an HMAC key or a token)\n"
            + "and %d with the sender's public key.\n",
        providers.size(),
        providers.size() - publicKey,
        publicKey);
  }

  /** Every sender named in the first column of the conventions table. */
  static Set<String> conventionsRows(String page) {
    int start = page.indexOf(CONVENTIONS);
    assertThat(start).as("%s has a section \"%s\"", PAGE, CONVENTIONS).isNotNegative();
    int end = page.indexOf("\n## ", start + CONVENTIONS.length());
    String section = page.substring(start, end < 0 ? page.length() : end);
    Set<String> names = new TreeSet<>();
    for (String line : section.split("\n")) {
      if (line.startsWith("| `")) {
        Matcher m = CODE.matcher(line.substring(1, line.indexOf(" | ")));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  /**
   * Compares what sits between {@code <!-- name:start -->} and {@code <!-- name:end -->} in {@code
   * file} with {@code generated}, or writes it there when {@value #WRITE_PROPERTY} is set.
   */
  private static void checkOrWrite(Path file, String name, String generated) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String start = "<!-- " + name + ":start -->\n";
    String end = "<!-- " + name + ":end -->";
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    assertThat(from).as("%s has the marker %s", file, start.strip()).isNotNegative();
    assertThat(to).as("%s has the marker %s after the start", file, end).isGreaterThan(from);
    String committed = text.substring(from + start.length(), to);
    if (Boolean.getBoolean(WRITE_PROPERTY)) {
      Files.writeString(
          file,
          text.substring(0, from + start.length()) + generated + text.substring(to),
          StandardCharsets.UTF_8);
      return;
    }
    assertThat(committed)
        .as(
            "%s is stale between its %s markers: rerun with -D%s=true and commit the result",
            file, name, WRITE_PROPERTY)
        .isEqualTo(generated);
  }

  /** Table text outside code: a pipe would end the cell, an angle bracket open an HTML tag. */
  private static String text(String value) {
    return cell(value).replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Table text as code; a backtick inside takes a double-backtick span. */
  private static String code(String value) {
    String cell = cell(value);
    return cell.contains("`") ? "`` " + cell + " ``" : "`" + cell + "`";
  }

  /** One line, and a pipe escaped, since either would end the cell. */
  private static String cell(String value) {
    return value.replaceAll("\\s*\\R\\s*", " ").replace("|", "\\|");
  }

  private static String camelCase(String constant) {
    String[] words = constant.toLowerCase(Locale.ROOT).split("_");
    StringBuilder out = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      out.append(words[i].substring(0, 1).toUpperCase(Locale.ROOT)).append(words[i].substring(1));
    }
    return out.toString();
  }
}
