package dev.hookverify.servlet.example;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.WebhookSecret;
import dev.hookverify.inbox.DeliveryInbox;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import dev.hookverify.testing.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The inbox quick start, deployed as a user deploys it (a {@code ServletContainerInitializer}) in
 * Jetty on a real PostgreSQL: a genuine delivery is answered 200 and processed once by a worker,
 * its replay is answered 200 and not processed again, a forgery is 401.
 */
class InboxQuickStartTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void jetty_acknowledgesAtOnce_andAWorkerProcessesEachDeliveryOnce() throws Exception {
    try (Connection c = PostgresServer.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS hookverify_inbox");
      s.execute(DeliveryInbox.builder(PostgresServer.dataSource()).build().createTableSql());
    }
    InboxApplication application =
        new InboxApplication(WebhookSecret.ofUtf8(SECRET), PostgresServer.dataSource());
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServletContainerInitializer(application);
    server.setHandler(context);
    server.start();
    try {
      URI endpoint =
          URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/webhooks/github");
      String body = "{\"ref\":\"refs/heads/main\"}";
      SignedDelivery push =
          Providers.byName("github")
              .sender()
              .sign(SECRET, OutgoingWebhook.builder(body.getBytes(UTF_8)).event("push").build());

      assertThat(send(endpoint, push, push.body())).isEqualTo(200);
      assertThat(send(endpoint, push, push.body())).isEqualTo(200); // the replay
      assertThat(send(endpoint, push, "{\"ref\":\"refs/heads/evil\"}".getBytes(UTF_8)))
          .isEqualTo(401);

      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (application.processed.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(application.processed).containsExactly("github " + body);
    } finally {
      server.stop(); // closes the workers through the application's context listener
    }
    assertThat(application.processed).containsExactly("github {\"ref\":\"refs/heads/main\"}");
  }

  private int send(URI endpoint, SignedDelivery delivery, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    delivery.headers().forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
