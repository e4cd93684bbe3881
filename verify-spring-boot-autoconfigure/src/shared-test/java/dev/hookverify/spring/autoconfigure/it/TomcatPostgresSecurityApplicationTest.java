package dev.hookverify.spring.autoconfigure.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.testing.PostgresServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tomcat; deliveries deduplicated in the application's PostgreSQL through its HikariCP {@code
 * DataSource} (store auto, table created at start-up); Spring Security with CSRF on and the webhook
 * paths exempted; an application {@code RejectionHandler} that names the reason.
 */
class TomcatPostgresSecurityApplicationTest extends AbstractWebhookApplicationTest {
  @Override
  protected Class<?>[] sources() {
    return new Class<?>[] {WebhookApplication.class, TomcatServer.class, WebhookSecurity.class};
  }

  @Override
  protected Map<String, Object> properties() {
    return Map.of(
        "spring.datasource.url", PostgresServer.get().getJdbcUrl("postgres", "postgres"),
        "spring.datasource.username", "postgres",
        "hookverify.idempotency.initialize-schema", "always",
        "hookverify.idempotency.table", "hookverify_app_delivery");
  }

  @Override
  protected String server() {
    return "Tomcat";
  }

  @Override
  protected String store() {
    return "jdbc";
  }

  @Override
  protected String serverVersion() {
    return org.apache.catalina.util.ServerInfo.getServerNumber();
  }

  @Test
  void theDataSourceIsHikari() {
    assertThat(context.getBean(javax.sql.DataSource.class).getClass().getName()).contains("Hikari");
  }

  @Test
  void forgedWebhook_isRejectedByHookverify401_notBySecurity403() throws Exception {
    String id = newId();
    HttpResponse<String> response =
        post("/webhooks/stripe", Map.of("Stripe-Signature", "t=1,v1=00"), "{}".getBytes());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("TIMESTAMP_TOO_OLD");
    assertThat(handled().count(id)).isZero();
  }

  @Test
  void staleWebhook_isAnsweredByTheApplicationsRejectionHandler() throws Exception {
    long anHourAgo = System.currentTimeMillis() / 1000 - 3600;
    HttpResponse<String> response = post("/webhooks/stripe", stripe(newId(), "", anHourAgo));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("TIMESTAMP_TOO_OLD");
  }

  @Test
  void otherFormPosts_remainCsrfProtected() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(base.resolve("/form"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("a=1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
  }
}
