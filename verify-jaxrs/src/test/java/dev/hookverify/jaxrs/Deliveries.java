package dev.hookverify.jaxrs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many times the resources' handlers ran, per delivery. Thread-safe. */
final class Deliveries {
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  /** Counts a call for {@code key}; returns the count including this one. */
  int handle(String key) {
    return calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
  }

  int count(String key) {
    AtomicInteger count = calls.get(key);
    return count == null ? 0 : count.get();
  }
}
