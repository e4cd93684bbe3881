package dev.hookverify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Reusable}: one instance per platform thread, a bounded pool for virtual threads, and never
 * one instance in two threads' hands at once. The virtual-thread tests run on JDK 21 and later
 * (skipped on 17, where there are none): {@code JAVA_HOME=<jdk 25> mvn -pl verify-core test
 * -Dtest=ReusableTest}.
 */
public class ReusableTest {
  private static final int THREADS = 10_000;

  /** An instance that knows whether someone holds it. */
  private static final class Held {
    final AtomicBoolean inUse = new AtomicBoolean();
  }

  @Test
  void take_platformThread_sameInstanceEveryTimeAndNothingPooled() {
    AtomicInteger made = new AtomicInteger();
    Reusable<Held> reusable = new Reusable<>(() -> counted(made));
    Held first = reusable.take();
    reusable.give(first);
    Held second = reusable.take();
    reusable.give(second);

    assertThat(second).isSameAs(first);
    assertThat(made).hasValue(1);
    assertThat(reusable.pooled()).isZero();
  }

  @Test
  void take_freshPlatformThreads_poolStaysEmpty() throws Exception {
    AtomicInteger made = new AtomicInteger();
    Reusable<Held> reusable = new Reusable<>(() -> counted(made));
    List<Throwable> failures = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      Thread thread = new Thread(() -> use(reusable, false));
      thread.setUncaughtExceptionHandler((t, e) -> failures.add(e));
      thread.start();
      thread.join();
    }

    assertThat(failures).isEmpty();
    assertThat(reusable.pooled()).isZero(); // each platform thread's own went with it
  }

  @Test
  void take_tenThousandFreshVirtualThreads_reusesAFewBoundedInstances() throws Exception {
    AtomicInteger made = new AtomicInteger();
    Reusable<Held> reusable = new Reusable<>(() -> counted(made));
    onFreshVirtualThreads(() -> use(reusable, false));

    assertThat(reusable.pooled()).isBetween(1, Reusable.capacity());
    // Without the pool, every thread would have made its own.
    assertThat(made.get()).isLessThan(THREADS / 10);
  }

  @Test
  void take_virtualThreadsHoldingAtOnce_neverShareAnInstanceAndPoolStaysBounded() throws Exception {
    Reusable<Held> reusable = new Reusable<>(Held::new);
    onFreshVirtualThreads(() -> use(reusable, true)); // each yields while it holds one

    assertThat(reusable.pooled()).isBetween(1, Reusable.capacity());
  }

  @Test
  void give_fullPool_dropsTheSurplus() throws Exception {
    ExecutorService virtual = virtualThreadPerTask();
    Reusable<Held> reusable = new Reusable<>(Held::new);
    try {
      virtual
          .submit(
              () -> {
                for (int i = 0; i < 3 * Reusable.capacity(); i++) {
                  reusable.give(new Held());
                }
              })
          .get();
    } finally {
      virtual.shutdown();
    }

    assertThat(reusable.pooled()).isEqualTo(Reusable.capacity());
  }

  private static Held counted(AtomicInteger made) {
    made.incrementAndGet();
    return new Held();
  }

  /** Takes, uses, gives back; fails if another thread held it at the same time. */
  private static void use(Reusable<Held> reusable, boolean yieldWhileHolding) {
    Held held = reusable.take();
    if (!held.inUse.compareAndSet(false, true)) {
      throw new AssertionError("an instance was handed to two threads at once");
    }
    if (yieldWhileHolding) {
      Thread.yield(); // lets thousands of threads hold one at the same time
    }
    held.inUse.set(false);
    reusable.give(held);
  }

  /** {@value #THREADS} tasks, each on a new virtual thread; rethrows the first failure. */
  private static void onFreshVirtualThreads(Runnable task) throws Exception {
    ExecutorService virtual = virtualThreadPerTask();
    List<Future<?>> running = new ArrayList<>();
    try {
      for (int i = 0; i < THREADS; i++) {
        running.add(virtual.submit(task));
      }
      for (Future<?> request : running) {
        request.get();
      }
    } finally {
      virtual.shutdown();
    }
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()}; the test is skipped before JDK 21. */
  public static ExecutorService virtualThreadPerTask() {
    assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    try {
      return (ExecutorService)
          MethodHandles.publicLookup()
              .findStatic(
                  java.util.concurrent.Executors.class,
                  "newVirtualThreadPerTaskExecutor",
                  MethodType.methodType(ExecutorService.class))
              .invoke();
    } catch (Throwable e) {
      throw new AssertionError("no virtual threads on JDK " + Runtime.version(), e);
    }
  }
}
