package dev.hookverify.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookverify.internal.Expiry;
import dev.hookverify.testing.RedisServers;
import dev.hookverify.testing.RedisServers.Version;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;

/**
 * The Redis store against real redis-servers, through each of {@link RedisScripting}'s documented
 * adapters: Jedis and Lettuce, on a single node and on a Redis Cluster of three masters. Redis 6.2
 * here, Redis 7 in {@link Redis7IdempotencyStoreTest}. Redis keeps time itself, so expiry is tested
 * by waiting out a short lease.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisIdempotencyStoreTest {
  private static final String HOST = "127.0.0.1";

  // One adapter of each kind and version for the whole run: the examples open a client each time.
  private static final Map<String, RedisScripting> ADAPTERS = new ConcurrentHashMap<>();

  /** The servers the whole class runs on. */
  Version version() {
    return Version.V6_2;
  }

  RedisScripting jedis() {
    return ADAPTERS.computeIfAbsent(
        "jedis " + version(),
        k -> RedisScriptingExamples.jedis(HOST, RedisServers.port(version())));
  }

  RedisScripting lettuce() {
    return ADAPTERS.computeIfAbsent(
        "lettuce " + version(),
        k ->
            RedisScriptingExamples.lettuce("redis://" + HOST + ":" + RedisServers.port(version())));
  }

  RedisScripting jedisCluster() {
    return ADAPTERS.computeIfAbsent(
        "jedisCluster " + version(),
        k -> RedisScriptingExamples.jedisCluster(HOST, cluster().seedPort()));
  }

  RedisScripting lettuceCluster() {
    return ADAPTERS.computeIfAbsent(
        "lettuceCluster " + version(),
        k -> RedisScriptingExamples.lettuceCluster("redis://" + HOST + ":" + cluster().seedPort()));
  }

  RedisServers.Cluster cluster() {
    return RedisServers.cluster(version());
  }

  abstract class Contract extends IdempotencyStoreContract {
    private final RedisIdempotencyStore store = new RedisIdempotencyStore(adapter());

    abstract RedisScripting adapter();

    @Override
    IdempotencyStore store() {
      return store;
    }

    @Override
    Duration lease() {
      return Duration.ofMillis(300);
    }

    @Override
    void advancePast(Duration d) throws InterruptedException {
      Thread.sleep(d.toMillis() + 200);
    }

    @Override
    boolean timedByTheTest() {
      return false;
    }
  }

  @Nested
  class JedisOneNode extends Contract {
    @Override
    RedisScripting adapter() {
      return jedis();
    }
  }

  @Nested
  class LettuceOneNode extends Contract {
    @Override
    RedisScripting adapter() {
      return lettuce();
    }
  }

  @Nested
  class JedisOnCluster extends Contract {
    @Override
    RedisScripting adapter() {
      return jedisCluster();
    }
  }

  @Nested
  class LettuceOnCluster extends Contract {
    @Override
    RedisScripting adapter() {
      return lettuceCluster();
    }
  }

  @Test
  void servers_areTheVersionUnderTest() {
    String single = RedisServers.redisVersion(RedisServers.port(version()));
    List<String> masters = cluster().ports().stream().map(RedisServers::redisVersion).toList();
    // One line per class in the build log: the proof of which servers the contract ran on.
    System.out.println(
        getClass().getSimpleName() + ": redis_version " + single + ", cluster masters " + masters);
    assertThat(single).startsWith(version().prefix());
    assertThat(masters).hasSize(3).allSatisfy(v -> assertThat(v).startsWith(version().prefix()));
    try (Jedis seed = new Jedis(HOST, cluster().seedPort())) {
      String info = seed.clusterInfo();
      assertThat(RedisServers.infoField(info, "cluster_size"))
          .as("masters with slots")
          .isEqualTo("3");
      assertThat(RedisServers.infoField(info, "cluster_state")).isEqualTo("ok");
    }
  }

  /**
   * The cluster adapters really spread claims over the three masters, each key on the master that
   * holds its slot: the contract above ran on a cluster, not on one node of it.
   */
  @Test
  void clusterClaims_landOnTheMasterOfTheirSlot_onEveryMaster() throws Exception {
    List<Integer> ports = cluster().ports();
    Set<Integer> mastersUsed = new HashSet<>();
    for (RedisScripting adapter : List.of(jedisCluster(), lettuceCluster())) {
      RedisIdempotencyStore store = new RedisIdempotencyStore(adapter);
      for (int i = 0; i < 30; i++) {
        DeliveryKey key = DeliveryKey.of("spread", UUID.randomUUID().toString());
        Claim claim = store.claim(key, Duration.ofMinutes(1));
        String redisKey = "hookverify:" + key.value();
        int master = cluster().masterOf(redisKey);
        mastersUsed.add(master);
        try (Jedis owner = new Jedis(HOST, ports.get(master))) {
          assertThat(owner.get(redisKey)).isEqualTo("p:" + claim.token());
        }
      }
    }
    assertThat(mastersUsed).containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void keys_carryTheLeaseThenTheRetentionAsRedisExpiry() throws Exception {
    JedisPooled jedis = RedisServers.client(version());
    RedisIdempotencyStore store = new RedisIdempotencyStore(jedis());
    DeliveryKey key = DeliveryKey.of("redis", "ttl");
    Claim claim = store.claim(key, Duration.ofSeconds(60));
    assertThat(jedis.pttl("hookverify:redis:ttl")).isBetween(1L, 60_000L);
    assertThat(jedis.get("hookverify:redis:ttl")).isEqualTo("p:" + claim.token());
    store.complete(claim, Duration.ofDays(3));
    assertThat(jedis.pttl("hookverify:redis:ttl")).isGreaterThan(60_000L);
    assertThat(jedis.get("hookverify:redis:ttl")).startsWith("c:");
  }

  @Test
  void complete_hugeRetention_isKeptForTheLongestExpiryRedisAccepts() throws Exception {
    JedisPooled jedis = RedisServers.client(version());
    RedisIdempotencyStore store = new RedisIdempotencyStore(jedis());
    DeliveryKey key = DeliveryKey.of("redis", "huge");
    Claim claim = store.claim(key, Duration.ofMillis(Long.MAX_VALUE));
    store.complete(claim, ChronoUnit.FOREVER.getDuration());
    assertThat(jedis.pttl("hookverify:redis:huge"))
        .isBetween(Expiry.LONGEST.toMillis() - 60_000, Expiry.LONGEST.toMillis());
  }

  @Test
  void scripts_replyWithAStringOnEveryPath() throws Exception {
    // Lettuce reads one reply type per call (VALUE: a string); an integer or nil reply fails it.
    RedisIdempotencyStore store = new RedisIdempotencyStore(lettuce());
    DeliveryKey key = DeliveryKey.of("redis", "replies");
    Claim won = store.claim(key, Duration.ofMinutes(1));
    assertThat(store.claim(key, Duration.ofMinutes(1)).outcome())
        .isEqualTo(ClaimOutcome.IN_PROGRESS);
    store.release(won); // held: RELEASED
    store.release(won); // no longer held: NOT_HELD
    Claim again = store.claim(key, Duration.ofMinutes(1));
    store.complete(again, Duration.ofMinutes(1)); // held: COMPLETED
    store.complete(again, Duration.ofMinutes(1)); // completed, not held: NOT_HELD
    store.complete(won, Duration.ofMinutes(1)); // stale token: NOT_HELD
    assertThat(store.claim(key, Duration.ofMinutes(1)).outcome()).isEqualTo(ClaimOutcome.COMPLETED);
  }

  @Test
  void claim_failingClient_isAStoreFailure() {
    RedisIdempotencyStore broken =
        new RedisIdempotencyStore(
            (script, keys, args) -> {
              throw new java.net.ConnectException("refused");
            });
    assertThatThrownBy(() -> broken.claim(DeliveryKey.of("p", "k"), Duration.ofMinutes(1)))
        .isInstanceOf(IdempotencyStoreException.class);
    RedisIdempotencyStore odd = new RedisIdempotencyStore((script, keys, args) -> 42L);
    assertThatThrownBy(() -> odd.claim(DeliveryKey.of("p", "k"), Duration.ofMinutes(1)))
        .isInstanceOf(IdempotencyStoreException.class)
        .hasMessageContaining("Long");
  }

  @Test
  void completeAndRelease_unexpectedReplies_areStoreFailures() throws Exception {
    Claim claim = Claim.won(DeliveryKey.of("p", "k"), Claim.newToken());
    for (Object reply : List.of(1L, "OK", new byte[] {'1'})) {
      RedisIdempotencyStore odd = new RedisIdempotencyStore((script, keys, args) -> reply);
      assertThatThrownBy(() -> odd.complete(claim, Duration.ofMinutes(1)))
          .isInstanceOf(IdempotencyStoreException.class);
      assertThatThrownBy(() -> odd.release(claim)).isInstanceOf(IdempotencyStoreException.class);
    }
    RedisIdempotencyStore nil = new RedisIdempotencyStore((script, keys, args) -> null);
    assertThatThrownBy(() -> nil.release(claim))
        .isInstanceOf(IdempotencyStoreException.class)
        .hasMessageContaining("null");
    // A byte[] reply is read as the same word.
    RedisIdempotencyStore bytes =
        new RedisIdempotencyStore(
            (script, keys, args) -> "NOT_HELD".getBytes(StandardCharsets.US_ASCII));
    bytes.complete(claim, Duration.ofMinutes(1));
    bytes.release(claim);
  }
}
