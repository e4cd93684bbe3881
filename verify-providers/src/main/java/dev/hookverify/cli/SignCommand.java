package dev.hookverify.cli;

import dev.hookverify.providers.Provider;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code hookverify sign}: the headers a real sender would send, or a complete curl command. */
final class SignCommand {
  private static final Set<String> OPTIONS =
      Set.of(
          "provider",
          "secret",
          "secret-env",
          "secret-file",
          "timestamp",
          "id",
          "url",
          "method",
          "body",
          "format",
          "content-type",
          "event",
          "header");

  static final String HELP =
      String.join(
          "\n",
          "usage: hookverify sign --provider NAME SECRET [--timestamp EPOCH_SECONDS] [--id ID]",
          "                       [--url URL] [--method M] [--content-type TYPE] [--event TYPE]",
          "                       [--header 'Name: value' ...] [--body FILE|-] [--format"
              + " headers|curl]",
          "Prints the headers the provider's real sender would send for the body (and the body,"
              + " for",
          "senders that sign inside it), or a complete curl command for a local receiver.",
          "  --timestamp EPOCH_SECONDS  the signing time (default: now), 0 to 253402300799",
          "  --id ID             the delivery or message id, for senders that send one",
          "  --url URL           the receiver's URL (default http://127.0.0.1:8080/webhooks/NAME)",
          "  --event TYPE        the event or topic header's value, where the sender sends one",
          "  --format curl       a curl command instead of header lines",
          Secrets.HELP.replace(
              "one or more, tried in order, for rotation", "exactly one: the signing key"),
          "exit codes: 0 signed, 2 usage error, 3 internal error");

  private SignCommand() {}

  static int run(String[] argv, Terminal terminal) throws UsageException {
    Arguments args = Arguments.parse(argv, 1, OPTIONS, Set.of());
    Provider provider = Inputs.provider(args);
    Optional<String> bodySource = args.one("body");
    byte[] body = Inputs.body(bodySource, terminal.in);
    List<String> secrets = Secrets.read(args, terminal.in, terminal.environment, terminal.err);
    if (secrets.size() > 1) {
      throw new UsageException("sign takes one signing key, not " + secrets.size());
    }
    String key = secrets.get(0);
    PrintStream out = terminal.out;
    long timestamp = args.epochSeconds("timestamp", Instant.now().getEpochSecond());
    String format = args.one("format").orElse("headers");
    if (!format.equals("headers") && !format.equals("curl")) {
      throw new UsageException("--format must be headers or curl");
    }
    String url =
        Inputs.url(args.one("url").orElse("http://127.0.0.1:8080/webhooks/" + provider.name()));
    String method = args.one("method").orElse("POST");
    OutgoingWebhook.Builder webhook =
        OutgoingWebhook.builder(body).timestamp(timestamp).url(url).method(method);
    args.one("id").ifPresent(webhook::id);
    args.one("content-type").ifPresent(webhook::contentType);
    args.one("event").ifPresent(webhook::event);
    for (String[] header : CapturedRequest.headerLines(args.all("header"))) {
      try {
        webhook.header(header[0], header[1]);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--header " + e.getMessage());
      }
    }
    SignedDelivery signed = sign(provider, key, webhook.build());
    Map<String, String> headers = signed.headers();
    byte[] sent = signed.body();
    // Senders that sign inside the body (Mailgun, Adyen) send a body of their own making.
    boolean bodyChanged = !java.util.Arrays.equals(sent, body);
    if (format.equals("headers")) {
      headers.forEach((name, value) -> out.println(name + ": " + value));
      if (bodyChanged) {
        out.println();
        out.println(new String(sent, StandardCharsets.UTF_8));
      }
    } else {
      out.println(curl(method, url, headers, bodyChanged ? Optional.empty() : bodySource, sent));
    }
    return 0;
  }

  /** The headers, or a usage error that names what is wrong without echoing the key. */
  private static SignedDelivery sign(Provider provider, String key, OutgoingWebhook webhook)
      throws UsageException {
    if (!provider.usesPublicKeys()) {
      Inputs.secret(provider, key, 1); // a malformed secret is reported as such, before signing
    }
    try {
      return provider.sender().sign(key, webhook);
    } catch (IllegalStateException e) {
      throw new UsageException(e.getMessage());
    } catch (IllegalArgumentException e) {
      // The kit's own refusals name a header, never a value; anything else is the key's form.
      String message = String.valueOf(e.getMessage());
      if (message.endsWith("set the timestamp or id")
          || message.endsWith("holds a control character")) {
        throw new UsageException(message);
      }
      throw new UsageException("secret 1 is not a valid " + provider.name() + " signing key");
    }
  }

  private static String curl(
      String method,
      String url,
      Map<String, String> headers,
      Optional<String> bodySource,
      byte[] body) {
    StringBuilder out =
        new StringBuilder("curl -sS -X ").append(method).append(' ').append(quote(url));
    if (!headers.containsKey("Content-Type")) {
      out.append(" -H ").append(quote("Content-Type: application/json"));
    }
    headers.forEach((name, value) -> out.append(" -H ").append(quote(name + ": " + value)));
    if (bodySource.isPresent() && !bodySource.get().equals("-")) {
      out.append(" --data-binary @").append(quote(bodySource.get()));
    } else {
      out.append(" --data-binary ").append(quote(new String(body, StandardCharsets.UTF_8)));
    }
    return out.toString();
  }

  /** Single-quotes {@code text} for a POSIX shell. */
  static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
