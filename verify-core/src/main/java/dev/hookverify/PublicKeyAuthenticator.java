package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verifies a public-key signature (Ed25519, ECDSA) over a {@link SignedContent}, with the JDK's
 * JCA: the signature header goes through the same grammar and limits as HMAC schemes ({@link
 * SignatureHeader}), the timestamp is checked if the scheme signs one, and the content is fed to a
 * {@link Signature} per key, part by part, without a copy of the body.
 *
 * <p>The JCA provider is the JDK's unless one is handed in ({@link Builder#provider}), so core
 * needs no dependency; {@code verify-providers} hands in Bouncy Castle, which is several times
 * faster for Ed25519 and ECDSA on JDK 17.
 *
 * <p><b>Security guarantees.</b> A request is accepted only if one received signature verifies over
 * the exact signed content under one of the keys. A signature is never compared as text. Work on a
 * forged request is bounded: at most {@value #MAX_CANDIDATES} distinct signatures, each tried once
 * per key, over the body once per try (the JCA's Ed25519 buffers the message, so each try also
 * copies it). Which candidate or key verified does not change the delivery's idempotency key, so an
 * ECDSA signature malleated into {@code (r, n - s)} is a duplicate, not a new delivery.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PublicKeyAuthenticator implements Authenticator {
  /** The longest signature accepted, in bytes (an Ed25519 signature is 64, a P-521 DER one 139). */
  public static final int MAX_SIGNATURE_BYTES = 256;

  /**
   * The most distinct signatures one request may carry (a key rotation sends two or three). Each is
   * tried against every key over the whole signed content, so a forged request costs at most this
   * many passes over its body per key.
   */
  public static final int MAX_CANDIDATES = 3;

  private static final Attempt MISMATCH =
      Attempt.rejected(Reason.SIGNATURE_MISMATCH, "signature mismatch");

  private final String algorithm;
  private final SignatureHeader header;
  private final SignedContent content;
  private final SignedTimestamp timestamp;
  private final Map<String, PublicKey> keys;
  private final java.security.Provider provider;
  private final ThreadLocal<ParsedSignatures> scratch =
      ThreadLocal.withInitial(() -> new ParsedSignatures(0));
  private final Attempt undecodable;
  private final Attempt tooMany;

  private PublicKeyAuthenticator(Builder b) {
    this.algorithm = b.algorithm;
    this.header = b.header;
    this.content = b.content;
    this.timestamp =
        b.timestampHeader == null
            ? null
            : new SignedTimestamp(b.timestampHeader, b.timestampPolicy);
    this.keys = Map.copyOf(b.keys);
    this.provider = b.provider;
    this.undecodable =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE,
            "no signature in header " + header.names().get(0) + " decodes");
    this.tooMany =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE,
            "header "
                + header.names().get(0)
                + " carries more than "
                + MAX_CANDIDATES
                + " signatures");
  }

  /** A builder for signatures of the JCA algorithm {@code algorithm}, such as {@code Ed25519}. */
  public static Builder builder(String algorithm) {
    return new Builder(algorithm);
  }

  @Override
  public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
    ParsedSignatures parsed = scratch.get();
    Attempt notParsed = header.parse(request, parsed);
    if (notParsed != null) {
      return notParsed;
    }
    if (timestamp != null) {
      Attempt stale = timestamp.read(request, parsed, context.clock());
      if (stale != null) {
        return stale;
      }
    }
    TextWindow signedTimestamp = parsed.timestampText();
    String text = parsed.header();
    // Decode first, drop repeats and cap the count: every candidate costs a pass over the body per
    // key (Ed25519 hashes R, the key and the message together), so the count bounds the work.
    byte[][] signatures = new byte[MAX_CANDIDATES][];
    int distinct = 0;
    for (int i = 0; i < parsed.candidateCount(); i++) {
      byte[] signature =
          header.decodeVariable(
              text, parsed.candidateStart(i), parsed.candidateEnd(i), MAX_SIGNATURE_BYTES);
      if (signature == null || isRepeat(signature, signatures, distinct)) {
        continue;
      }
      if (distinct == MAX_CANDIDATES) {
        return tooMany;
      }
      signatures[distinct++] = signature;
    }
    if (distinct == 0) {
      return undecodable;
    }
    for (int i = 0; i < distinct; i++) {
      for (Map.Entry<String, PublicKey> key : keys.entrySet()) {
        Attempt failed = null;
        try {
          if (verifies(key.getValue(), signatures[i], request, signedTimestamp)) {
            return Attempt.proven(
                Authentication.signed(
                    Proof.PUBLIC_KEY_SIGNATURE,
                    key.getKey(),
                    null,
                    parsed.signedAt(),
                    content,
                    request,
                    signedTimestamp.source(),
                    signedTimestamp.start(),
                    signedTimestamp.end()));
          }
        } catch (WebhookVerificationException e) {
          failed = Attempt.rejected(e.reason(), e.getMessage());
        } catch (GeneralSecurityException e) {
          failed = Attempt.rejected(Reason.VERIFIER_ERROR, algorithm + " failed", e);
        }
        if (failed != null) {
          return failed;
        }
      }
    }
    return MISMATCH;
  }

  private static boolean isRepeat(byte[] signature, byte[][] seen, int count) {
    for (int i = 0; i < count; i++) {
      // Public input against public input (the request's own candidates): no secret to time.
      if (java.util.Arrays.equals(signature, seen[i])) {
        return true;
      }
    }
    return false;
  }

  private boolean verifies(
      PublicKey key, byte[] signature, WebhookRequest request, CharSequence timestamp)
      throws GeneralSecurityException, WebhookVerificationException {
    Signature verifier =
        provider == null
            ? Signature.getInstance(algorithm)
            : Signature.getInstance(algorithm, provider);
    verifier.initVerify(key);
    content.writeTo(new SignatureSink(verifier), request, timestamp);
    try {
      return verifier.verify(signature);
    } catch (SignatureException malformedEncoding) {
      return false; // a DER signature that does not parse: not this one
    }
  }

  @Override
  public String toString() {
    return "PublicKeyAuthenticator{" + algorithm + ", " + header + ", " + content + "}";
  }

  /** Builds a {@link PublicKeyAuthenticator}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final String algorithm;
    private SignatureHeader header;
    private SignedContent content = SignedContent.body();
    private String timestampHeader;
    private TimestampPolicy timestampPolicy = TimestampPolicy.secondsWithin(Duration.ofMinutes(5));
    private final Map<String, PublicKey> keys = new LinkedHashMap<>();
    private java.security.Provider provider;

    private Builder(String algorithm) {
      if (requireNonNull(algorithm, "algorithm").isBlank()) {
        throw new IllegalArgumentException("algorithm is blank");
      }
      this.algorithm = algorithm;
    }

    /** Where the signature is sent and how it is written. Required. */
    public Builder signatureHeader(SignatureHeader header) {
      this.header = requireNonNull(header, "header");
      return this;
    }

    /** What is signed; default {@link SignedContent#body()}. */
    public Builder signedContent(SignedContent content) {
      this.content = requireNonNull(content, "content");
      return this;
    }

    /** The header that carries the signed timestamp, checked with {@code policy}. */
    public Builder timestampHeader(String name, TimestampPolicy policy) {
      this.timestampHeader = requireNonNull(name, "name");
      this.timestampPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * A verification key, reported as {@code id} when it matches.
     *
     * @throws IllegalArgumentException if the id is blank or already used, or {@value
     *     KeyRing#MAX_KEYS} keys were given already
     */
    public Builder key(String id, PublicKey key) {
      if (requireNonNull(id, "id").isBlank() || keys.containsKey(id)) {
        throw new IllegalArgumentException("key id is blank or already used: " + id);
      }
      if (keys.size() == KeyRing.MAX_KEYS) {
        throw new IllegalArgumentException("at most " + KeyRing.MAX_KEYS + " keys");
      }
      keys.put(id, requireNonNull(key, "key"));
      return this;
    }

    /** The JCA provider to verify with (Bouncy Castle, say); default the JDK's. */
    public Builder provider(java.security.Provider provider) {
      this.provider = requireNonNull(provider, "provider");
      return this;
    }

    /**
     * The authenticator, with every key checked against the algorithm now.
     *
     * @throws IllegalStateException if the header or keys are missing, the timestamp is configured
     *     inconsistently with the signed content, or a key does not suit the algorithm
     */
    public PublicKeyAuthenticator build() {
      if (header == null) {
        throw new IllegalStateException("signatureHeader is required");
      }
      if (keys.isEmpty()) {
        throw new IllegalStateException("at least one key is required");
      }
      if (header.carriesTimestamp()) {
        throw new IllegalStateException("public-key schemes take the timestamp from a header");
      }
      if (content.usesTimestamp() != (timestampHeader != null)) {
        throw new IllegalStateException(
            "a timestamp must be signed and sent, or neither: a timestamp that is not signed"
                + " proves nothing");
      }
      for (PublicKey key : keys.values()) {
        try {
          Signature signature =
              provider == null
                  ? Signature.getInstance(algorithm)
                  : Signature.getInstance(algorithm, provider);
          signature.initVerify(key);
        } catch (InvalidKeyException e) {
          throw new IllegalStateException("a key does not suit " + algorithm, e);
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException(algorithm + " unavailable", e);
        }
      }
      return new PublicKeyAuthenticator(this);
    }
  }
}
