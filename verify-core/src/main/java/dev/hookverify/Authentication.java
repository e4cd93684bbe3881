package dev.hookverify;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.Sha256;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What an {@link Authenticator} established about a request: how it was proven, with which key, for
 * which tenant, when it was signed, what the proof covers, and the signed content itself, from
 * which a delivery without a signed id gets its idempotency key.
 *
 * <p>Coverage can only be narrowed: {@link #withoutCoverage()} removes it, nothing adds it to an
 * existing authentication. A scheme that verifies a signature over content it assembled from the
 * body (Mailgun's signature object, Adyen's items) wraps the inner proof that way, so the raw body
 * is never reported as signed, while the delivery key still derives from exactly what was signed.
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
  private final boolean signsQuery;
  private final SignedContent content;
  private final WebhookRequest signedRequest;
  private final CharSequence timestampText;
  private final int timestampStart;
  private final int timestampEnd;
  private final VerifiedJws jws;

  private Authentication(
      Proof proof,
      String keyId,
      String tenant,
      Instant timestamp,
      Set<String> signedHeaders,
      boolean signsBody,
      boolean signsQuery,
      SignedContent content,
      WebhookRequest signedRequest,
      CharSequence timestampText,
      int timestampStart,
      int timestampEnd,
      VerifiedJws jws) {
    this.proof = proof;
    this.keyId = keyId;
    this.tenant = tenant;
    this.timestamp = timestamp;
    this.signedHeaders = signedHeaders;
    this.signsBody = signsBody;
    this.signsQuery = signsQuery;
    this.content = content;
    this.signedRequest = signedRequest;
    this.timestampText = timestampText;
    this.timestampStart = timestampStart;
    this.timestampEnd = timestampEnd;
    this.jws = jws;
  }

  /** Core's signature schemes: the timestamp text is a window of an immutable header string. */
  static Authentication signed(
      Proof proof,
      String keyId,
      String tenant,
      Instant timestamp,
      SignedContent content,
      WebhookRequest request,
      String timestampSource,
      int timestampStart,
      int timestampEnd) {
    return new Authentication(
        proof,
        keyId,
        tenant,
        timestamp,
        content.signedHeaders(),
        content.signsBody(),
        content.signsQuery(),
        content,
        request,
        timestampSource,
        timestampStart,
        timestampEnd,
        null);
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

  /** The verified JWS, if the proof was one ({@link JwsAuthenticator}). */
  public Optional<VerifiedJws> jws() {
    return Optional.ofNullable(jws);
  }

  /** Whether the value of header {@code lowerCaseName} is covered by the proof. */
  public boolean signsHeader(String lowerCaseName) {
    return proof.signsContent() && signedHeaders.contains(lowerCaseName);
  }

  /** Whether the body is covered by the proof. */
  public boolean signsBody() {
    return proof.signsContent() && signsBody;
  }

  /** Whether the request's query string is covered by the proof. */
  public boolean signsQuery() {
    return proof.signsContent() && signsQuery;
  }

  /**
   * This authentication covering neither the body, the query nor any header of the request: for a
   * scheme that verified a signature over content it assembled itself. The signed content is kept,
   * so the delivery key still derives from what was signed.
   */
  public Authentication withoutCoverage() {
    return new Authentication(
        proof,
        keyId,
        tenant,
        timestamp,
        Set.of(),
        false,
        false,
        content,
        signedRequest,
        timestampText,
        timestampStart,
        timestampEnd,
        jws);
  }

  /**
   * The SHA-256 of exactly the bytes the proof's signature covers, or empty when nothing was signed
   * (a token or a tenant match).
   */
  Optional<byte[]> signedContentDigest() {
    if (content == null || !proof.signsContent()) {
      return Optional.empty();
    }
    MessageDigest digest = Sha256.newDigest();
    try {
      content.writeTo(new DigestSink(digest), signedRequest, timestampWindow());
    } catch (WebhookVerificationException e) {
      // The content was written once already, to verify it; it cannot fail now.
      throw new IllegalStateException("signed content no longer readable", e);
    }
    return Optional.of(digest.digest());
  }

  private CharSequence timestampWindow() {
    return timestampText.subSequence(timestampStart, timestampEnd);
  }

  /** Builds an {@link Authentication}. Not thread-safe. */
  public static final class Builder {
    private final Proof proof;
    private final String keyId;
    private String tenant;
    private Instant timestamp;
    private SignedContent content;
    private WebhookRequest request;
    private String timestampText = "";
    private VerifiedJws jws;

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

    /**
     * What the signature covers: {@code content} of {@code request}, with the timestamp text
     * exactly as it was signed (empty if the scheme signs none). Required for proofs that sign
     * content: the delivery key of a delivery without a signed id is a digest of it.
     */
    public Builder covers(SignedContent content, WebhookRequest request, CharSequence timestamp) {
      this.content = requireNonNull(content, "content");
      this.request = requireNonNull(request, "request");
      this.timestampText = requireNonNull(timestamp, "timestamp").toString();
      return this;
    }

    /** The verified token of a JWS proof: only core's {@link JwsAuthenticator} has one. */
    Builder jws(VerifiedJws jws) {
      this.jws = requireNonNull(jws, "jws");
      return this;
    }

    /**
     * The authentication.
     *
     * @throws IllegalStateException if the proof signs content and {@link #covers} was not called
     */
    public Authentication build() {
      if (proof.signsContent() && content == null) {
        throw new IllegalStateException(proof + " must say what it covers");
      }
      return new Authentication(
          proof,
          keyId,
          tenant,
          timestamp,
          content == null ? Set.of() : content.signedHeaders(),
          content != null && content.signsBody(),
          content != null && content.signsQuery(),
          content,
          request,
          timestampText,
          0,
          timestampText.length(),
          jws);
    }
  }

  /** Feeds signed content to a digest. */
  private static final class DigestSink implements ContentSink {
    private final MessageDigest digest;

    DigestSink(MessageDigest digest) {
      this.digest = digest;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      digest.update(bytes, offset, length);
    }

    @Override
    public void write(byte b) {
      digest.update(b);
    }

    @Override
    public void writeUtf8(CharSequence text, int start, int end) {
      byte[] bytes =
          text.subSequence(start, end).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      digest.update(bytes);
    }
  }
}
