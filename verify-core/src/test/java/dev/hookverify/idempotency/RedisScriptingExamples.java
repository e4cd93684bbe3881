package dev.hookverify.idempotency;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;

/**
 * {@link RedisScripting}'s Javadoc examples, compiled: each method body is one {@code <pre>} block
 * of that Javadoc, line for line ({@link RedisScriptingTest} checks it), and {@link
 * RedisIdempotencyStoreTest} runs the store contract through each adapter against real servers.
 */
final class RedisScriptingExamples {
  private RedisScriptingExamples() {}

  static RedisScripting jedis(String host, int port) {
    JedisPooled jedis = new JedisPooled(host, port);
    RedisScripting redis = jedis::eval;
    return redis;
  }

  static RedisScripting jedisCluster(String host, int port) {
    JedisCluster cluster = new JedisCluster(new HostAndPort(host, port));
    RedisScripting redis = cluster::eval;
    return redis;
  }

  static RedisScripting lettuce(String uri) {
    RedisCommands<String, String> commands = RedisClient.create(uri).connect().sync();
    RedisScripting redis =
        (script, keys, args) ->
            commands.eval(
                script,
                ScriptOutputType.VALUE,
                keys.toArray(new String[0]),
                args.toArray(new String[0]));
    return redis;
  }

  static RedisScripting lettuceCluster(String uri) {
    RedisAdvancedClusterCommands<String, String> commands =
        RedisClusterClient.create(uri).connect().sync();
    RedisScripting redis =
        (script, keys, args) ->
            commands.eval(
                script,
                ScriptOutputType.VALUE,
                keys.toArray(new String[0]),
                args.toArray(new String[0]));
    return redis;
  }
}
