package dev.hookverify;

import dev.hookverify.internal.Reusable;
import dev.hookverify.internal.Sha256;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Mac;

/**
 * One key of a {@link KeyRing}, with the state prepared from it: per algorithm, {@link Mac}s cloned
 * from an initialised prototype (so no key schedule runs per webhook), one per platform thread and
 * a bounded pool for virtual threads ({@link Reusable}), and the SHA-256 digest used to compare
 * tokens in constant time.
 */
final class KeyEntry {
  private final String id;
  private final WebhookSecret secret;
  private final Instant notBefore;
  private final Instant notAfter;
  private final AtomicReferenceArray<Reusable<Mac>> macs =
      new AtomicReferenceArray<>(HmacAlgorithm.values().length);
  private volatile byte[] tokenDigest;

  KeyEntry(String id, WebhookSecret secret, Instant notBefore, Instant notAfter) {
    this.id = id;
    this.secret = secret;
    this.notBefore = notBefore;
    this.notAfter = notAfter;
  }

  String id() {
    return id;
  }

  boolean isActive(Instant now) {
    return !now.isBefore(notBefore) && now.isBefore(notAfter);
  }

  /**
   * A {@link Mac} for {@code algorithm}, reset and keyed, for this thread's use until {@link
   * #release}; the same one on every call from a platform thread. The first call per algorithm
   * builds the prototype; {@link HmacAuthenticator} makes that call at build time.
   */
  Mac mac(HmacAlgorithm algorithm) throws GeneralSecurityException {
    Mac mac = macs(algorithm).take();
    mac.reset(); // free on a clean Mac; a caller that never reached release cannot leave bytes
    return mac;
  }

  /**
   * Gives back {@code mac}, from {@link #mac} on this thread. Not giving it back is safe: the next
   * virtual thread clones another.
   */
  void release(HmacAlgorithm algorithm, Mac mac) {
    mac.reset(); // nearly free after doFinal; no bytes of an interrupted webhook reach the next one
    macs.get(algorithm.ordinal()).give(mac);
  }

  /** The Macs of {@code algorithm}; for tests of their bounds. */
  Reusable<Mac> macs(HmacAlgorithm algorithm) throws GeneralSecurityException {
    Reusable<Mac> reusable = macs.get(algorithm.ordinal());
    return reusable != null ? reusable : prepare(algorithm);
  }

  private synchronized Reusable<Mac> prepare(HmacAlgorithm algorithm)
      throws GeneralSecurityException {
    Reusable<Mac> reusable = macs.get(algorithm.ordinal());
    if (reusable == null) {
      Mac prototype = algorithm.newMac(secret.bytes());
      reusable = new Reusable<>(() -> copy(prototype, algorithm));
      macs.set(algorithm.ordinal(), reusable);
    }
    return reusable;
  }

  private Mac copy(Mac prototype, HmacAlgorithm algorithm) {
    try {
      return (Mac) prototype.clone();
    } catch (CloneNotSupportedException e) {
      try {
        return algorithm.newMac(secret.bytes());
      } catch (GeneralSecurityException fatal) {
        throw new IllegalStateException(algorithm.jcaName() + " unavailable", fatal);
      }
    }
  }

  /**
   * The secret bytes themselves, for {@link SecretSuffixDigestAuthenticator}, which appends them to
   * the content it hashes; never handed out of core.
   */
  byte[] secretBytes() {
    return secret.bytes();
  }

  /** SHA-256 of the secret: tokens are compared digest to digest, whatever their lengths. */
  byte[] tokenDigest() {
    byte[] digest = tokenDigest;
    if (digest == null) {
      digest = Sha256.of(secret.bytes());
      tokenDigest = digest;
    }
    return digest;
  }

  @Override
  public String toString() {
    boolean always = notBefore.equals(Instant.MIN) && notAfter.equals(Instant.MAX);
    return id + (always ? "" : " [" + notBefore + ", " + notAfter + ")");
  }
}
