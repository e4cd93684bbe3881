package dev.hookverify;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.ConstantTime;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;

/**
 * Verifies a keyed hash that is not an HMAC: a plain digest of the signed content followed by the
 * shared secret, {@code H(content || secret)}, as Cloudinary signs its notifications ({@code
 * SHA1(body + timestamp + api_secret)}, or SHA-256). See {@link Proof#SECRET_SUFFIX_DIGEST} for why
 * this is weaker than an HMAC; use it only for a sender that signs no other way.
 *
 * <p>The header goes through the same grammar and limits as an HMAC's ({@link SignatureHeader}),
 * the timestamp through the same {@link TimestampPolicy}, then per active key the digest is
 * computed over the content parts and the secret, and compared with every received signature in
 * constant time. A timestamp with a leading zero is {@link Reason#MALFORMED_TIMESTAMP}: where the
 * content writes the timestamp right after the body with nothing between (Cloudinary's does), a
 * {@code 0} moved from the end of a body into the timestamp would otherwise keep both the signature
 * and the timestamp's value.
 *
 * <p><b>Security guarantees.</b> A request is accepted only if one received signature equals the
 * full-length digest of the signed content and an active key's secret; compared as bytes in
 * constant time. The proof is {@link Proof#SECRET_SUFFIX_DIGEST}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SecretSuffixDigestAuthenticator implements Authenticator {
  /** The hash a sender uses. */
  public enum Algorithm {
    /** SHA-1; 20-byte digests. */
    SHA1("SHA-1", 20),
    /** SHA-256; 32-byte digests. */
    SHA256("SHA-256", 32);

    private final String jcaName;
    private final int length;

    Algorithm(String jcaName, int length) {
      this.jcaName = jcaName;
      this.length = length;
    }

    /** The digest's length in bytes. */
    public int length() {
      return length;
    }

    MessageDigest newDigest() {
      return dev.hookverify.internal.Digests.newDigest(jcaName);
    }
  }

  private static final Attempt MISMATCH =
      Attempt.rejected(Reason.SIGNATURE_MISMATCH, "signature mismatch");
  private static final Attempt NO_ACTIVE_KEY =
      Attempt.rejected(Reason.NO_ACTIVE_KEY, "no key is active now");
  private static final Attempt LEADING_ZERO =
      Attempt.rejected(Reason.MALFORMED_TIMESTAMP, "timestamp has a leading zero");

  /**
   * The longest freshness window accepted, either way. A digit moved from the body's end into the
   * timestamp, or back, multiplies or divides the timestamp by about ten, decades away from now;
   * only the window rejects such a delivery, so it must be checked and far shorter than that.
   */
  static final java.time.Duration MAX_WINDOW = java.time.Duration.ofDays(366);

  private final Algorithm algorithm;
  private final SignatureHeader header;
  private final SignedContent content;
  private final SignedTimestamp timestamp;
  private final KeySource keys;
  private final ThreadLocal<ParsedSignatures> scratch;
  private final ThreadLocal<MessageDigest> digests;
  private final Attempt undecodable;

  private SecretSuffixDigestAuthenticator(Builder b) {
    this.algorithm = b.algorithm;
    this.header = b.header;
    this.content = b.content;
    this.timestamp =
        b.content.usesTimestamp()
            ? new SignedTimestamp(b.timestampHeader, b.timestampPolicy)
            : null;
    this.keys = b.keys;
    int length = algorithm.length();
    this.scratch = ThreadLocal.withInitial(() -> new ParsedSignatures(length));
    Algorithm chosen = algorithm;
    this.digests = ThreadLocal.withInitial(chosen::newDigest);
    this.undecodable =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE,
            "no signature in header " + header.names().get(0) + " decodes to " + length + " bytes");
  }

  /** A builder for digests made with {@code algorithm}. */
  public static Builder builder(Algorithm algorithm) {
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
      TextWindow text = parsed.timestampText();
      if (text.length() > 1 && text.charAt(0) == '0') {
        return LEADING_ZERO;
      }
    }
    if (parsed.decodeAll(header) == 0) {
      return undecodable;
    }
    KeySource.Selected selected = keys.select(request);
    if (selected.rejected != null) {
      return selected.rejected;
    }
    List<KeyEntry> entries = selected.ring.keys();
    Instant now = context.clock().instant();
    boolean anyActive = false;
    byte[] computed = parsed.computed();
    MessageDigest digest = digests.get();
    for (int k = 0; k < entries.size(); k++) {
      KeyEntry key = entries.get(k);
      if (!key.isActive(now)) {
        continue;
      }
      anyActive = true;
      try {
        digest.reset();
        content.writeTo(new DigestSink(digest), request, parsed.timestampText());
        digest.update(key.secretBytes());
        digest.digest(computed, 0, computed.length);
      } catch (WebhookVerificationException e) {
        digest.reset();
        return Attempt.rejected(e.reason(), e.getMessage());
      } catch (DigestException e) {
        digest.reset();
        return Attempt.rejected(Reason.VERIFIER_ERROR, algorithm + " failed", e);
      }
      for (int i = 0; i < parsed.candidateCount(); i++) {
        if (ConstantTime.equal(parsed.decoded(i), computed)) {
          TextWindow signedTimestamp = parsed.timestampText();
          return Attempt.proven(
              Authentication.signed(
                  Proof.SECRET_SUFFIX_DIGEST,
                  key.id(),
                  selected.tenant,
                  parsed.signedAt(),
                  content,
                  request,
                  signedTimestamp.source(),
                  signedTimestamp.start(),
                  signedTimestamp.end()));
        }
      }
    }
    return anyActive ? MISMATCH : NO_ACTIVE_KEY;
  }

  @Override
  public String toString() {
    return "SecretSuffixDigestAuthenticator{" + algorithm + ", " + header + ", " + content + "}";
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
      digest.update(text.subSequence(start, end).toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Builds a {@link SecretSuffixDigestAuthenticator}; checks each input at once. */
  public static final class Builder {
    private final Algorithm algorithm;
    private SignatureHeader header;
    private SignedContent content = SignedContent.body();
    private String timestampHeader;
    private TimestampPolicy timestampPolicy =
        TimestampPolicy.secondsWithin(java.time.Duration.ofMinutes(5));
    private KeySource keys;

    private Builder(Algorithm algorithm) {
      this.algorithm = requireNonNull(algorithm, "algorithm");
    }

    /** Where the signature is sent and how it is written (hex, say). Required. */
    public Builder signatureHeader(SignatureHeader header) {
      this.header = requireNonNull(header, "header");
      return this;
    }

    /** What is hashed before the secret; default {@link SignedContent#body()}. */
    public Builder signedContent(SignedContent content) {
      this.content = requireNonNull(content, "content");
      return this;
    }

    /** The header that carries the timestamp the content signs. */
    public Builder timestampHeader(String name) {
      this.timestampHeader = requireNonNull(name, "name");
      return this;
    }

    /**
     * How fresh a signed timestamp must be; default within 5 minutes either way. It must check
     * freshness, within at most 366 days either way ({@link #build} refuses others): the window is
     * what rejects a digit moved between the body and the timestamp.
     */
    public Builder timestampPolicy(TimestampPolicy policy) {
      this.timestampPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /** Verifies with the secrets of {@code ring}. */
    public Builder keys(KeyRing ring) {
      this.keys = KeySource.fixed(requireNonNull(ring, "ring"));
      return this;
    }

    /**
     * The authenticator.
     *
     * @throws IllegalStateException if the header or keys are missing, the timestamp is configured
     *     inconsistently with the signed content, or its policy does not bound freshness within 366
     *     days
     */
    public SecretSuffixDigestAuthenticator build() {
      if (header == null) {
        throw new IllegalStateException("signatureHeader is required");
      }
      if (keys == null) {
        throw new IllegalStateException("keys is required");
      }
      boolean timestampSent = timestampHeader != null || header.carriesTimestamp();
      if (timestampHeader != null && header.carriesTimestamp()) {
        throw new IllegalStateException("the timestamp comes from one place only");
      }
      if (content.usesTimestamp() != timestampSent) {
        throw new IllegalStateException(
            "a timestamp is read exactly when the signed content has one");
      }
      if (content.usesTimestamp() && !timestampPolicy.boundedWithin(MAX_WINDOW)) {
        throw new IllegalStateException(
            "a keyed hash of content and timestamp needs a freshness window of at most "
                + MAX_WINDOW.toDays()
                + " days: a digit moved between the body and the timestamp keeps the hash and"
                + " only the window rejects it");
      }
      return new SecretSuffixDigestAuthenticator(this);
    }
  }
}
