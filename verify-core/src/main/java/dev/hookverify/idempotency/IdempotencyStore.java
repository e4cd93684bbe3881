package dev.hookverify.idempotency;

import java.time.Duration;

/**
 * Remembers which deliveries have been claimed, so a sender's retry or an attacker's replay is
 * processed at most once while the first attempt runs or after it succeeded, and processed again if
 * the first attempt failed.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #claim} is atomic: of any number of concurrent claims of one key, across threads
 *       and, for shared stores, across processes, exactly one returns {@link ClaimOutcome#NEW}. The
 *       others see {@link ClaimOutcome#IN_PROGRESS} or {@link ClaimOutcome#COMPLETED}.
 *   <li>A claim that is neither completed nor released expires after its {@code ttl} and the key
 *       can be claimed again: a handler that crashed does not block the sender's retries forever.
 *   <li>{@link #complete} keeps the key as {@code COMPLETED} for {@code retention}, which should
 *       cover the sender's whole retry window. {@link #release} forgets the key so the next retry
 *       wins. Both act only if {@code claim} still holds the key (its token matches); a claim that
 *       already expired and was taken over is left alone.
 *   <li>Any failure to reach or use the backing store is an {@link IdempotencyStoreException}; the
 *       caller rejects the delivery (fail closed) so the sender retries and nothing is lost.
 *   <li>{@code ttl} and {@code retention} are positive; zero or negative is refused with {@link
 *       IllegalArgumentException} (a claim that expires at once would let concurrent claims all
 *       win). A duration longer than the store can represent is kept for as long as it can (the
 *       shipped stores: rounded up to whole milliseconds, at most 100 years), never wrapped around
 *       into the past and never an error on every call.
 * </ul>
 *
 * <p>Implementations are thread-safe. Keys are at most {@value DeliveryKey#MAX_LENGTH} characters
 * of printable ASCII.
 */
public interface IdempotencyStore {
  /**
   * Claims {@code key} for processing, for at most {@code ttl}.
   *
   * @return the outcome; {@link Claim#isWon()} when this caller should process the delivery
   * @throws IllegalArgumentException if {@code ttl} is zero or negative
   * @throws IdempotencyStoreException if the store cannot answer
   */
  Claim claim(DeliveryKey key, Duration ttl) throws IdempotencyStoreException;

  /**
   * Marks a won claim as processed, remembered for {@code retention}.
   *
   * @throws IllegalArgumentException if {@code retention} is zero or negative
   * @throws IdempotencyStoreException if the store cannot answer
   */
  void complete(Claim claim, Duration retention) throws IdempotencyStoreException;

  /**
   * Forgets a won claim after its processing failed, so the sender's retry is processed.
   *
   * @throws IdempotencyStoreException if the store cannot answer
   */
  void release(Claim claim) throws IdempotencyStoreException;
}
