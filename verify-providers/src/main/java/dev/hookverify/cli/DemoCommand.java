package dev.hookverify.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hookverify.ClaimedDelivery;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.WebhookRequest;
import dev.hookverify.WebhookVerificationException;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.internal.UriParts;
import dev.hookverify.providers.Provider;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code hookverify demo}: a receiver on a loopback ephemeral port (the JDK's HttpServer) with an
 * idempotent verifier per provider, and a real HTTP client sending each provider a genuine, a
 * tampered (for a token sender, a forged token), a stale (where the scheme is timestamped) and a
 * replayed delivery. Prints the verdicts; exits 1 if any differs from what it should be.
 */
final class DemoCommand {
  /** The receiver names the reason in this header, for the demo table only. */
  static final String REASON_HEADER = "Hookverify-Reason";

  private static final String FORM = "application/x-www-form-urlencoded";

  private DemoCommand() {}

  static int run(PrintStream out) {
    Map<String, IdempotentVerifier> verifiers = new HashMap<>();
    Map<String, String> signingKeys = new HashMap<>();
    for (Provider provider : Providers.all()) {
      TestKeys keys = provider.sender().newTestKeys();
      signingKeys.put(provider.name(), keys.signingKey());
      verifiers.put(
          provider.name(),
          IdempotentVerifier.builder(
                  provider.verifier(List.of(keys.verificationKey())).build(),
                  new InMemoryIdempotencyStore(1000))
              .build());
    }
    HttpServer server;
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    } catch (IOException e) {
      out.println("demo: cannot open a loopback port: " + e.getMessage());
      return 1;
    }
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/webhooks/", exchange -> receive(exchange, base, verifiers));
    server.setExecutor(executor);
    server.start();
    int wrong = 0;
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      String format = "%-22s %-9s %-32s %-32s %s%n";
      out.printf(format, "PROVIDER", "CASE", "EXPECTED", "GOT", "");
      for (Provider provider : Providers.all()) {
        if (!provider.signsInHeaders()) {
          out.printf(format, provider.name(), "-", "n/a: signs inside the body", "", "");
          continue;
        }
        for (Case c : cases(provider, base, signingKeys.get(provider.name()))) {
          String got = send(client, c);
          boolean ok = got.equals(c.expected);
          wrong += ok ? 0 : 1;
          out.printf(format, provider.name(), c.name, c.expected, got, ok ? "ok" : "WRONG");
        }
      }
    } finally {
      server.stop(0);
      executor.shutdownNow();
    }
    out.println(wrong == 0 ? "every verdict is right" : wrong + " verdicts are wrong");
    return wrong == 0 ? 0 : 1;
  }

  private static final class Case {
    final String name;
    final String url;
    final Map<String, String> headers;
    final byte[] body;
    final String expected;

    Case(String name, String url, Map<String, String> headers, byte[] body, String expected) {
      this.name = name;
      this.url = url;
      this.headers = headers;
      this.body = body;
      this.expected = expected;
    }
  }

  private static List<Case> cases(Provider provider, String base, String secret) {
    String url = base + "/webhooks/" + provider.name();
    String id = provider.name() + "-" + Long.toHexString(System.nanoTime());
    long now = Instant.now().getEpochSecond();
    long stale = now - 86_400; // a day: past every sender's window (Cloudinary's is two hours)
    byte[] body = body(provider, id, now);
    Map<String, String> genuine =
        provider.sender().sign(secret, outgoing(provider, body, url, id, now)).headers();
    byte[] tampered = body.clone();
    tampered[tampered.length - 2] ^= 1;
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("genuine", url, genuine, body, "204 accepted"));
    Map<String, String> signedTampered =
        provider.sender().sign(secret, outgoing(provider, tampered, url, id, now)).headers();
    if (signedTampered.equals(genuine)) {
      // The proof does not cover the body (a shared token, such as Okta's): forge the token.
      String forged = provider.sender().newTestKeys().signingKey();
      Map<String, String> forgedHeaders =
          provider.sender().sign(forged, outgoing(provider, body, url, id, now)).headers();
      cases.add(new Case("forged", url, forgedHeaders, body, "401 SIGNATURE_MISMATCH"));
    } else {
      cases.add(new Case("tampered", url, genuine, tampered, "401 SIGNATURE_MISMATCH"));
    }
    if (!provider.tolerance().equals("none")) {
      byte[] staleBody = body(provider, id + "-stale", stale);
      Map<String, String> staleHeaders =
          provider
              .sender()
              .sign(secret, outgoing(provider, staleBody, url, id + "-stale", stale))
              .headers();
      cases.add(new Case("stale", url, staleHeaders, staleBody, "401 TIMESTAMP_TOO_OLD"));
    }
    cases.add(new Case("replayed", url, genuine, body, "200 DUPLICATE_DELIVERY"));
    return cases;
  }

  /**
   * A form post for senders that post forms (Twilio); JSON for the others, carrying its time for
   * senders that sign it inside.
   */
  private static byte[] body(Provider provider, String id, long epochSeconds) {
    return postsForms(provider)
        ? utf8("CallSid=CA" + id + "&From=%2B14155551234&To=%2B14155559999&CallStatus=completed")
        : utf8(
            "{\"id\":\"evt_"
                + id
                + "\",\"event_id\":\"ev_"
                + id
                + "\",\"type\":\"demo\","
                + "\"webhookTimestamp\":"
                + epochSeconds * 1000
                + "}");
  }

  private static OutgoingWebhook outgoing(
      Provider provider, byte[] body, String url, String id, long epochSeconds) {
    return OutgoingWebhook.builder(body)
        .url(url)
        .id("msg_" + id)
        .timestamp(epochSeconds)
        .contentType(provider.contentType())
        .build();
  }

  private static boolean postsForms(Provider provider) {
    return provider.contentType().startsWith(FORM);
  }

  private static String send(HttpClient client, Case c) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(UriParts.toUri(c.url))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(c.body));
    if (!c.headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    c.headers.forEach(request::header);
    try {
      HttpResponse<Void> response =
          client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return response.statusCode()
          + " "
          + response.headers().firstValue(REASON_HEADER).orElse("accepted");
    } catch (IOException e) {
      return "I/O error " + e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** The receiver: verify and claim as the servlet filter does, on the JDK's HttpServer. */
  private static void receive(
      HttpExchange exchange, String base, Map<String, IdempotentVerifier> verifiers)
      throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      String name = exchange.getRequestURI().getPath().substring("/webhooks/".length());
      IdempotentVerifier verifier = verifiers.get(name);
      if (verifier == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      try {
        WebhookRequest request =
            WebhookRequest.builder()
                .method(exchange.getRequestMethod())
                .uri(base + exchange.getRequestURI())
                .headers(exchange.getRequestHeaders()::get)
                .body(WebhookRequest.readBody(in, 1 << 20))
                .build();
        try (ClaimedDelivery delivery = verifier.claim(request)) {
          delivery.complete();
        }
        exchange.sendResponseHeaders(204, -1);
      } catch (WebhookVerificationException e) {
        exchange.getResponseHeaders().add(REASON_HEADER, e.reason().name());
        exchange.sendResponseHeaders(e.reason().httpStatus(), -1);
      }
    } finally {
      exchange.close();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
