package dev.hookverify;

import static dev.hookverify.Signing.hex;
import static dev.hookverify.Signing.hmac;
import static dev.hookverify.Signing.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.IdempotencyStoreException;
import dev.hookverify.idempotency.RedisIdempotencyStore;
import dev.hookverify.idempotency.RedisScripting;
import dev.hookverify.testing.RedisServers;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;

/**
 * A Redis Cluster of three masters (no replicas, {@code cluster-require-full-coverage no}) loses
 * one. The other masters keep answering for their slots, through JedisCluster and Lettuce's cluster
 * client alike: what was completed there stays completed (nothing is processed again) and new
 * deliveries there are processed once. A delivery whose key lives on the stopped master is refused
 * with IDEMPOTENCY_STORE_UNAVAILABLE (fail closed, so the sender retries), never claimed as new.
 */
class RedisClusterOutageTest {
  private static final String HOST = "127.0.0.1";
  private static final byte[] SECRET = utf8("cluster-outage-secret");
  private static final int STOPPED = 1;
  private static final int PER_MASTER = 3;
  // Client bounds: a refusal takes at most about this long, so the test takes seconds.
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration ANSWER_BOUND = Duration.ofSeconds(6);

  private static final WebhookVerifier VERIFIER =
      WebhookVerifier.builder("github")
          .authenticator(
              HmacAuthenticator.builder(HmacAlgorithm.SHA256)
                  .signatureHeader(
                      SignatureHeader.builder("X-Hub-Signature-256").prefix("sha256=").build())
                  .secret(WebhookSecret.ofBytes(SECRET))
                  .build())
          .build();

  /** A signed delivery and the master that holds its key's slot. */
  private record Delivery(WebhookRequest request, String redisKey, int master) {}

  private final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();

  @ParameterizedTest
  @EnumSource(RedisServers.Version.class)
  void masterStopped_otherSlotsKeepTheirClaims_stoppedSlotsFailClosed(RedisServers.Version version)
      throws Exception {
    RedisClusterClient lettuceClient = null;
    try (RedisServers.Cluster cluster =
            RedisServers.startCluster(version, "cluster-require-full-coverage no");
        JedisCluster jedisCluster =
            new JedisCluster(
                Set.of(new HostAndPort(HOST, cluster.seedPort())),
                DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(500)
                    .socketTimeoutMillis((int) COMMAND_TIMEOUT.toMillis())
                    .build(),
                2,
                COMMAND_TIMEOUT)) {
      lettuceClient = lettuceClient(cluster.seedPort());
      RedisScripting jedis = jedisCluster::eval;
      RedisScripting lettuce = lettuce(lettuceClient, cluster.ports());
      IdempotentVerifier viaJedis = IdempotentVerifier.builder(VERIFIER, store(jedis)).build();
      IdempotentVerifier viaLettuce = IdempotentVerifier.builder(VERIFIER, store(lettuce)).build();

      List<Delivery> completed = deliveries(cluster, "completed");
      List<Delivery> fresh = deliveries(cluster, "fresh");
      for (int i = 0; i < completed.size(); i++) {
        assertThat(process(i % 2 == 0 ? viaJedis : viaLettuce, completed.get(i))).isNull();
      }

      cluster.stop(STOPPED);
      // At once, before the others have agreed that it failed...
      for (IdempotentVerifier verifier : List.of(viaJedis, viaLettuce)) {
        assertThat(process(verifier, on(completed, 0))).isEqualTo(Reason.DUPLICATE_DELIVERY);
        assertThat(process(verifier, on(completed, STOPPED)))
            .isEqualTo(Reason.IDEMPOTENCY_STORE_UNAVAILABLE);
      }
      // ...and once they have: the cluster stays ok and answers for the surviving slots.
      awaitFlaggedFailed(cluster);
      for (int master = 0; master < 3; master++) {
        if (master != STOPPED) {
          try (Jedis survivor = new Jedis(HOST, cluster.ports().get(master))) {
            assertThat(RedisServers.infoField(survivor.clusterInfo(), "cluster_state"))
                .isEqualTo("ok");
          }
        }
      }
      for (IdempotentVerifier verifier : List.of(viaJedis, viaLettuce)) {
        for (Delivery delivery : completed) {
          assertThat(process(verifier, delivery))
              .as("a completed delivery on master %d", delivery.master())
              .isEqualTo(
                  delivery.master() == STOPPED
                      ? Reason.IDEMPOTENCY_STORE_UNAVAILABLE
                      : Reason.DUPLICATE_DELIVERY);
        }
      }
      for (Delivery delivery : fresh) {
        boolean reachable = delivery.master() != STOPPED;
        assertThat(process(viaJedis, delivery))
            .isEqualTo(reachable ? null : Reason.IDEMPOTENCY_STORE_UNAVAILABLE);
        assertThat(process(viaLettuce, delivery))
            .isEqualTo(
                reachable ? Reason.DUPLICATE_DELIVERY : Reason.IDEMPOTENCY_STORE_UNAVAILABLE);
      }
      // The store itself reports the unreachable slot as its failure, through either client.
      DeliveryKey onStopped = keyOf(on(fresh, STOPPED));
      for (RedisScripting adapter : List.of(jedis, lettuce)) {
        assertThatThrownBy(() -> store(adapter).claim(onStopped, Duration.ofMinutes(5)))
            .isInstanceOf(IdempotencyStoreException.class);
      }
    } finally {
      if (lettuceClient != null) {
        lettuceClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    }
    // Every delivery processed at most once: all completed ones before the outage, and the fresh
    // ones on the surviving masters after it; nothing on the stopped master after it.
    assertThat(processed.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    assertThat(processed).hasSize(3 * PER_MASTER + 2 * PER_MASTER);
  }

  private static RedisIdempotencyStore store(RedisScripting adapter) {
    return new RedisIdempotencyStore(adapter);
  }

  /** Lettuce's cluster client, with bounds: a command to a master that is down fails at once. */
  private static RedisClusterClient lettuceClient(int seedPort) {
    RedisClusterClient client =
        RedisClusterClient.create(
            RedisURI.builder()
                .withHost(HOST)
                .withPort(seedPort)
                .withTimeout(COMMAND_TIMEOUT)
                .build());
    client.setOptions(
        ClusterClientOptions.builder()
            .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
    return client;
  }

  /**
   * The adapter of {@link RedisScripting}'s Lettuce cluster example, on {@code client}, connected
   * to every master first, as a running application is: Lettuce opens a master's connection on
   * first use, and with {@code REJECT_COMMANDS} refuses commands while it is opening.
   */
  private static RedisScripting lettuce(RedisClusterClient client, List<Integer> ports) {
    StatefulRedisClusterConnection<String, String> connection = client.connect();
    ports.forEach(port -> connection.getConnection(HOST, port));
    RedisAdvancedClusterCommands<String, String> commands = connection.sync();
    return (script, keys, args) ->
        commands.eval(
            script,
            ScriptOutputType.VALUE,
            keys.toArray(new String[0]),
            args.toArray(new String[0]));
  }

  /** {@link #PER_MASTER} signed deliveries for each master, in master order. */
  private static List<Delivery> deliveries(RedisServers.Cluster cluster, String label)
      throws Exception {
    List<Delivery> deliveries = new ArrayList<>();
    int[] perMaster = new int[3];
    for (int i = 0; deliveries.size() < 3 * PER_MASTER; i++) {
      byte[] body = utf8("{\"id\":\"" + label + "-" + i + "\"}");
      WebhookRequest request =
          WebhookRequest.builder()
              .header(
                  "X-Hub-Signature-256", "sha256=" + hex(hmac(HmacAlgorithm.SHA256, SECRET, body)))
              .body(body)
              .build();
      String redisKey =
          "hookverify:" + IdempotentVerifier.deliveryKey(VERIFIER.verify(request)).value();
      int master = cluster.masterOf(redisKey);
      if (perMaster[master] < PER_MASTER) {
        perMaster[master]++;
        deliveries.add(new Delivery(request, redisKey, master));
      }
    }
    deliveries.sort((a, b) -> Integer.compare(a.master(), b.master()));
    return deliveries;
  }

  private static Delivery on(List<Delivery> deliveries, int master) {
    return deliveries.stream().filter(d -> d.master() == master).findFirst().orElseThrow();
  }

  private static DeliveryKey keyOf(Delivery delivery) throws WebhookVerificationException {
    return IdempotentVerifier.deliveryKey(VERIFIER.verify(delivery.request()));
  }

  /**
   * Processes {@code delivery} if the store lets it; returns the reason it was refused, or null.
   * Every answer, a refusal included, comes within {@link #ANSWER_BOUND}.
   */
  private Reason process(IdempotentVerifier verifier, Delivery delivery) {
    long start = System.nanoTime();
    Reason reason;
    try (ClaimedDelivery claimed = verifier.claim(delivery.request())) {
      processed.computeIfAbsent(delivery.redisKey(), k -> new AtomicInteger()).incrementAndGet();
      claimed.complete();
      reason = null;
    } catch (WebhookVerificationException e) {
      reason = e.reason();
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ANSWER_BOUND);
    return reason;
  }

  /**
   * Waits until both surviving masters flag the stopped one {@code fail} (not just {@code fail?}).
   */
  private static void awaitFlaggedFailed(RedisServers.Cluster cluster) throws InterruptedException {
    String stopped = HOST + ":" + cluster.ports().get(STOPPED) + "@";
    long deadline = System.nanoTime() + 15_000_000_000L;
    for (int master = 0; master < 3; master++) {
      if (master == STOPPED) {
        continue;
      }
      try (Jedis survivor = new Jedis(HOST, cluster.ports().get(master))) {
        while (!flaggedFailed(survivor.clusterNodes(), stopped)) {
          assertThat(System.nanoTime()).as("the stopped master flagged fail").isLessThan(deadline);
          Thread.sleep(50);
        }
      }
    }
  }

  private static boolean flaggedFailed(String nodes, String address) {
    for (String line : nodes.split("\n")) {
      String[] fields = line.split(" ");
      if (fields.length > 2 && fields[1].startsWith(address)) {
        return List.of(fields[2].split(",")).contains("fail");
      }
    }
    return false;
  }
}
