package dev.hookverify.idempotency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.clients.jedis.JedisPooled;
import redis.embedded.RedisServer;

/**
 * One real {@code redis-server} for the whole test run (the embedded-redis artifact ships the
 * binary), bound to loopback on a free port, and a pooled Jedis client for it.
 */
final class RedisServerFixture {
  private static RedisServer server;
  private static JedisPooled client;
  private static int port;

  private RedisServerFixture() {}

  static synchronized JedisPooled client() {
    if (client == null) {
      try {
        port = freePort();
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
        server.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      client = new JedisPooled("127.0.0.1", port);
      Runtime.getRuntime().addShutdownHook(new Thread(RedisServerFixture::stop));
    }
    return client;
  }

  static synchronized void stop() {
    try {
      if (client != null) {
        client.close();
      }
      if (server != null) {
        server.stop();
      }
    } catch (IOException ignored) {
      // Best effort at JVM exit.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
