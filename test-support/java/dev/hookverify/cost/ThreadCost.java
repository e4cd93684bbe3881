package dev.hookverify.cost;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;

/**
 * What the current thread has spent so far: bytes allocated (HotSpot's per-thread counter, read
 * reflectively because jdk.management is optional) and CPU time. Deterministic where wall-clock
 * time is not, so flood tests can state bounds on it.
 */
public final class ThreadCost {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Method ALLOCATED;

  static {
    Method method;
    try {
      method =
          Class.forName("com.sun.management.ThreadMXBean")
              .getMethod("getCurrentThreadAllocatedBytes");
    } catch (ReflectiveOperationException e) {
      method = null;
    }
    ALLOCATED = method;
  }

  private ThreadCost() {}

  /** Whether this JVM counts allocation per thread (HotSpot does). */
  public static boolean isAvailable() {
    return ALLOCATED != null;
  }

  /** Bytes allocated by this thread so far. */
  public static long allocatedBytes() {
    if (ALLOCATED == null) {
      throw new IllegalStateException("this JVM has no per-thread allocation counter");
    }
    try {
      return (long) ALLOCATED.invoke(THREADS);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** CPU time this thread has used so far, in nanoseconds. */
  public static long cpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }
}
