package dev.hookverify.idempotency;

import java.util.List;

/**
 * The one Redis call {@link RedisIdempotencyStore} needs: run a Lua script with {@code EVAL}. It
 * keeps core free of any Redis client; plug in the one you use:
 *
 * <pre>{@code
 * // Jedis (JedisPooled, UnifiedJedis, Jedis)
 * RedisScripting redis = jedis::eval;
 * // Lettuce (RedisCommands<String, String>)
 * RedisScripting redis = (script, keys, args) -> commands.eval(
 *     script, ScriptOutputType.VALUE, keys.toArray(new String[0]), args.toArray(new String[0]));
 * }</pre>
 *
 * <p>Why a script and not a plain {@code SET key value NX PX ttl}: the claim is exactly that {@code
 * SET}, but {@code complete} and {@code release} must only touch a key this claimer still holds
 * (compare-and-set on the claim token), and a lost claim must tell in-progress from completed in
 * the same atomic step. Only a script does both in one round trip.
 *
 * <p>Contract: return the script's reply as the client maps it (a {@code String} or {@code Long}
 * here); throw anything on failure, which the store reports as {@link IdempotencyStoreException}.
 * Thread-safe if the client is (use a pool).
 */
@FunctionalInterface
public interface RedisScripting {
  /** Runs {@code EVAL script numkeys keys... args...} and returns its reply. */
  Object eval(String script, List<String> keys, List<String> args) throws Exception;
}
