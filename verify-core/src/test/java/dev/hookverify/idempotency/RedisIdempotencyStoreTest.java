package dev.hookverify.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The Redis store against real redis-servers, through each of {@link RedisScripting}'s documented
 * adapters: Jedis and Lettuce, on a single node and on a Redis Cluster. Redis keeps time itself, so
 * expiry is tested by waiting out a short lease.
 */
class RedisIdempotencyStoreTest {
  private static final String HOST = "127.0.0.1";

  // One adapter of each kind for the whole run: the examples open a client each time they run.
  private static RedisScripting jedis;
  private static RedisScripting lettuce;
  private static RedisScripting jedisCluster;
  private static RedisScripting lettuceCluster;

  static synchronized RedisScripting jedis() {
    if (jedis == null) {
      jedis = RedisScriptingExamples.jedis(HOST, RedisServerFixture.port());
    }
    return jedis;
  }

  static synchronized RedisScripting lettuce() {
    if (lettuce == null) {
      lettuce = RedisScriptingExamples.lettuce("redis://" + HOST + ":" + RedisServerFixture.port());
    }
    return lettuce;
  }

  static synchronized RedisScripting jedisCluster() {
    if (jedisCluster == null) {
      jedisCluster = RedisScriptingExamples.jedisCluster(HOST, RedisServerFixture.clusterPort());
    }
    return jedisCluster;
  }

  static synchronized RedisScripting lettuceCluster() {
    if (lettuceCluster == null) {
      lettuceCluster =
          RedisScriptingExamples.lettuceCluster(
              "redis://" + HOST + ":" + RedisServerFixture.clusterPort());
    }
    return lettuceCluster;
  }

  abstract static class Contract extends IdempotencyStoreContract {
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
  void keys_carryTheLeaseThenTheRetentionAsRedisExpiry() throws Exception {
    JedisPooled jedis = RedisServerFixture.client();
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
    JedisPooled jedis = RedisServerFixture.client();
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
