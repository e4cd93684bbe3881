package dev.hookverify.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.IdempotentVerifier;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.Signing;
import dev.hookverify.VerifiedWebhook;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's filter in a real servlet container (Jetty, on loopback) with a real HTTP client:
 * genuine deliveries reach the handler once, forgeries get a bare 401, duplicates of processed
 * deliveries do not reach the handler again, and a delivery whose handler failed is processed when
 * the sender retries.
 */
class ServletEndToEndTest {
  private static final byte[] SECRET = "shopify-like-secret".getBytes(StandardCharsets.UTF_8);
  private static final List<String> handled = new CopyOnWriteArrayList<>();
  private static Server server;
  private static URI endpoint;
  private static final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    WebhookVerifier verifier =
        WebhookVerifier.builder("shopify")
            .authenticator(
                HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                    .signatureHeader(
                        SignatureHeader.builder("X-Shopify-Hmac-Sha256")
                            .encoding(dev.hookverify.SignatureEncoding.BASE64)
                            .build())
                    .signedContent(SignedContent.body())
                    .secret(WebhookSecret.ofBytes(SECRET))
                    .build())
            .build();
    IdempotentVerifier idempotent =
        IdempotentVerifier.builder(verifier, new InMemoryIdempotencyStore(10_000)).build();

    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(
        new FilterHolder(new WebhookFilter(idempotent)),
        "/webhooks/*",
        EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(
        new ServletHolder(
            new HttpServlet() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
                VerifiedWebhook webhook =
                    (VerifiedWebhook) req.getAttribute(VerifiedWebhook.class.getName());
                String body = webhook.bodyAsString();
                handled.add(body);
                if (body.contains("\"fail\":true")
                    && handled.stream().filter(body::equals).count() == 1) {
                  throw new IllegalStateException("handler failed on purpose");
                }
                resp.setStatus(204);
              }
            }),
        "/webhooks/*");
    server.setHandler(context);
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/orders");
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  private static HttpResponse<String> send(String body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("X-Shopify-Hmac-Sha256", signature);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String sign(String body) {
    return Signing.base64(
        Signing.hmac(HmacAlgorithm.SHA256, SECRET, body.getBytes(StandardCharsets.UTF_8)));
  }

  private static long handledCount(String body) {
    return handled.stream().filter(body::equals).count();
  }

  @Test
  void genuineDelivery_reachesTheHandlerOnceAndItsDuplicateIsAcknowledged() throws Exception {
    String body = "{\"id\":1001,\"total\":\"9.99\",\"note\":\"caf\u00e9\"}";
    assertThat(send(body, sign(body)).statusCode()).isEqualTo(204);
    HttpResponse<String> duplicate = send(body, sign(body));
    assertThat(duplicate.statusCode()).isEqualTo(200);
    assertThat(handledCount(body)).isEqualTo(1);
  }

  @Test
  void forgedOrUnsignedDelivery_getsA401WithNoDetail() throws Exception {
    String body = "{\"id\":1002}";
    HttpResponse<String> forged = send(body, sign("{\"id\":1003}"));
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).isEmpty();
    HttpResponse<String> unsigned = send(body, null);
    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(unsigned.body()).isEmpty();
    assertThat(handledCount(body)).isZero();
  }

  @Test
  void deliveryWhoseHandlerFailed_isProcessedWhenRetried() throws Exception {
    String body = "{\"id\":1004,\"fail\":true}";
    assertThat(send(body, sign(body)).statusCode()).isEqualTo(500);
    assertThat(send(body, sign(body)).statusCode()).isEqualTo(204);
    assertThat(send(body, sign(body)).statusCode()).isEqualTo(200);
    assertThat(handledCount(body)).isEqualTo(2);
  }
}
