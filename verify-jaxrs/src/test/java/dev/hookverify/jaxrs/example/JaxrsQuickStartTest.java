package dev.hookverify.jaxrs.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.hookverify.WebhookSecret;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.glassfish.jersey.jdkhttp.JdkHttpServerFactory;
import org.junit.jupiter.api.Test;

/**
 * The JAX-RS application of docs/integrations.md on Jersey: genuine once, its replay 200, a forgery
 * 401.
 */
class JaxrsQuickStartTest {
  private static final String SECRET = "whsec_readme_jaxrs";

  @Test
  void stripeWebhooks_verifiesAndDeduplicates() throws Exception {
    StripeWebhooks webhooks = new StripeWebhooks();
    HttpServer server =
        JdkHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"),
            StripeWebhooks.application(
                webhooks, WebhookSecret.ofUtf8(SECRET), new InMemoryIdempotencyStore(1_000)),
            true);
    try {
      URI endpoint =
          URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/stripe");
      SignedDelivery paid =
          Providers.byName("stripe")
              .sender()
              .sign(SECRET, OutgoingWebhook.builder("{\"id\":\"evt_1\"}".getBytes(UTF_8)).build());

      assertThat(send(endpoint, paid, paid.body())).isEqualTo(204);
      assertThat(send(endpoint, paid, paid.body())).isEqualTo(200);
      assertThat(send(endpoint, paid, "{\"id\":\"evt_forged\"}".getBytes(UTF_8))).isEqualTo(401);
      assertThat(webhooks.received).containsExactly("{\"id\":\"evt_1\"}");
    } finally {
      server.stop(0);
    }
  }

  private static int send(URI endpoint, SignedDelivery delivery, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    delivery.headers().forEach(request::header);
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(request.build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
