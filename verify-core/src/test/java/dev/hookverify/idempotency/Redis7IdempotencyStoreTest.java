package dev.hookverify.idempotency;

import dev.hookverify.testing.RedisServers.Version;

/**
 * The Redis store's tests and its whole contract, through Jedis and Lettuce, on a Redis 7 single
 * node and a Redis 7 cluster of three masters.
 */
class Redis7IdempotencyStoreTest extends RedisIdempotencyStoreTest {
  @Override
  Version version() {
    return Version.V7;
  }
}
