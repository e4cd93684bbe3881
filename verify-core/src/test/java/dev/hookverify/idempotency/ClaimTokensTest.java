package dev.hookverify.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookverify.internal.ReusableTest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Claim tokens: the documented format, and unique when drawn from many threads at once. */
class ClaimTokensTest {
  @Test
  void newToken_is128BitsBase64UrlWithoutPadding() {
    for (int i = 0; i < 1_000; i++) {
      String token = Claim.newToken();
      assertThat(token).hasSize(22).matches("[A-Za-z0-9_-]{22}");
      assertThat(Base64.getUrlDecoder().decode(token)).hasSize(16);
    }
  }

  @Test
  void newToken_fromManyThreadsAtOnce_neverRepeats() throws Exception {
    int threads = 8;
    int perThread = 20_000;
    Set<String> tokens = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    tokens.add(Claim.newToken());
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(tokens).hasSize(threads * perThread);
  }

  @Test
  void newToken_onManyFreshVirtualThreads_neverRepeats() throws Exception {
    // Virtual threads share a small pool of generators: each is used by one thread at a time.
    int requests = 20_000;
    Set<String> tokens = ConcurrentHashMap.newKeySet();
    ExecutorService virtual = ReusableTest.virtualThreadPerTask();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        done.add(virtual.submit(() -> tokens.add(Claim.newToken())));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      virtual.shutdown();
    }
    assertThat(tokens).hasSize(requests);
  }
}
