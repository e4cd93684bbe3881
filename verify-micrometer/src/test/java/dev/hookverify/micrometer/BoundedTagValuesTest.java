package dev.hookverify.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedTagValuesTest {
  @Test
  void admit_upToTheLimit_keepsValuesThenAnswersOther() {
    BoundedTagValues values = new BoundedTagValues(2);
    assertThat(values.admit("a")).isEqualTo("a");
    assertThat(values.admit("b")).isEqualTo("b");
    assertThat(values.admit("c")).isEqualTo("other");
    // Values admitted before the limit stay themselves.
    assertThat(values.admit("a")).isEqualTo("a");
    assertThat(values.admit("b")).isEqualTo("b");
    assertThat(values.admit("c")).isEqualTo("other");
  }

  @Test
  void admit_null_isNoneAndTakesNoPlace() {
    BoundedTagValues values = new BoundedTagValues(1);
    assertThat(values.admit(null)).isEqualTo("none");
    assertThat(values.admit("a")).isEqualTo("a");
    assertThat(values.admit(null)).isEqualTo("none");
  }

  @Test
  void admit_manyThreadsRacingOnNewValues_admitsExactlyTheLimit() throws Exception {
    int threads = 8;
    int max = 50;
    BoundedTagValues values = new BoundedTagValues(max);
    Set<String> answers = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < 1000; i++) {
                    answers.add(values.admit("v-" + i));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(1, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(answers).hasSize(max + 1).contains("other");
  }
}
