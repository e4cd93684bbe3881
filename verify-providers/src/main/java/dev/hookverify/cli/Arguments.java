package dev.hookverify.cli;

import dev.hookverify.providers.signing.OutgoingWebhook;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} and {@code --flag} options of one command, checked against a known set. */
final class Arguments {
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<Map.Entry<String, String>> inOrder = new ArrayList<>();

  private Arguments() {}

  static Arguments parse(String[] args, int from, Set<String> options, Set<String> flags)
      throws UsageException {
    Arguments parsed = new Arguments();
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument: " + arg);
      }
      String name = arg.substring(2);
      if (flags.contains(name)) {
        parsed.values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
      } else if (options.contains(name)) {
        if (i + 1 >= args.length) {
          throw new UsageException("--" + name + " needs a value");
        }
        String value = args[++i];
        parsed.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        parsed.inOrder.add(Map.entry(name, value));
      } else {
        throw new UsageException("unknown option --" + name);
      }
    }
    return parsed;
  }

  Optional<String> one(String name) throws UsageException {
    List<String> all = all(name);
    if (all.size() > 1) {
      throw new UsageException("--" + name + " given more than once");
    }
    return all.stream().findFirst();
  }

  String required(String name) throws UsageException {
    return one(name).orElseThrow(() -> new UsageException("--" + name + " is required"));
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** The values of the options {@code names}, in command-line order, each with its option. */
  List<Map.Entry<String, String>> inOrder(Set<String> names) {
    List<Map.Entry<String, String>> found = new ArrayList<>();
    for (Map.Entry<String, String> entry : inOrder) {
      if (names.contains(entry.getKey())) {
        found.add(entry);
      }
    }
    return found;
  }

  /**
   * Option {@code name} as a whole number from {@code min} to {@code max}, or {@code otherwise} if
   * it is absent.
   */
  int number(String name, int min, int max, int otherwise) throws UsageException {
    Optional<String> text = one(name);
    if (text.isEmpty()) {
      return otherwise;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range
    }
    throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max);
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  /**
   * Option {@code name} as epoch seconds within the range every verifier accepts, or {@code
   * otherwise} if it is absent.
   *
   * @throws UsageException if it is not a number or lies outside that range
   */
  long epochSeconds(String name, long otherwise) throws UsageException {
    Optional<String> text = one(name);
    if (text.isEmpty()) {
      return otherwise;
    }
    long value;
    try {
      value = Long.parseLong(text.get());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number of epoch seconds");
    }
    if (value < OutgoingWebhook.MIN_TIMESTAMP || value > OutgoingWebhook.MAX_TIMESTAMP) {
      throw new UsageException(
          "--"
              + name
              + " must be epoch seconds from "
              + OutgoingWebhook.MIN_TIMESTAMP
              + " to "
              + OutgoingWebhook.MAX_TIMESTAMP
              + " (1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z): verifiers read timestamps"
              + " without a sign and RFC 3339 has four-digit years, so no verifier accepts a"
              + " delivery outside it"
              + (value > OutgoingWebhook.MAX_TIMESTAMP
                      && value / 1000 <= OutgoingWebhook.MAX_TIMESTAMP
                  ? "; " + value + " looks like milliseconds"
                  : ""));
    }
    return value;
  }
}
