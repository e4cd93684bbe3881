package dev.hookverify.idempotency;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.Expiry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * An {@link IdempotencyStore} in Redis, shared by every instance of a receiver, through any client
 * plugged in as {@link RedisScripting}.
 *
 * <p>Each key holds {@code p:<token>} while in progress and {@code c:<token>} once completed, with
 * a Redis expiry ({@code PX}) of the lease or the retention, so Redis itself forgets expired claims
 * and no sweeping is needed. Every operation is one atomic script, one round trip, whose reply is
 * always a string. Expiry uses the Redis server's clock. A lease or retention is sent in whole
 * milliseconds, rounded up, and capped at 100 years: Redis refuses a {@code PX} whose end overflows
 * its clock ({@code ERR invalid expire time}), which would fail every claim or completion.
 *
 * <p>Configure Redis persistence (AOF, or RDB snapshots with graceful shutdowns): without it a
 * restart forgets completed deliveries, and a sender's retry after the restart is processed again.
 *
 * <p>Thread-safe if the client is.
 */
public final class RedisIdempotencyStore implements IdempotencyStore {
  // Every script answers with a string, never an integer or nil, so that a client asked for one
  // reply type (Lettuce's ScriptOutputType.VALUE) reads every answer.
  static final String CLAIM =
      "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'NEW' end "
          + "local v = redis.call('GET', KEYS[1]) "
          + "if v and string.sub(v, 1, 2) == 'c:' then return 'COMPLETED' end "
          + "return 'IN_PROGRESS'";
  static final String COMPLETE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then "
          + "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 'COMPLETED' end "
          + "return 'NOT_HELD'";
  static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) "
          + "return 'RELEASED' end return 'NOT_HELD'";

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
    requireNonNull(key, "key");
    String px = Long.toString(Expiry.millis(ttl, "ttl"));
    String token = Claim.newToken();
    String reply = eval("claim", CLAIM, key, "p:" + token, px);
    switch (reply) {
      case "NEW":
        return Claim.won(key, token);
      case "COMPLETED":
        return Claim.lost(key, ClaimOutcome.COMPLETED);
      case "IN_PROGRESS":
        return Claim.lost(key, ClaimOutcome.IN_PROGRESS);
      default:
        throw unexpected("claim", reply);
    }
  }

  @Override
  public void complete(Claim claim, Duration retention) throws IdempotencyStoreException {
    String px = Long.toString(Expiry.millis(retention, "retention"));
    String reply =
        eval("complete", COMPLETE, claim.key(), "p:" + claim.token(), "c:" + claim.token(), px);
    if (!reply.equals("COMPLETED") && !reply.equals("NOT_HELD")) {
      throw unexpected("complete", reply);
    }
  }

  @Override
  public void release(Claim claim) throws IdempotencyStoreException {
    String reply = eval("release", RELEASE, claim.key(), "p:" + claim.token());
    if (!reply.equals("RELEASED") && !reply.equals("NOT_HELD")) {
      throw unexpected("release", reply);
    }
  }

  /** Runs {@code script} and returns its string reply; any other reply is a store failure. */
  private String eval(String what, String script, DeliveryKey key, String... args)
      throws IdempotencyStoreException {
    Object reply;
    try {
      reply = redis.eval(script, List.of(prefix + key.value()), List.of(args));
    } catch (Exception e) {
      throw new IdempotencyStoreException("redis " + what + " failed", e);
    }
    if (reply instanceof String) {
      return (String) reply;
    }
    if (reply instanceof byte[]) {
      return new String((byte[]) reply, StandardCharsets.US_ASCII);
    }
    String type = reply == null ? "null" : reply.getClass().getSimpleName();
    throw new IdempotencyStoreException("unexpected reply to " + what + ": " + type);
  }

  private static IdempotencyStoreException unexpected(String what, String reply) {
    // The reply is one of our scripts' words or garbage from a misconfigured adapter: print its
    // length, not its content.
    return new IdempotencyStoreException(
        "unexpected reply to " + what + ": a string of " + reply.length() + " characters");
  }

  @Override
  public String toString() {
    return "RedisIdempotencyStore{" + prefix + "}";
  }
}
