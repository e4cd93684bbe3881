package dev.hookverify.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * Real {@code redis-server} processes on loopback, in two versions: 6.2 (the binary the
 * embedded-redis artifact ships) and 7 (Debian's {@code redis-server} package, which {@code
 * .ci/run} installs). Per version, one single node and one Redis Cluster of three masters are
 * shared by the whole test run, each started on first use and stopped when the JVM exits; {@link
 * #startCluster(Version, String...)} starts a cluster of a test's own, to break.
 *
 * <p>No server writes anything: {@code save ""}, {@code appendonly no}, a temporary {@code dir}.
 */
public final class RedisServers {
  /** The system property naming a Redis 7 {@code redis-server}; {@code /usr/bin/redis-server}. */
  public static final String REDIS_7_EXECUTABLE = "hookverify.redis7.executable";

  /** Redis Cluster's hash slots, split between the masters in order. */
  public static final int SLOTS = 16_384;

  private static final String HOST = "127.0.0.1";

  /** The Redis versions the store is proven on. */
  public enum Version {
    /** Redis 6.2: the {@code redis-server} 6.2.6 inside the embedded-redis artifact. */
    V6_2("6.2."),
    /** Redis 7: a {@code redis-server} 7.x on the machine, by default Debian's. */
    V7("7.");

    private final String prefix;

    Version(String prefix) {
      this.prefix = prefix;
    }

    /** How {@code INFO server}'s {@code redis_version} starts, such as "7.". */
    public String prefix() {
      return prefix;
    }

    private ExecutableProvider executable() {
      if (this == V6_2) {
        return ExecutableProvider.newJarResourceProvider();
      }
      File server = new File(System.getProperty(REDIS_7_EXECUTABLE, "/usr/bin/redis-server"));
      if (!server.canExecute()) {
        // Real servers, tests that can fail: a missing server is a failure that says what to do.
        throw new IllegalStateException(
            "the Redis 7 tests need a redis-server 7.x at "
                + server
                + ": on Debian or Ubuntu, `sudo apt-get install redis-server` (then"
                + " `sudo service redis-server stop`: the tests start their own servers), or set -D"
                + REDIS_7_EXECUTABLE
                + " to one; .ci/run installs it");
      }
      return () -> server;
    }
  }

  private static final Map<Version, Node> NODES = new EnumMap<>(Version.class);
  private static final Map<Version, JedisPooled> CLIENTS = new EnumMap<>(Version.class);
  private static final Map<Version, Cluster> CLUSTERS = new EnumMap<>(Version.class);

  private RedisServers() {}

  /** The port of the shared single node of {@code version}, started on first use. */
  public static synchronized int port(Version version) {
    Node node = NODES.get(version);
    if (node == null) {
      node = Node.start(version, List.of());
      NODES.put(version, node);
      Runtime.getRuntime().addShutdownHook(new Thread(node::stop));
    }
    return node.port;
  }

  /** A pooled Jedis client of the shared single node of {@code version}. */
  public static synchronized JedisPooled client(Version version) {
    JedisPooled client = CLIENTS.get(version);
    if (client == null) {
      client = new JedisPooled(HOST, port(version));
      CLIENTS.put(version, client);
    }
    return client;
  }

  /** The shared three-master cluster of {@code version}, started on first use. */
  public static synchronized Cluster cluster(Version version) {
    Cluster cluster = CLUSTERS.get(version);
    if (cluster == null) {
      cluster = startCluster(version);
      CLUSTERS.put(version, cluster);
    }
    return cluster;
  }

  /**
   * A new Redis Cluster of three masters (no replicas) of {@code version}, each holding a third of
   * the slots, once every master reports {@code cluster_state:ok}. Stopped at JVM exit at the
   * latest. {@code settings} are added to every node's configuration.
   */
  public static Cluster startCluster(Version version, String... settings) {
    Path dir = tempDir("hookverify-redis-cluster");
    List<Node> nodes = new ArrayList<>();
    Cluster cluster = new Cluster(version, nodes);
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
    for (int i = 0; i < 3; i++) {
      List<String> config = new ArrayList<>();
      config.add("cluster-enabled yes");
      config.add("cluster-config-file " + dir.resolve("nodes-" + i + ".conf"));
      config.add("cluster-announce-ip " + HOST);
      config.add("cluster-node-timeout 1000"); // a stopped master is flagged fail in seconds
      config.addAll(List.of(settings));
      nodes.add(Node.start(version, config));
    }
    for (int i = 0; i < nodes.size(); i++) {
      try (Jedis admin = new Jedis(HOST, nodes.get(i).port)) {
        admin.clusterAddSlots(IntStream.range(firstSlot(i), firstSlot(i + 1)).toArray());
        if (i > 0) {
          admin.clusterMeet(HOST, nodes.get(0).port);
        }
      }
    }
    cluster.awaitOk();
    return cluster;
  }

  /** {@code INFO server}'s {@code redis_version} of the server on {@code port}. */
  public static String redisVersion(int port) {
    try (Jedis jedis = new Jedis(HOST, port)) {
      return infoField(jedis.info("server"), "redis_version");
    }
  }

  /** The value of {@code field} in an {@code INFO} or {@code CLUSTER INFO} reply, or null. */
  public static String infoField(String info, String field) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1).strip();
      }
    }
    return null;
  }

  private static int firstSlot(int master) {
    return SLOTS * master / 3;
  }

  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A free loopback port whose cluster bus port (the port + 10,000) is free too: Redis refuses to
   * start a cluster node above port 55,535, and the kernel's ephemeral ports reach 60,999.
   */
  private static int freePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
      if (free(port) && free(port + 10_000)) {
        return port;
      }
    }
    throw new IOException("no free loopback port pair found");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return socket.isBound();
    } catch (IOException taken) {
      return false;
    }
  }

  /** One {@code redis-server} process. */
  private static final class Node {
    final int port;
    final RedisServer server;

    private Node(int port, RedisServer server) {
      this.port = port;
      this.server = server;
    }

    static Node start(Version version, List<String> settings) {
      ExecutableProvider executable = version.executable();
      IOException last = null;
      for (int attempt = 0; attempt < 3; attempt++) { // a port taken between check and bind
        try {
          int port = freePort();
          var builder =
              RedisServer.newRedisServer()
                  .executableProvider(executable)
                  .port(port)
                  .bind(HOST)
                  .setting("save \"\"")
                  .setting("appendonly no")
                  .setting("dir " + tempDir("hookverify-redis"));
          settings.forEach(builder::setting);
          RedisServer server = builder.build();
          server.start();
          return new Node(port, server);
        } catch (IOException e) {
          last = e;
        }
      }
      throw new UncheckedIOException("redis-server " + version.prefix() + "x did not start", last);
    }

    void stop() {
      try {
        server.stop();
      } catch (IOException ignored) {
        // Best effort: at JVM exit, or a node a test stops on purpose.
      }
    }
  }

  /** Three masters of one Redis Cluster on loopback, master {@code i} holding the i-th third. */
  public static final class Cluster implements AutoCloseable {
    private final Version version;
    private final List<Node> nodes;

    private Cluster(Version version, List<Node> nodes) {
      this.version = version;
      this.nodes = nodes;
    }

    /** The masters' ports, in slot order. */
    public List<Integer> ports() {
      return nodes.stream().map(node -> node.port).toList();
    }

    /** A port to give a cluster client, which discovers the other masters from it. */
    public int seedPort() {
      return nodes.get(0).port;
    }

    /** The Redis version of every node. */
    public Version version() {
      return version;
    }

    /** The index of the master that holds {@code key}'s slot. */
    public int masterOf(String key) {
      int slot = JedisClusterCRC16.getSlot(key);
      int master = 0;
      while (master < 2 && slot >= firstSlot(master + 1)) {
        master++;
      }
      return master;
    }

    /** Stops master {@code i}, as a crash would take it away (its slots have no replica). */
    public void stop(int i) {
      nodes.get(i).stop();
    }

    /** Stops every master. */
    @Override
    public void close() {
      nodes.forEach(Node::stop);
    }

    /** Waits until every master sees all slots assigned and the cluster ok. */
    private void awaitOk() {
      long deadline = System.nanoTime() + 20_000_000_000L;
      for (Node node : nodes) {
        try (Jedis admin = new Jedis(HOST, node.port)) {
          while (!ok(admin.clusterInfo())) {
            if (System.nanoTime() > deadline) {
              throw new IllegalStateException(
                  "redis cluster not ok after 20 s: " + admin.clusterInfo());
            }
            Thread.sleep(20);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }

    private static boolean ok(String info) {
      return "ok".equals(infoField(info, "cluster_state"))
          && "3".equals(infoField(info, "cluster_known_nodes"))
          && Integer.toString(SLOTS).equals(infoField(info, "cluster_slots_assigned"));
    }
  }
}
