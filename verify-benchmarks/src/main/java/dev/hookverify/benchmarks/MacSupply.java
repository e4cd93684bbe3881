package dev.hookverify.benchmarks;

import dev.hookverify.internal.Reusable;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a verification gets its keyed {@link Mac}, as {@code MacStrategyBenchmark} and {@code
 * VirtualThreadBenchmark} compare them: each strategy computes one HMAC-SHA256 of the body the way
 * the engine would, taking the Mac and giving it back.
 */
public final class MacSupply {
  private MacSupply() {}

  /** The candidates. */
  public enum Strategy {
    /** A {@code ThreadLocal<Mac>}: what the engine did before virtual threads were considered. */
    PER_THREAD,
    /** A clone of the keyed prototype per call. */
    CLONE,
    /** A bounded lock-free pool for every thread, a clone when it is empty. */
    POOL,
    /** What {@code KeyEntry} does: per platform thread, the bounded pool on virtual threads. */
    REUSABLE,
    /** No Mac at all: the cost of the thread or hand-off alone. */
    NONE,
    /** A new {@code Mac.getInstance} and {@code init} per call. */
    NEW_INSTANCE
  }

  static final byte[] KEY = "mac-strategy-key".getBytes(StandardCharsets.UTF_8);

  /** One HMAC of the body per call, with the Mac obtained as the strategy does. */
  @FunctionalInterface
  interface Source {
    byte[] hmac(byte[] body) throws Exception;
  }

  static Source source(Strategy strategy) throws Exception {
    Mac prototype = newInstance();
    return switch (strategy) {
      case PER_THREAD -> {
        ThreadLocal<Mac> perThread = ThreadLocal.withInitial(() -> copy(prototype));
        yield body -> perThread.get().doFinal(body);
      }
      case CLONE -> body -> copy(prototype).doFinal(body);
      case POOL -> {
        Pool pool = new Pool(Reusable.capacity());
        yield body -> {
          Mac mac = pool.take(prototype);
          byte[] tag = mac.doFinal(body);
          pool.give(mac);
          return tag;
        };
      }
      case REUSABLE -> {
        Reusable<Mac> macs = new Reusable<>(() -> copy(prototype));
        yield body -> {
          Mac mac = macs.take();
          byte[] tag = mac.doFinal(body);
          macs.give(mac);
          return tag;
        };
      }
      case NONE -> body -> body;
      case NEW_INSTANCE -> body -> newInstance().doFinal(body);
    };
  }

  static Mac newInstance() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    return mac;
  }

  static Mac copy(Mac prototype) {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The bounded pool alone, for every thread: slots taken and given back by compare-and-set. */
  static final class Pool {
    private final AtomicReferenceArray<Mac> slots;

    Pool(int capacity) {
      slots = new AtomicReferenceArray<>(capacity);
    }

    Mac take(Mac prototype) {
      int start = Thread.currentThread().hashCode();
      for (int i = 0; i < slots.length(); i++) {
        int slot = Math.floorMod(start + i, slots.length());
        Mac spare = slots.get(slot);
        if (spare != null && slots.compareAndSet(slot, spare, null)) {
          return spare;
        }
      }
      return copy(prototype);
    }

    void give(Mac mac) {
      int start = Thread.currentThread().hashCode();
      for (int i = 0; i < slots.length(); i++) {
        int slot = Math.floorMod(start + i, slots.length());
        if (slots.get(slot) == null && slots.compareAndSet(slot, null, mac)) {
          return;
        }
      }
    }
  }
}
