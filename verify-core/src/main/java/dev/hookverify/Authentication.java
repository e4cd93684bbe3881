package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What an {@link Authenticator} established about a request: how it was proven, with which key, for
 * which tenant, when it was signed, and what the proof covers. {@link WebhookVerifier} turns it
 * into a {@link VerifiedWebhook}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Authentication {
  private final Proof proof;
  private final String keyId;
  private final String tenant;
  private final Instant timestamp;
  private final Set<String> signedHeaders;
  private final boolean signsBody;
  private final byte[] fingerprint;

  Authentication(
      Proof proof,
      String keyId,
      String tenant,
      Instant timestamp,
      Set<String> signedHeaders,
      boolean signsBody,
      byte[] fingerprint) {
    this.proof = proof;
    this.keyId = keyId;
    this.tenant = tenant;
    this.timestamp = timestamp;
    this.signedHeaders = signedHeaders;
    this.signsBody = signsBody;
    this.fingerprint = fingerprint;
  }

  /**
   * A builder, for {@link Authenticator} implementations only, which must call it after the proof
   * checked out and never before.
   */
  public static Builder builder(Proof proof, String keyId) {
    return new Builder(proof, keyId);
  }

  /** How the request was proven. */
  public Proof proof() {
    return proof;
  }

  /** The id of the key that matched. */
  public String keyId() {
    return keyId;
  }

  /** The tenant whose key matched, if keys are per tenant. */
  public Optional<String> tenant() {
    return Optional.ofNullable(tenant);
  }

  /** The signed timestamp, if the scheme signs one. */
  public Optional<Instant> timestamp() {
    return Optional.ofNullable(timestamp);
  }

  /** Whether the value of header {@code lowerCaseName} is covered by the proof. */
  public boolean signsHeader(String lowerCaseName) {
    return proof.signsContent() && signedHeaders.contains(lowerCaseName);
  }

  /** Whether the body is covered by the proof. */
  public boolean signsBody() {
    return proof.signsContent() && signsBody;
  }

  /** The verified signature bytes, when asked for; the idempotency key is derived from them. */
  byte[] fingerprint() {
    return fingerprint;
  }

  /** Builds an {@link Authentication}. Not thread-safe. */
  public static final class Builder {
    private final Proof proof;
    private final String keyId;
    private String tenant;
    private Instant timestamp;
    private Set<String> signedHeaders = Set.of();
    private boolean signsBody;
    private byte[] fingerprint;

    private Builder(Proof proof, String keyId) {
      this.proof = requireNonNull(proof, "proof");
      this.keyId = requireNonNull(keyId, "keyId");
    }

    /** The tenant whose key matched. */
    public Builder tenant(String tenant) {
      this.tenant = tenant;
      return this;
    }

    /** The signed timestamp. */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = timestamp;
      return this;
    }

    /** What the signature covers. */
    public Builder covers(SignedContent content) {
      this.signedHeaders = content.signedHeaders();
      this.signsBody = content.signsBody();
      return this;
    }

    /**
     * The verified signature bytes (copied), from which the idempotency key of a delivery without a
     * signed id is derived. Only signatures, never tokens.
     */
    public Builder fingerprint(byte[] signature) {
      this.fingerprint = signature.clone();
      return this;
    }

    /** The authentication. */
    public Authentication build() {
      return new Authentication(
          proof, keyId, tenant, timestamp, signedHeaders, signsBody, fingerprint);
    }
  }
}
