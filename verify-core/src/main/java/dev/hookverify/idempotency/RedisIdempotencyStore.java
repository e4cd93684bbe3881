package dev.hookverify.idempotency;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * An {@link IdempotencyStore} in Redis, shared by every instance of a receiver, through any client
 * plugged in as {@link RedisScripting}.
 *
 * <p>Each key holds {@code p:<token>} while in progress and {@code c:<token>} once completed, with
 * a Redis expiry ({@code PX}) of the lease or the retention, so Redis itself forgets expired claims
 * and no sweeping is needed. Every operation is one atomic script, one round trip. Expiry uses the
 * Redis server's clock.
 *
 * <p>Configure Redis persistence (AOF, or RDB snapshots with graceful shutdowns): without it a
 * restart forgets completed deliveries, and a sender's retry after the restart is processed again.
 *
 * <p>Thread-safe if the client is.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {
  static final String CLAIM =
      "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'NEW' end "
          + "local v = redis.call('GET', KEYS[1]) "
          + "if v and string.sub(v, 1, 2) == 'c:' then return 'COMPLETED' end "
          + "return 'IN_PROGRESS'";
  static final String COMPLETE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then "
          + "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0";
  static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end "
          + "return 0";

  private final RedisScripting redis;
  private final String prefix;

  /** A store whose keys are {@code prefix + provider:id}, such as {@code hookverify:}. */
  public RedisIdempotencyStore(RedisScripting redis, String prefix) {
    this.redis = requireNonNull(redis, "redis");
    this.prefix = requireNonNull(prefix, "prefix");
  }

  /** A store whose keys start with {@code hookverify:}. */
  public RedisIdempotencyStore(RedisScripting redis) {
    this(redis, "hookverify:");
  }

  @Override
  public Claim claim(DeliveryKey key, Duration ttl) throws IdempotencyStoreException {
    String token = Claim.newToken();
    Object reply = eval("claim", CLAIM, key, "p:" + token, millis(ttl));
    if ("NEW".equals(reply)) {
      return Claim.won(key, token);
    }
    if ("COMPLETED".equals(reply)) {
      return Claim.lost(key, ClaimOutcome.COMPLETED);
    }
    if ("IN_PROGRESS".equals(reply)) {
      return Claim.lost(key, ClaimOutcome.IN_PROGRESS);
    }
    throw new IdempotencyStoreException("unexpected reply to claim: " + typeOf(reply));
  }

  @Override
  public void complete(Claim claim, Duration retention) throws IdempotencyStoreException {
    eval(
        "complete",
        COMPLETE,
        claim.key(),
        "p:" + claim.token(),
        "c:" + claim.token(),
        millis(retention));
  }

  @Override
  public void release(Claim claim) throws IdempotencyStoreException {
    eval("release", RELEASE, claim.key(), "p:" + claim.token());
  }

  private Object eval(String what, String script, DeliveryKey key, String... args)
      throws IdempotencyStoreException {
    try {
      return redis.eval(script, List.of(prefix + key.value()), List.of(args));
    } catch (Exception e) {
      throw new IdempotencyStoreException("redis " + what + " failed", e);
    }
  }

  private static String millis(Duration d) {
    return Long.toString(Math.max(1, d.toMillis()));
  }

  private static String typeOf(Object reply) {
    return reply == null ? "null" : reply.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return "RedisIdempotencyStore{" + prefix + "}";
  }
}
