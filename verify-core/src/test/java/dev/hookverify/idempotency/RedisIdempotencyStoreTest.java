package dev.hookverify.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The Redis store against a real redis-server through Jedis. Redis keeps time itself, so expiry is
 * tested by waiting out a short lease.
 */
class RedisIdempotencyStoreTest extends IdempotencyStoreContract {
  private final JedisPooled jedis = RedisServerFixture.client();
  private final RedisIdempotencyStore store = new RedisIdempotencyStore(jedis::eval);

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

  @Test
  void keys_carryTheLeaseThenTheRetentionAsRedisExpiry() throws Exception {
    DeliveryKey key = DeliveryKey.of("redis", "ttl");
    Claim claim = store.claim(key, Duration.ofSeconds(60));
    assertThat(jedis.pttl("hookverify:redis:ttl")).isBetween(1L, 60_000L);
    assertThat(jedis.get("hookverify:redis:ttl")).isEqualTo("p:" + claim.token());
    store.complete(claim, Duration.ofDays(3));
    assertThat(jedis.pttl("hookverify:redis:ttl")).isGreaterThan(60_000L);
    assertThat(jedis.get("hookverify:redis:ttl")).startsWith("c:");
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
}
