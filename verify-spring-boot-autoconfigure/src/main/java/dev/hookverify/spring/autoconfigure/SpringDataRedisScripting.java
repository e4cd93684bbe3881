package dev.hookverify.spring.autoconfigure;

import dev.hookverify.idempotency.RedisScripting;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link RedisScripting} through Spring Data Redis, on whichever client the application's {@link
 * RedisConnectionFactory} uses (Lettuce by default, Jedis, single node or cluster). The store's
 * scripts always reply with a string, so one reply type serves them all. Scripts run by {@code
 * EVALSHA}, falling back to {@code EVAL} once per server. Thread-safe.
 */
final class SpringDataRedisScripting implements RedisScripting {
  private final StringRedisTemplate redis;
  private final Map<String, RedisScript<String>> scripts = new ConcurrentHashMap<>();

  SpringDataRedisScripting(RedisConnectionFactory connectionFactory) {
    this.redis = new StringRedisTemplate(connectionFactory);
  }

  @Override
  public Object eval(String script, List<String> keys, List<String> args) {
    RedisScript<String> compiled =
        scripts.computeIfAbsent(script, s -> RedisScript.of(s, String.class));
    return redis.execute(compiled, keys, args.toArray());
  }

  @Override
  public String toString() {
    return "SpringDataRedisScripting{" + redis.getConnectionFactory() + "}";
  }
}
