package dev.hookverify.idempotency;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.embedded.RedisServer;

/**
 * Real {@code redis-server} processes for the whole test run (the embedded-redis artifact ships the
 * binary), bound to loopback on free ports: one single node, with a pooled Jedis client, and one
 * Redis Cluster of a single node that holds all 16,384 slots, started only if a test asks for it.
 */
final class RedisServerFixture {
  private static final int SLOTS = 16_384;

  private static RedisServer server;
  private static JedisPooled client;
  private static int port;
  private static RedisServer clusterServer;
  private static int clusterPort;

  private RedisServerFixture() {}

  /** The single node's port, starting it on first use. */
  static synchronized int port() {
    if (server == null) {
      try {
        port = freePort();
        server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
        server.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(RedisServerFixture::stop));
    }
    return port;
  }

  /** A pooled Jedis client of the single node. */
  static synchronized JedisPooled client() {
    if (client == null) {
      client = new JedisPooled("127.0.0.1", port());
    }
    return client;
  }

  /**
   * The port of a one-node Redis Cluster (cluster mode on, every slot assigned to the node), so
   * cluster clients run against a real cluster's protocol: {@code CLUSTER SLOTS}, redirections.
   */
  static synchronized int clusterPort() {
    if (clusterServer == null) {
      try {
        clusterPort = freePort();
        Path nodes = Files.createTempDirectory("hookverify-redis-cluster").resolve("nodes.conf");
        clusterServer =
            RedisServer.newRedisServer()
                .port(clusterPort)
                .bind("127.0.0.1")
                .setting("cluster-enabled yes")
                .setting("cluster-config-file " + nodes)
                .setting("cluster-announce-ip 127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        clusterServer.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try (Jedis admin = new Jedis("127.0.0.1", clusterPort)) {
        admin.clusterAddSlots(IntStream.range(0, SLOTS).toArray());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!admin.clusterInfo().contains("cluster_state:ok")) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("redis cluster did not become ok");
          }
          Thread.sleep(20);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return clusterPort;
  }

  static synchronized void stop() {
    try {
      if (client != null) {
        client.close();
      }
      if (server != null) {
        server.stop();
      }
      if (clusterServer != null) {
        clusterServer.stop();
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
