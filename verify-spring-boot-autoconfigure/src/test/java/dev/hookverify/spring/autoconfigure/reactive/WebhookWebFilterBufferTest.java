package dev.hookverify.spring.autoconfigure.reactive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.IdempotentVerifier;
import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.idempotency.Claim;
import dev.hookverify.idempotency.DeliveryKey;
import dev.hookverify.idempotency.IdempotencyStore;
import dev.hookverify.idempotency.IdempotencyStoreException;
import dev.hookverify.idempotency.InMemoryIdempotencyStore;
import dev.hookverify.providers.GitHub;
import dev.hookverify.providers.Providers;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every pooled Netty buffer the filter reads is released: the body is fed as several pooled
 * buffers, and each buffer's reference count is checked after the exchange, for a delivery that is
 * verified and read twice downstream, one that is rejected, one past the limit, and one whose
 * client goes away mid-body; and a claim won after the client went away is released, not held.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(20)
class WebhookWebFilterBufferTest {
  static {
    LeakWatch.install();
  }

  private static final String SECRET = "buffer-test-secret";
  private static final int LIMIT = 64;

  private final NettyDataBufferFactory pooled =
      new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);
  private final List<ByteBuf> emitted = new CopyOnWriteArrayList<>();

  @BeforeEach
  void forgetBuffers() {
    emitted.clear();
  }

  @AfterAll
  void noLeaks() throws InterruptedException {
    assertThat(LeakWatch.leaks()).isEmpty();
  }

  @Test
  void verified_everyBufferReleased_andTheReplayReadsTheSameBytesTwice() {
    byte[] body = "{\"id\":\"buffers\",\"pad\":\"0123456789\"}".getBytes(UTF_8);
    MockServerWebExchange exchange = exchange(sign(body), chunks(body, 7));
    List<String> reads = new ArrayList<>();
    WebFilterChain chain =
        verified ->
            read(verified.getRequest().getBody())
                .doOnNext(reads::add)
                .then(read(verified.getRequest().getBody()).doOnNext(reads::add))
                .then();

    filter(WebhookWebFilter.builder(github(1024)).path("/hook").build(), exchange, chain);

    assertThat(reads).containsExactly(new String(body, UTF_8), new String(body, UTF_8));
    assertAllReleased();
  }

  @Test
  void forged_rejected_everyBufferReleased() {
    byte[] body = "{\"id\":\"forged\"}".getBytes(UTF_8);
    SignedDelivery genuine = sign("{\"id\":\"genuine\"}".getBytes(UTF_8));
    MockServerWebExchange exchange = exchange(genuine, chunks(body, 5));

    filter(WebhookWebFilter.builder(github(1024)).path("/hook").build(), exchange, unreachable());

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatusCode.valueOf(401));
    assertAllReleased();
  }

  @Test
  void pastTheLimit_is413_everyBufferReadReleased() {
    byte[] body = new byte[5 * LIMIT];
    Arrays.fill(body, (byte) 'a');
    MockServerWebExchange exchange = exchange(sign(body), chunks(body, 40));

    filter(WebhookWebFilter.builder(github(LIMIT)).path("/hook").build(), exchange, unreachable());

    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatusCode.valueOf(413));
    assertThat(emitted).hasSizeLessThan(5); // reading stopped once the limit was passed
    assertAllReleased();
  }

  @Test
  void clientGoesAwayMidBody_theBuffersReadSoFarAreReleased() {
    byte[] first = "{\"id\":".getBytes(UTF_8);
    Flux<DataBuffer> hanging =
        Flux.concat(Flux.just(first).map(this::track), Flux.never()); // the rest never arrives
    MockServerWebExchange exchange = exchange(sign(first), hanging);

    Disposable subscription =
        WebhookWebFilter.builder(github(1024))
            .path("/hook")
            .build()
            .filter(exchange, unreachable())
            .subscribe();
    subscription.dispose();

    assertThat(emitted).hasSize(1);
    assertAllReleased();
  }

  @Test
  void claimWonAfterTheClientWentAway_isReleased() throws Exception {
    byte[] body = "{\"id\":\"late-claim\"}".getBytes(UTF_8);
    CountDownLatch claiming = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    IdempotencyStore memory = new InMemoryIdempotencyStore(10);
    AtomicReference<String> handled = new AtomicReference<>();
    IdempotencyStore slow =
        new IdempotencyStore() {
          @Override
          public Claim claim(DeliveryKey key, Duration ttl) throws IdempotencyStoreException {
            claiming.countDown();
            await(proceed);
            return memory.claim(key, ttl);
          }

          @Override
          public void complete(Claim claim, Duration retention) throws IdempotencyStoreException {
            memory.complete(claim, retention);
          }

          @Override
          public void release(Claim claim) throws IdempotencyStoreException {
            memory.release(claim);
            released.countDown();
          }
        };
    WebhookWebFilter filter =
        WebhookWebFilter.builder(IdempotentVerifier.builder(github(1024), slow).build())
            .path("/hook")
            .build();

    Disposable subscription =
        filter
            .filter(
                exchange(sign(body), chunks(body, 8)),
                verified -> Mono.fromRunnable(() -> handled.set("called")))
            .subscribe();
    assertThat(claiming.await(5, TimeUnit.SECONDS)).isTrue();
    subscription.dispose(); // the client goes away while the store is claiming
    proceed.countDown();

    assertThat(released.await(5, TimeUnit.SECONDS)).as("the late claim is released").isTrue();
    assertThat(handled.get()).isNull();
    assertAllReleased();
  }

  // Helpers.

  private void filter(WebhookWebFilter filter, MockServerWebExchange exchange, WebFilterChain c) {
    filter.filter(exchange, c).block(Duration.ofSeconds(10));
  }

  private void assertAllReleased() {
    assertThat(emitted).isNotEmpty();
    assertThat(emitted).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
  }

  private static WebFilterChain unreachable() {
    return exchange -> Mono.error(new AssertionError("the handler must not be called"));
  }

  private static Mono<String> read(Flux<DataBuffer> body) {
    return DataBufferUtils.join(body)
        .map(
            buffer -> {
              String text = buffer.toString(UTF_8);
              DataBufferUtils.release(buffer);
              return text;
            });
  }

  /** {@code body} as pooled Netty buffers of {@code size} bytes, each tracked once emitted. */
  private Flux<DataBuffer> chunks(byte[] body, int size) {
    List<byte[]> parts = new ArrayList<>();
    for (int from = 0; from < body.length; from += size) {
      parts.add(Arrays.copyOfRange(body, from, Math.min(body.length, from + size)));
    }
    return Flux.fromIterable(parts).map(this::track);
  }

  private DataBuffer track(byte[] bytes) {
    DataBuffer buffer = pooled.allocateBuffer(bytes.length).write(bytes);
    emitted.add(NettyDataBufferFactory.toByteBuf(buffer));
    return buffer;
  }

  private static MockServerWebExchange exchange(SignedDelivery delivery, Flux<DataBuffer> body) {
    MockServerHttpRequest.BodyBuilder request = MockServerHttpRequest.post("/hook");
    delivery.headers().forEach((name, value) -> request.header(name, value));
    return MockServerWebExchange.from(request.body(body));
  }

  private static SignedDelivery sign(byte[] body) {
    return Providers.byName("github").sender().sign(SECRET, OutgoingWebhook.builder(body).build());
  }

  private static WebhookVerifier github(int limit) {
    return GitHub.builder(KeyRing.of(WebhookSecret.ofUtf8(SECRET))).maxBodyBytes(limit).build();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
