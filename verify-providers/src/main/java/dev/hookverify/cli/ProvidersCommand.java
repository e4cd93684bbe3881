package dev.hookverify.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.ProviderOptions;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/** {@code hookverify providers}: every provider's conventions, as a table or as JSON. */
final class ProvidersCommand {
  static final String HELP =
      String.join(
          "\n",
          "usage: hookverify providers [--json]",
          "Lists every provider hookverify verifies: its headers, algorithm, tolerance and"
              + " delivery",
          "id.",
          "  --json   one JSON array; each object has name, headers, algorithm, tolerance,",
          "           deliveryId, deliveryIdSigned, contentType, keyForm, publicKeys, options",
          "exit codes: 0 listed, 2 usage error");

  private ProvidersCommand() {}

  static int run(String[] argv, PrintStream out) throws UsageException {
    Arguments args = Arguments.parse(argv, 1, Set.of(), Set.of("json"));
    if (args.flag("json")) {
      out.println(json());
      return 0;
    }
    String format = "%-22s %-55s %-52s %-26s %-22s %s%n";
    out.printf(format, "NAME", "HEADERS", "ALGORITHM", "TOLERANCE", "DELIVERY ID", "ID SIGNED");
    for (Provider p : Providers.all()) {
      out.printf(
          format,
          p.name(),
          p.headers(),
          p.algorithm(),
          p.tolerance(),
          p.deliveryId(),
          p.deliveryId().equals("none") ? "-" : p.isDeliveryIdSigned() ? "yes" : "no");
    }
    return 0;
  }

  private static String json() {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = Json.factory().createGenerator(text)) {
      g.writeStartArray();
      for (Provider p : Providers.all()) {
        g.writeStartObject();
        g.writeStringField("name", p.name());
        g.writeStringField("headers", p.headers());
        g.writeStringField("algorithm", p.algorithm());
        g.writeStringField("tolerance", p.tolerance());
        g.writeStringField("deliveryId", p.deliveryId());
        g.writeBooleanField("deliveryIdSigned", p.isDeliveryIdSigned());
        g.writeStringField("contentType", p.contentType());
        g.writeStringField("keyForm", p.keyForm().name().toLowerCase(Locale.ROOT));
        g.writeBooleanField("publicKeys", p.usesPublicKeys());
        g.writeArrayFieldStart("options");
        for (ProviderOptions.Option option : ProviderOptions.Option.values()) {
          if (p.options().contains(option)) {
            g.writeString(option.name().toLowerCase(Locale.ROOT));
          }
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
