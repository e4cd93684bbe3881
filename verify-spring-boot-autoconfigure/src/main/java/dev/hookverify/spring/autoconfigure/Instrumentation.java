package dev.hookverify.spring.autoconfigure;

import dev.hookverify.VerificationListener;
import dev.hookverify.idempotency.IdempotencyStore;

/**
 * What observes the endpoints besides logging: Micrometer, when present. An interface so that the
 * endpoint factory never loads Micrometer's classes. Implementations are thread-safe.
 */
interface Instrumentation {
  /** The listener recording {@code endpoint}'s verifications. */
  VerificationListener listener(String endpoint);

  /** {@code store}, recorded under {@code storeName}. */
  IdempotencyStore store(IdempotencyStore store, String storeName);
}
