package dev.hookverify.idempotency;

import java.util.List;

/**
 * The one Redis call {@link RedisIdempotencyStore} needs: run a Lua script with {@code EVAL}. It
 * keeps core free of any Redis client; plug in the one you use.
 *
 * <p>Jedis, one node ({@code JedisPooled}, or any {@code UnifiedJedis}):
 *
 * <pre>{@code
 * JedisPooled jedis = new JedisPooled(host, port);
 * RedisScripting redis = jedis::eval;
 * }</pre>
 *
 * <p>Jedis, Redis Cluster (the script touches one key, so Jedis routes it to that key's node):
 *
 * <pre>{@code
 * JedisCluster cluster = new JedisCluster(new HostAndPort(host, port));
 * RedisScripting redis = cluster::eval;
 * }</pre>
 *
 * <p>Lettuce, one node (a connection is thread-safe; share one):
 *
 * <pre>{@code
 * RedisCommands<String, String> commands = RedisClient.create(uri).connect().sync();
 * RedisScripting redis =
 *     (script, keys, args) ->
 *         commands.eval(
 *             script,
 *             ScriptOutputType.VALUE,
 *             keys.toArray(new String[0]),
 *             args.toArray(new String[0]));
 * }</pre>
 *
 * <p>Lettuce, Redis Cluster:
 *
 * <pre>{@code
 * RedisAdvancedClusterCommands<String, String> commands =
 *     RedisClusterClient.create(uri).connect().sync();
 * RedisScripting redis =
 *     (script, keys, args) ->
 *         commands.eval(
 *             script,
 *             ScriptOutputType.VALUE,
 *             keys.toArray(new String[0]),
 *             args.toArray(new String[0]));
 * }</pre>
 *
 * <p>These examples are compiled and run against a real Redis server and a real Redis Cluster by
 * the store's tests, which also fail if this documentation and the tested code differ.
 *
 * <p>Why a script and not a plain {@code SET key value NX PX ttl}: the claim is exactly that {@code
 * SET}, but {@code complete} and {@code release} must only touch a key this claimer still holds
 * (compare-and-set on the claim token), and a lost claim must tell in-progress from completed in
 * the same atomic step. Only a script does both in one round trip.
 *
 * <p>Contract: every script the store runs touches exactly one key ({@code keys} has one element)
 * and replies with a string, never an integer or nil; return that reply as a {@code String} (or as
 * its bytes, a {@code byte[]}). Throw anything on failure, which the store reports as {@link
 * IdempotencyStoreException}; any other reply is one too. Thread-safe if the client is (use a pool
 * or a shared Lettuce connection).
 */
@FunctionalInterface
public interface RedisScripting {
  /** Runs {@code EVAL script numkeys keys... args...} and returns its reply. */
  Object eval(String script, List<String> keys, List<String> args) throws Exception;
}
