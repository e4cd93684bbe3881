package dev.hookverify.servlet.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.WebhookSecret;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The README's application, deployed as a user deploys it (a {@code ServletContainerInitializer})
 * in Jetty and in Tomcat: a genuine delivery reaches the handler once, its replay and a forgery do
 * not.
 */
class QuickStartTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void jetty_verifiesAndDeduplicates() throws Exception {
    WebhookApplication application = application();
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServletContainerInitializer(application);
    server.setHandler(context);
    server.start();
    try {
      assertVerifiesAndDeduplicates(application, connector.getLocalPort());
    } finally {
      server.stop();
    }
  }

  @Test
  void tomcat_verifiesAndDeduplicates() throws Exception {
    WebhookApplication application = application();
    Path base = Files.createTempDirectory("tomcat-quickstart");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector("HTTP/1.1");
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    context.addServletContainerInitializer(application, null);
    tomcat.start();
    try {
      assertVerifiesAndDeduplicates(application, connector.getLocalPort());
    } finally {
      tomcat.stop();
      tomcat.destroy();
    }
  }

  private static WebhookApplication application() {
    return new WebhookApplication(
        WebhookSecret.ofUtf8(SECRET), new InMemoryIdempotencyStore(1_000));
  }

  private void assertVerifiesAndDeduplicates(WebhookApplication application, int port)
      throws Exception {
    URI endpoint = URI.create("http://127.0.0.1:" + port + "/webhooks/github");
    SignedDelivery push =
        Providers.byName("github")
            .sender()
            .sign(
                SECRET,
                OutgoingWebhook.builder("{\"ref\":\"refs/heads/main\"}".getBytes(UTF_8))
                    .event("push")
                    .build());

    assertThat(send(endpoint, push, push.body())).isEqualTo(204);
    assertThat(send(endpoint, push, push.body())).isEqualTo(200); // the replay
    assertThat(send(endpoint, push, "{\"ref\":\"refs/heads/evil\"}".getBytes(UTF_8)))
        .isEqualTo(401);
    assertThat(application.received).containsExactly("push {\"ref\":\"refs/heads/main\"}");
  }

  private int send(URI endpoint, SignedDelivery delivery, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    delivery.headers().forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
