package dev.hookverify.internal;

import static java.util.Objects.requireNonNull;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Stateful objects that are expensive to make ({@code Mac}, {@code MessageDigest}), reused across
 * verifications: one per platform thread, as before, and for virtual threads a bounded pool.
 *
 * <p>A platform thread serves request after request, so its own instance costs one lookup and is
 * made once. A virtual thread usually serves one request and ends: an instance per thread would be
 * made for every request and dropped with the thread. Virtual threads therefore take an instance
 * from a lock-free array of {@link #capacity()} slots (a few per core, so it never grows with the
 * number of threads), make one when it is empty, and give it back; one given back to a full pool is
 * dropped.
 *
 * <p>Every {@link #take()} must be followed by {@link #give} on the same thread, with the instance
 * reset, once the caller is done with it. Thread-safe.
 */
public final class Reusable<T> {
  /** {@code Thread.isVirtual()} on JDK 21 and later; null before, where no thread is virtual. */
  private static final MethodHandle IS_VIRTUAL = isVirtualMethod();

  private static final int CAPACITY = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

  private final Supplier<T> factory;
  private final ThreadLocal<T> perThread;
  private final AtomicReferenceArray<T> pool = new AtomicReferenceArray<>(CAPACITY);

  /** Instances made by {@code factory}, which returns a fresh, ready instance on every call. */
  public Reusable(Supplier<T> factory) {
    this.factory = requireNonNull(factory, "factory");
    this.perThread = ThreadLocal.withInitial(factory);
  }

  /** The number of pooled instances kept for virtual threads, at most. */
  public static int capacity() {
    return CAPACITY;
  }

  /** Whether the current thread is virtual. */
  public static boolean onVirtualThread() {
    if (IS_VIRTUAL == null) {
      return false;
    }
    try {
      return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
    } catch (Throwable e) {
      throw new IllegalStateException("Thread.isVirtual failed", e);
    }
  }

  /** An instance for the current thread's exclusive use until it is given back. */
  public T take() {
    if (!onVirtualThread()) {
      return perThread.get();
    }
    int start = Thread.currentThread().hashCode(); // spreads concurrent threads over the slots
    for (int i = 0; i < CAPACITY; i++) {
      int slot = Math.floorMod(start + i, CAPACITY);
      T spare = pool.get(slot);
      if (spare != null && pool.compareAndSet(slot, spare, null)) {
        return spare;
      }
    }
    return factory.get();
  }

  /** Gives back {@code instance}, reset, from the thread that took it. */
  public void give(T instance) {
    if (!onVirtualThread()) {
      return; // the thread's own instance stays with it
    }
    int start = Thread.currentThread().hashCode();
    for (int i = 0; i < CAPACITY; i++) {
      int slot = Math.floorMod(start + i, CAPACITY);
      if (pool.get(slot) == null && pool.compareAndSet(slot, null, instance)) {
        return;
      }
    }
    // Full: dropped, so the pool never holds more than CAPACITY instances.
  }

  /** How many instances the pool holds now (virtual threads' spares); for tests. */
  public int pooled() {
    int count = 0;
    for (int i = 0; i < CAPACITY; i++) {
      count += pool.get(i) == null ? 0 : 1;
    }
    return count;
  }

  private static MethodHandle isVirtualMethod() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null; // JDK 17 to 20: no virtual threads
    }
  }
}
