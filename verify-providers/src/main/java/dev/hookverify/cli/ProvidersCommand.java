package dev.hookverify.cli;

import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import java.io.PrintStream;

/** {@code hookverify providers}: a table of every provider's conventions. */
final class ProvidersCommand {
  private ProvidersCommand() {}

  static int run(PrintStream out) {
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
}
