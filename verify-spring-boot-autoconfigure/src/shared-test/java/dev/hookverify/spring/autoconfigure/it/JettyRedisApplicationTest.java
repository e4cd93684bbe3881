package dev.hookverify.spring.autoconfigure.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.RedisIdempotencyStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Jetty; deliveries deduplicated in a real {@code redis-server} through the application's Lettuce
 * {@code RedisConnectionFactory} (store auto, no DataSource); no security; an unrelated multipart
 * upload that the webhook filters never touch.
 */
class JettyRedisApplicationTest extends AbstractWebhookApplicationTest {
  private static int redisPort;

  @Override
  protected Class<?>[] sources() {
    return new Class<?>[] {WebhookApplication.class, JettyServer.class, OpenSecurity.class};
  }

  @Override
  protected Map<String, Object> properties() {
    startRedis();
    return Map.of(
        "spring.data.redis.host",
        "127.0.0.1",
        "spring.data.redis.port",
        Integer.toString(redisPort),
        // Without a database URL Boot would fail to build a DataSource from spring-boot-jdbc; both
        // generations' names, as an application that supports both would write it.
        "spring.autoconfigure.exclude",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
            + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration");
  }

  private static synchronized void startRedis() {
    if (redisPort != 0) {
      return;
    }
    try {
      try (ServerSocket socket = new ServerSocket(0)) {
        redisPort = socket.getLocalPort();
      }
      RedisServer server =
          RedisServer.newRedisServer()
              .port(redisPort)
              .bind("127.0.0.1")
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      server.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.stop();
                    } catch (IOException ignored) {
                      // Best effort at JVM exit.
                    }
                  }));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected String server() {
    return "Jetty";
  }

  @Override
  protected String store() {
    return "redis";
  }

  @Override
  protected String serverVersion() {
    return org.eclipse.jetty.util.Jetty.VERSION;
  }

  @Test
  void theStoreIsRedis() {
    assertThat(context.getBean(IdempotencyStore.class)).isInstanceOf(RedisIdempotencyStore.class);
  }

  @Test
  void multipartUpload_elsewhere_isUntouched() throws Exception {
    String boundary = "hookverify-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\n"
                + "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                + "quarterly\r\n"
                + "--"
                + boundary
                + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"report.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n"
                + "a,b\n1,2\n\r\n"
                + "--"
                + boundary
                + "--\r\n")
            .getBytes(UTF_8));

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(base.resolve("/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("report.csv:8:quarterly");
  }
}
