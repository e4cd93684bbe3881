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
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/**
 * The durable-deliveries guide's application, deployed in Jetty on PostgreSQL: a genuine delivery
 * is acknowledged with 200 and processed once by a worker, with its event header; its replay is
 * acknowledged and not processed again; a forgery is 401 and never stored.
 */
class InboxQuickStartTest {
  private static final String SECRET = "It's a Secret to Everybody";
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void jetty_acknowledgesAtOnceAndAWorkerProcessesOnce() throws Exception {
    DataSource database = PostgresServer.dataSource();
    try (Connection c = database.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS hookverify_inbox");
      s.execute(DeliveryInbox.builder(database).build().createTableSql());
    }
    InboxApplication application = new InboxApplication(WebhookSecret.ofUtf8(SECRET), database);
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
      SignedDelivery push =
          Providers.byName("github")
              .sender()
              .sign(
                  SECRET,
                  OutgoingWebhook.builder("{\"ref\":\"refs/heads/main\"}".getBytes(UTF_8))
                      .event("push")
                      .build());
      assertThat(send(endpoint, push, push.body())).isEqualTo(200);
      assertThat(send(endpoint, push, push.body())).isEqualTo(200); // the replay: acknowledged
      assertThat(send(endpoint, push, "{\"ref\":\"refs/heads/evil\"}".getBytes(UTF_8)))
          .isEqualTo(401);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (application.processed.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      application.close(); // waits for a running handler: nothing more can be processed after
      assertThat(application.processed).containsExactly("push {\"ref\":\"refs/heads/main\"}");
      try (Connection c = database.getConnection();
          Statement s = c.createStatement();
          var rows = s.executeQuery("SELECT status FROM hookverify_inbox")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("COMPLETED");
        assertThat(rows.next()).as("one row: the replay and the forgery stored nothing").isFalse();
      }
    } finally {
      server.stop();
      application.close();
    }
  }

  private int send(URI endpoint, SignedDelivery delivery, byte[] body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    delivery.headers().forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
