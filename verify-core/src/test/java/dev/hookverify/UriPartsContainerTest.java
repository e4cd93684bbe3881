package dev.hookverify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The URL tenant resolvers read what a real servlet container reads, or nothing: each request line
 * of a corpus of tricky URIs is sent over a plain socket to Jetty on loopback, and what the
 * container's {@code getParameter("org")} and its decoded, normalized path ({@code getPathInfo()})
 * say is compared with what {@link TenantResolver#queryParameter} and {@link
 * TenantResolver#pathSegment} say, for the URI as sent on the wire and as an application rebuilds
 * it ({@code getRequestURL()} and {@code getQueryString()}, as verify-servlet's filter does). They
 * agree, or the resolver yields no tenant. Where the container refuses the request, the resolver of
 * the part at issue (the query of a query case, the path of a path case) yields no tenant either.
 * Plain cases must resolve, so a resolver that always says nothing fails.
 */
class UriPartsContainerTest {
  private static final int SEGMENTS = 3;
  private static Server server;
  private static int port;

  /** Request targets, each with whether the plain reading must find a tenant (true) or not. */
  private static final Map<String, Boolean> CORPUS = new LinkedHashMap<>();

  static {
    // Query parameters.
    CORPUS.put("/hook?org=acme", true);
    CORPUS.put("/hook?x=1&org=acme&y=2", true);
    CORPUS.put("/hook?org=ac%6De", true);
    CORPUS.put("/hook?org=caf%C3%A9", true);
    CORPUS.put("/hook?org=a+b", true);
    CORPUS.put("/hook?org=a%2Bb", true);
    CORPUS.put("/hook?org=a=b", true);
    CORPUS.put("/hook?&&org=acme&&", true);
    CORPUS.put("/hook?org=acme%26org%3Devil", true);
    CORPUS.put("/hook?%6Frg=evil", false);
    CORPUS.put("/hook?org=acme&%6Frg=evil", false);
    CORPUS.put("/hook?%6Frg=evil&org=acme", false);
    CORPUS.put("/hook?o%72g=evil", false);
    CORPUS.put("/hook?%6frg=evil&%6Frg=evil2", false);
    CORPUS.put("/hook?org=acme&org=evil", false);
    CORPUS.put("/hook?org&org=evil", false);
    CORPUS.put("/hook?org=&org=evil", false);
    CORPUS.put("/hook?ORG=evil", false);
    CORPUS.put("/hook?org+=evil", false);
    CORPUS.put("/hook?org%20=evil", false);
    CORPUS.put("/hook?org%00=evil", false);
    CORPUS.put("/hook?org=%C3%28", false);
    CORPUS.put("/hook?org=%FF", false);
    CORPUS.put("/hook?org=%zz", false);
    CORPUS.put("/hook?org=acme%00", false);
    CORPUS.put("/hook?org=%C0%AF", false);
    CORPUS.put("/hook?org=%ED%A0%80", false);
    CORPUS.put("/hook?org=acme;org=evil", true);
    CORPUS.put("/hook?x=1;org=evil", false);
    CORPUS.put("/hook?org=%2e%2e", true);
    CORPUS.put("/hook?org[]=evil", false);
    CORPUS.put("/hook?org", false);
    // Path segments: /webhooks/{tenant}/...
    CORPUS.put("/webhooks/acme/route", true);
    CORPUS.put("/webhooks/ac%6De/route", true);
    CORPUS.put("/webhooks/caf%C3%A9", true);
    CORPUS.put("/webhooks/acme/", true);
    CORPUS.put("/webhooks/a%3Fb", true);
    CORPUS.put("/webhooks/evil/../acme/route", false);
    CORPUS.put("/webhooks/./acme", false);
    CORPUS.put("/webhooks/acme/.", false);
    CORPUS.put("/webhooks/acme/..", false);
    CORPUS.put("/webhooks//acme", false);
    CORPUS.put("/webhooks/%2e%2e/acme", false);
    CORPUS.put("/webhooks/%2E/acme", false);
    CORPUS.put("/webhooks/.%2e/acme", false);
    CORPUS.put("/webhooks/acme;jsessionid=1/route", false);
    CORPUS.put("/webhooks;x=1/acme", false);
    CORPUS.put("/webhooks/ac%2Fme", false);
    CORPUS.put("/webhooks/ac%5Cme", false);
    CORPUS.put("/webhooks/ac\\me", false);
    CORPUS.put("/webhooks/%C3%28", false);
    CORPUS.put("/webhooks/acme%00", false);
    CORPUS.put("/webhooks/%252e%252e/acme", false);
    CORPUS.put("/webhooks/a%3Bb", false);
    CORPUS.put("/../webhooks/acme", false);
    CORPUS.put("/webhooks/%2e%2e%2facme", false);
    CORPUS.put("/webhooks/..%2facme", false);
    CORPUS.put("/webhooks/%C0%AE%C0%AE/acme", false);
  }

  @BeforeAll
  static void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new Reader()), "/*");
    server.setHandler(context);
    server.start();
    port = connector.getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  /** Answers with what the container read: the parameter, the path and the rebuilt URI. */
  private static final class Reader extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String query = req.getQueryString();
      StringBuilder out = new StringBuilder();
      out.append("param\t").append(show(req.getParameter("org"))).append('\n');
      out.append("values\t").append(Arrays.toString(req.getParameterValues("org"))).append('\n');
      out.append("path\t").append(show(req.getPathInfo())).append('\n');
      out.append("uri\t").append(req.getRequestURL()).append(query == null ? "" : "?" + query);
      resp.setContentType("text/plain;charset=utf-8");
      resp.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String show(String value) {
      return value == null ? "\u0000null" : value;
    }
  }

  /** What the container read for one request target, or its refusal. */
  private static final class Reading {
    final int status;
    final Map<String, String> fields = new LinkedHashMap<>();

    Reading(int status) {
      this.status = status;
    }

    Optional<String> param() {
      return Optional.ofNullable(fields.get("param")).filter(v -> !v.equals("\u0000null"));
    }

    /** The decoded, normalized path segment at {@code index}, as routing sees it. */
    Optional<String> segment(int index) {
      String path = fields.get("path");
      if (path == null || path.equals("\u0000null")) {
        return Optional.empty();
      }
      String[] segments = path.substring(1).split("/", -1);
      return index < segments.length ? Optional.of(segments[index]) : Optional.empty();
    }
  }

  private static Reading send(String target) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(response.substring(9, 12));
      Reading reading = new Reading(status);
      if (status == 200) {
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        for (String line : body.split("\n")) {
          int tab = line.indexOf('\t');
          reading.fields.put(line.substring(0, tab), line.substring(tab + 1));
        }
      }
      return reading;
    }
  }

  private static Optional<String> resolve(TenantResolver resolver, String uri) {
    return resolver.tenant(WebhookRequest.builder().method("GET").uri(uri).build());
  }

  @Test
  void urlResolvers_agreeWithJettyOrFindNoTenant() throws Exception {
    TenantResolver query = TenantResolver.queryParameter("org");
    List<String> failures = new ArrayList<>();
    List<String> table = new ArrayList<>();
    for (Map.Entry<String, Boolean> entry : CORPUS.entrySet()) {
      String target = entry.getKey();
      Reading jetty = send(target);
      List<String> uris = new ArrayList<>(List.of("http://127.0.0.1:" + port + target));
      if (jetty.status == 200) {
        uris.add(jetty.fields.get("uri"));
      }
      boolean resolvedPlainly = false;
      StringBuilder row = new StringBuilder(target).append("  jetty ").append(jetty.status);
      if (jetty.status == 200) {
        row.append(" param=").append(jetty.param().orElse("-"));
        row.append(" path=").append(jetty.fields.get("path").replace("\u0000null", "-"));
      }
      for (String uri : uris) {
        Optional<String> ours = resolve(query, uri);
        resolvedPlainly |= ours.isPresent() && target.startsWith("/hook");
        check(failures, target, uri, "query org", jetty, jetty.param(), ours);
        if (uri == uris.get(0)) {
          row.append("  | resolver org=").append(ours.orElse("-"));
        }
        for (int i = 0; i < SEGMENTS; i++) {
          Optional<String> segment = resolve(TenantResolver.pathSegment(i), uri);
          resolvedPlainly |= i == 1 && segment.isPresent() && target.startsWith("/webhooks");
          check(failures, target, uri, "segment " + i, jetty, jetty.segment(i), segment);
          if (uri == uris.get(0) && i == 1) {
            row.append(" segment1=").append(segment.orElse("-"));
          }
        }
      }
      if (entry.getValue() && !resolvedPlainly) {
        failures.add(target + ": a plain URI must resolve, but no tenant was found");
      }
      table.add(row.toString());
    }
    System.out.println(String.join("\n", table));
    assertThat(failures).isEmpty();
  }

  private static void check(
      List<String> failures,
      String target,
      String uri,
      String what,
      Reading jetty,
      Optional<String> containers,
      Optional<String> ours) {
    if (ours.isEmpty()) {
      return;
    }
    if (jetty.status != 200) {
      // The handler never runs; the part the target is about must not resolve either.
      if (what.startsWith("query") == target.startsWith("/hook")) {
        failures.add(target + " (" + uri + "): Jetty refused it, " + what + " read " + ours.get());
      }
    } else if (!containers.equals(ours)) {
      failures.add(
          target
              + " ("
              + uri
              + "): Jetty reads "
              + what
              + " as "
              + containers.orElse("nothing")
              + ", the resolver as "
              + ours.get());
    }
  }
}
