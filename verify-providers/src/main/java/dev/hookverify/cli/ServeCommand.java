package dev.hookverify.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.Reason;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.internal.UriParts;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.ProviderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code hookverify serve}: a receiver on loopback that verifies every request to one path with the
 * provider's verifier and an in-memory idempotency store, answers as a receiver should (2xx, 401,
 * 413, 200 for a duplicate) and prints one line per request, with the diagnosis of a rejection. For
 * watching a real sender's deliveries arrive through a tunnel; Ctrl-C stops it.
 */
final class ServeCommand {
  private static final Set<String> OPTIONS =
      Set.of("provider", "secret", "secret-env", "secret-file", "port", "path", "public-url");

  static final String HELP =
      String.join(
          "\n",
          "usage: hookverify serve --provider NAME SECRET... [--port N] [--path /PATH]",
          "                        [--public-url URL]",
          "Receives webhooks on 127.0.0.1 (expose it with a tunnel), verifies each request to the",
          "path, claims its delivery key, answers 204 (verified), 200 (duplicate), 401, 413 ...,",
          "and prints one line per request: time, status, verdict, reason, key id, delivery id,",
          "and why a rejected request failed. Ctrl-C stops it.",
          "  --port N            the port, 0 to 65535 (default 8080; 0 picks a free one)",
          "  --path /PATH        the webhook path (default /webhooks/NAME); others answer 404",
          "  --public-url URL    the scheme and host the sender calls, such as the tunnel's",
          "                      https://abc.example; the request's path and query are appended.",
          "                      Needed for senders that sign the URL (Twilio, Square, HubSpot).",
          "                      Default: http:// + the request's Host header",
          Secrets.HELP,
          "exit codes: 0 stopped, 1 cannot listen, 2 usage error");

  private ServeCommand() {}

  static int run(String[] argv, Terminal terminal) throws UsageException {
    Receiver receiver = start(argv, terminal);
    if (receiver == null) {
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(receiver::close, "hookverify-serve-stop"));
    receiver.awaitClose();
    return 0;
  }

  /** Starts a receiver; null (with a line on standard error) if the port cannot be opened. */
  static Receiver start(String[] argv, Terminal terminal) throws UsageException {
    Arguments args = Arguments.parse(argv, 1, OPTIONS, Set.of());
    Provider provider = Inputs.provider(args);
    int port = args.number("port", 0, 65535, 8080);
    String path = args.one("path").orElse("/webhooks/" + provider.name());
    if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
      throw new UsageException("--path must start with / and hold no query or fragment");
    }
    Optional<String> publicUrl = args.one("public-url");
    if (publicUrl.isPresent() && !isOrigin(publicUrl.get())) {
      throw new UsageException(
          "--public-url must be a scheme and host, such as https://abc.example (no path or query)");
    }
    List<String> secrets = Secrets.read(args, terminal.in, terminal.environment, terminal.err);
    WebhookVerifier verifier;
    try {
      verifier = provider.verifier(secrets).build();
    } catch (IllegalArgumentException e) {
      throw new UsageException("a key is not a valid " + provider.name() + " key");
    }
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(10_000)).build();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    } catch (IOException e) {
      terminal.err.println(
          "hookverify: cannot listen on 127.0.0.1:"
              + port
              + ": "
              + (e instanceof java.net.BindException ? "the port is in use" : "I/O error"));
      return null;
    }
    Receiver receiver =
        new Receiver(server, provider, secrets, idempotent, path, publicUrl, terminal.out);
    server.createContext("/", receiver::receive);
    server.setExecutor(receiver.executor);
    server.start();
    terminal.out.println(
        "hookverify: receiving "
            + provider.name()
            + " webhooks on http://127.0.0.1:"
            + server.getAddress().getPort()
            + path
            + " (Ctrl-C stops)");
    return receiver;
  }

  /** Whether {@code url} is {@code http(s)://host[:port]}, with nothing after but a slash. */
  private static boolean isOrigin(String url) {
    if (!UriParts.isPlainHttpUrl(url)) {
      return false;
    }
    java.net.URI uri = UriParts.toUri(url);
    return uri.getRawUserInfo() == null
        && (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"));
  }

  /** A running receiver. */
  static final class Receiver implements AutoCloseable {
    // One thread: lines print in arrival order, and a local receiver needs no more.
    final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final HttpServer server;
    private final Provider provider;
    private final List<String> secrets;
    private final IdempotentVerifier verifier;
    private final String path;
    private final Optional<String> publicUrl;
    private final PrintStream out;

    Receiver(
        HttpServer server,
        Provider provider,
        List<String> secrets,
        IdempotentVerifier verifier,
        String path,
        Optional<String> publicUrl,
        PrintStream out) {
      this.server = server;
      this.provider = provider;
      this.secrets = secrets;
      this.verifier = verifier;
      this.path = path;
      this.publicUrl = publicUrl;
      this.out = out;
    }

    int port() {
      return server.getAddress().getPort();
    }

    void awaitClose() {
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      if (closed.getCount() == 0) {
        return;
      }
      server.stop(0);
      executor.shutdownNow();
      out.println("hookverify: stopped");
      closed.countDown();
    }

    private void receive(HttpExchange exchange) throws IOException {
      try (InputStream in = exchange.getRequestBody()) {
        String rawPath = exchange.getRequestURI().getRawPath();
        String line = exchange.getRequestMethod() + " " + UriParts.loggablePath(rawPath);
        if (!rawPath.equals(path)) {
          answer(exchange, 404, line + " 404 not the webhook path");
          return;
        }
        String url = url(exchange);
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && tooLong(length)) {
          answer(
              exchange, 413, line + " 413 rejected BODY_TOO_LARGE (Content-Length " + length + ")");
          return;
        }
        byte[] body;
        try {
          body = WebhookRequest.readBody(in, verifier.maxBodyBytes());
        } catch (WebhookVerificationException e) {
          answer(exchange, 413, line + " 413 rejected " + e.reason());
          return;
        }
        CapturedRequest captured = captured(exchange, url, body);
        answer(exchange, captured, line);
      } catch (RuntimeException e) {
        // A bug must not stop the receiver; the request gets a 500 and the line says so.
        out.println(now() + " internal error (" + e.getClass().getName() + "); please report it");
        exchange.sendResponseHeaders(500, -1);
      } finally {
        exchange.close();
      }
    }

    private void answer(HttpExchange exchange, CapturedRequest captured, String line)
        throws IOException {
      WebhookRequest request = captured.request();
      try (ClaimedDelivery delivery = verifier.claim(request)) {
        VerifiedWebhook webhook = delivery.webhook();
        delivery.complete();
        answer(exchange, 204, line + " 204 verified" + details(webhook));
      } catch (WebhookVerificationException e) {
        Reason reason = e.reason();
        int status = reason.httpStatus();
        if (status == 409 || status == 503) {
          exchange.getResponseHeaders().set("Retry-After", "5");
        }
        if (reason == Reason.DUPLICATE_DELIVERY || reason == Reason.DELIVERY_IN_PROGRESS) {
          answer(exchange, status, line + " " + status + " duplicate " + reason);
          return;
        }
        StringBuilder text =
            new StringBuilder(
                line + " " + status + " rejected " + reason + " (" + e.getMessage() + ")");
        for (String why :
            new Diagnosis(provider, secrets, captured, Instant.now()).explain(reason)) {
          text.append("\n  diagnosis: ").append(why);
        }
        if (reason == Reason.SIGNATURE_MISMATCH && signsUrl(provider)) {
          int query = captured.url.indexOf('?');
          text.append("\n  diagnosis: ")
              .append(provider.name())
              .append(" signs the URL, checked here as ")
              .append(
                  UriParts.loggable(query < 0 ? captured.url : captured.url.substring(0, query)))
              .append(" and the query: if the sender called another, set --public-url");
        }
        answer(exchange, status, text.toString());
      }
    }

    private static boolean signsUrl(Provider provider) {
      return provider.options().contains(ProviderOptions.Option.PUBLIC_URL);
    }

    private static String details(VerifiedWebhook webhook) {
      return " key="
          + webhook.keyId()
          + webhook
              .deliveryId()
              .map(
                  id ->
                      " deliveryId="
                          + UriParts.loggable(id)
                          + (webhook.isDeliveryIdSigned() ? " (signed)" : " (unsigned)"))
              .orElse("");
    }

    private void answer(HttpExchange exchange, int status, String line) throws IOException {
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(status, -1);
      out.println(now() + " " + line);
    }

    private boolean tooLong(String contentLength) {
      try {
        return Long.parseLong(contentLength.strip()) > verifier.maxBodyBytes();
      } catch (NumberFormatException e) {
        return false; // the server refuses a malformed length itself
      }
    }

    /**
     * The URL the sender called: the public base, or the Host header, with the raw path and query.
     */
    private String url(HttpExchange exchange) {
      String target = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      if (query != null) {
        target += "?" + query;
      }
      if (publicUrl.isPresent()) {
        String base = publicUrl.get();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + target;
      }
      String host = exchange.getRequestHeaders().getFirst("Host");
      return "http://" + (host == null ? "127.0.0.1:" + port() : host) + target;
    }

    private static CapturedRequest captured(HttpExchange exchange, String url, byte[] body) {
      List<String[]> headers = new ArrayList<>();
      for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
        for (String value : header.getValue()) {
          headers.add(new String[] {header.getKey(), value});
        }
      }
      return new CapturedRequest(exchange.getRequestMethod(), url, headers, body);
    }

    private static String now() {
      return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
  }
}
