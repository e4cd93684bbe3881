package dev.hookverify.spring.autoconfigure.reactive;

import dev.hookverify.VerificationEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What reached the test application's handlers, by endpoint and body, with what each handler read;
 * and what the verifiers' listeners and the store saw. Thread-safe.
 */
final class Deliveries {
  final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();

  /** Bodies whose {@code @RequestBody} differed from the verified webhook's bytes. */
  final List<String> mismatches = new CopyOnWriteArrayList<>();

  final List<VerificationEvent> events = new CopyOnWriteArrayList<>();

  /** Thread names of the verifier's listener calls and the store's claims and settlements. */
  final List<String> verifierThreads = new CopyOnWriteArrayList<>();

  /** Records a call; returns how many times {@code endpoint} had seen {@code body} before. */
  int record(String endpoint, String body) {
    return handled
        .computeIfAbsent(endpoint + " " + body, k -> new AtomicInteger())
        .getAndIncrement();
  }

  int count(String endpoint, String body) {
    AtomicInteger count = handled.get(endpoint + " " + body);
    return count == null ? 0 : count.get();
  }

  int count(String endpoint) {
    return handled.entrySet().stream()
        .filter(e -> e.getKey().startsWith(endpoint + " "))
        .mapToInt(e -> e.getValue().get())
        .sum();
  }
}
