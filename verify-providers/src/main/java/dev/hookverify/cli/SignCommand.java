package dev.hookverify.cli;

import dev.hookverify.providers.OutgoingWebhook;
import dev.hookverify.providers.Provider;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code hookverify sign}: the headers a real sender would send, or a complete curl command. */
final class SignCommand {
  private static final Set<String> OPTIONS =
      Set.of(
          "provider",
          "secret",
          "timestamp",
          "id",
          "url",
          "method",
          "body",
          "format",
          "content-type");

  private SignCommand() {}

  static int run(String[] argv, InputStream in, PrintStream out) throws UsageException {
    Arguments args = Arguments.parse(argv, 1, OPTIONS, Set.of());
    Provider provider = Inputs.provider(args);
    String key = args.required("secret");
    if (key.isBlank()) {
      throw new UsageException("secret 1 is empty");
    }
    Optional<String> bodySource = args.one("body");
    byte[] body = Inputs.body(bodySource, in);
    String url = args.one("url").orElse("http://127.0.0.1:8080/webhooks/" + provider.name());
    String method = args.one("method").orElse("POST");
    OutgoingWebhook.Builder webhook =
        OutgoingWebhook.builder(body)
            .timestamp(args.number("timestamp", Instant.now().getEpochSecond()))
            .url(url)
            .contentType(
                args.one("content-type")
                    .orElse(
                        provider.name().equals("twilio")
                            ? "application/x-www-form-urlencoded"
                            : "application/json"));
    args.one("id").ifPresent(webhook::id);
    Map<String, String> headers;
    try {
      headers = provider.sign(key, webhook.build());
    } catch (IllegalArgumentException e) {
      throw new UsageException("secret 1 is not a valid " + provider.name() + " signing key");
    } catch (IllegalStateException e) {
      throw new UsageException(e.getMessage());
    }
    String format = args.one("format").orElse("headers");
    if (format.equals("headers")) {
      headers.forEach((name, value) -> out.println(name + ": " + value));
    } else if (format.equals("curl")) {
      out.println(curl(method, url, headers, bodySource, body));
    } else {
      throw new UsageException("--format must be headers or curl");
    }
    return 0;
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
