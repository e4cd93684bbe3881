package dev.hookverify.benchmarks;

import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.RedisIdempotencyStore;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;
import redis.embedded.RedisServer;

/**
 * A claim in the Redis store against its floor, through one {@code JedisPooled} client on a {@code
 * redis-server} on loopback: {@code HOOKVERIFY} is {@link RedisIdempotencyStore#claim} of a key
 * never claimed (its script, {@code EVAL}, as {@code RedisScripting}'s Jedis example plugs it in);
 * {@code FLOOR} is one bare {@code SET key value NX PX ttl} of the same key and a value of the same
 * length. Keys come from a counter, so every operation is a first claim; the database is flushed
 * before each iteration.
 *
 * <p>Sample time: {@code StoreReport} compares the medians, which a few operations delayed by other
 * processes on a shared machine do not move.
 *
 * <p>Run: {@code java -jar verify-benchmarks/target/benchmarks.jar RedisStoreBenchmark -p redis=V7}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RedisStoreBenchmark {
  /** Who claims. */
  public enum Implementation {
    HOOKVERIFY,
    FLOOR
  }

  /** The server: 6.2 (embedded-redis's binary) or 7.x ({@code /usr/bin/redis-server}). */
  public enum Redis {
    V6_2,
    V7
  }

  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final String FLOOR_VALUE = "p:AAAAAAAAAAAAAAAAAAAAAA"; // "p:" and a token
  private static final SetParams NX_PX = SetParams.setParams().nx().px(LEASE.toMillis());

  @Param public Implementation implementation;

  @Param({"V7"})
  public Redis redis;

  private final AtomicLong counter = new AtomicLong();
  private RedisServer server;
  private JedisPooled jedis;
  private RedisIdempotencyStore store;
  private Claimant claimant;

  @Setup(Level.Trial)
  public void startServer() throws IOException {
    server = StoreServers.startRedis(redis);
    jedis = new JedisPooled("127.0.0.1", server.ports().get(0));
    store = new RedisIdempotencyStore(jedis::eval);
    claimant =
        switch (implementation) {
          case HOOKVERIFY -> this::storeClaim;
          case FLOOR -> this::set;
        };
  }

  @Setup(Level.Iteration)
  public void emptyDatabase() {
    jedis.flushDB();
  }

  @TearDown(Level.Trial)
  public void stopServer() throws IOException {
    jedis.close();
    server.stop();
  }

  @Benchmark
  public Object claim() throws Exception {
    return claimant.claim();
  }

  private Object storeClaim() throws Exception {
    return store.claim(DeliveryKey.of("bench", Long.toString(counter.incrementAndGet())), LEASE);
  }

  /** The floor: the store's key for the same delivery, one {@code SET NX PX}. */
  private Object set() {
    return jedis.set("hookverify:bench:" + counter.incrementAndGet(), FLOOR_VALUE, NX_PX);
  }

  /** One operation, chosen in {@code startServer} so the measured method does not branch. */
  @FunctionalInterface
  interface Claimant {
    Object claim() throws Exception;
  }
}
