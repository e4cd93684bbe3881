package dev.hookverify.spring.autoconfigure.reactive;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector at its paranoid level (every buffer tracked), with a listener that records
 * each leak it reports. It must be installed before Netty creates its buffer detector, that is
 * before the first buffer is allocated in the JVM: every test class that touches Netty calls {@link
 * #install()} first, and {@link #canary()} proves the watch is live.
 */
final class LeakWatch {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
  private static boolean installed;

  private LeakWatch() {}

  static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new Listening());
  }

  /**
   * The leaks reported so far, after nudging the garbage collector and allocating (Netty reports a
   * collected, unreleased buffer on a later allocation).
   */
  static List<String> leaks() throws InterruptedException {
    for (int round = 0; round < 5; round++) {
      System.gc();
      Thread.sleep(50);
      for (int i = 0; i < 64; i++) {
        PooledByteBufAllocator.DEFAULT.buffer(16).release();
      }
    }
    return new ArrayList<>(LEAKS);
  }

  /** Leaks one buffer on purpose and returns whether the watch reported it; clears it after. */
  static boolean canary() throws InterruptedException {
    int before = leaks().size();
    leakOne();
    boolean seen = leaks().size() > before;
    LEAKS.clear();
    return seen;
  }

  private static void leakOne() {
    ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(16);
    leaked.writeInt(42); // dropped without release()
  }

  /** Creates Netty's detectors as usual, each with a listener recording its leak reports. */
  private static final class Listening extends ResourceLeakDetectorFactory {
    @Override
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
        Class<T> resource, int samplingInterval) {
      ResourceLeakDetector<T> detector = new ResourceLeakDetector<>(resource, samplingInterval);
      detector.setLeakListener((type, records) -> LEAKS.add(type + ": " + records));
      return detector;
    }

    @Override
    @SuppressWarnings("deprecation") // abstract, so it must be implemented
    public <T> ResourceLeakDetector<T> newResourceLeakDetector(
        Class<T> resource, int samplingInterval, long maxActive) {
      return newResourceLeakDetector(resource, samplingInterval);
    }
  }
}
