package dev.hookverify;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.ConstantTime;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * Verifies an HMAC signature over a {@link SignedContent}, with the keys of a {@link KeyRing} or of
 * the request's tenant.
 *
 * <p>Order of work, cheapest first: the signature header is found and parsed ({@link
 * Reason#MISSING_SIGNATURE}, {@link Reason#MALFORMED_SIGNATURE}); the timestamp is parsed and
 * checked ({@link Reason#MISSING_TIMESTAMP}, {@link Reason#MALFORMED_TIMESTAMP}, {@link
 * Reason#TIMESTAMP_TOO_OLD}, {@link Reason#TIMESTAMP_IN_FUTURE}); the signatures are decoded; the
 * keys are selected ({@link Reason#UNKNOWN_TENANT}, {@link Reason#NO_ACTIVE_KEY}); then, per active
 * key, the MAC is computed over the content parts and compared with every received signature
 * ({@link Reason#SIGNATURE_MISMATCH}).
 *
 * <p><b>Security guarantees.</b> A request is accepted only if one received signature equals the
 * full-length HMAC of the signed content under an active key; truncated signatures are never
 * accepted. Received and computed tags are compared as bytes in constant time. A timestamp is only
 * checked when it is part of the signed content, because an unsigned timestamp proves nothing; the
 * builder refuses the other combinations.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class HmacAuthenticator implements Authenticator {
  private final HmacAlgorithm algorithm;
  private final SignatureHeader header;
  private final SignedContent content;
  private final SignedTimestamp timestamp;
  private final KeySource keys;
  private final ThreadLocal<ParsedSignatures> scratch;
  private final Attempt undecodable;

  private HmacAuthenticator(Builder b) {
    this.algorithm = b.algorithm;
    this.header = b.header;
    this.content = b.content;
    // Null when the content signs no timestamp: then none is read, whatever is sent.
    this.timestamp =
        b.content.usesTimestamp()
            ? new SignedTimestamp(b.timestampHeader, b.timestampPolicy)
            : null;
    this.keys = b.keys;
    int tagLength = algorithm.tagLength();
    this.scratch = ThreadLocal.withInitial(() -> new ParsedSignatures(tagLength));
    this.undecodable =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE,
            "no signature in header "
                + header.names().get(0)
                + " decodes to "
                + tagLength
                + " bytes");
  }

  private static final Attempt MISMATCH =
      Attempt.rejected(Reason.SIGNATURE_MISMATCH, "signature mismatch");
  private static final Attempt NO_ACTIVE_KEY =
      Attempt.rejected(Reason.NO_ACTIVE_KEY, "no key is active now");

  /** A builder for signatures made with {@code algorithm}. */
  public static Builder builder(HmacAlgorithm algorithm) {
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
    for (int k = 0; k < entries.size(); k++) {
      KeyEntry key = entries.get(k);
      if (!key.isActive(now)) {
        continue;
      }
      anyActive = true;
      Attempt unreadable = computeTag(key, request, parsed, computed);
      if (unreadable != null) {
        return unreadable;
      }
      for (int i = 0; i < parsed.candidateCount(); i++) {
        if (ConstantTime.equal(parsed.decoded(i), computed)) {
          TextWindow signedTimestamp = parsed.timestampText();
          return Attempt.proven(
              Authentication.signed(
                  Proof.HMAC_SIGNATURE,
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

  /** Computes the tag into {@code computed}; null, or why the signed content cannot be read. */
  private Attempt computeTag(
      KeyEntry key, WebhookRequest request, ParsedSignatures parsed, byte[] computed) {
    Mac mac;
    try {
      mac = key.mac(algorithm);
    } catch (GeneralSecurityException e) {
      return Attempt.rejected(Reason.VERIFIER_ERROR, algorithm.jcaName() + " failed", e);
    }
    try {
      MacSink sink = parsed.sink().use(mac);
      content.writeTo(sink, request, parsed.timestampText());
      sink.finish(computed); // doFinal also resets the Mac for the next webhook
      return null;
    } catch (WebhookVerificationException e) {
      return Attempt.rejected(e.reason(), e.getMessage());
    } catch (ShortBufferException e) {
      return Attempt.rejected(Reason.VERIFIER_ERROR, algorithm.jcaName() + " failed", e);
    } finally {
      // Resets the Mac on every way out (a refused part, an Error such as a StackOverflowError in
      // a part): no bytes of this webhook reach the next one on this thread or from the pool.
      key.release(algorithm, mac);
    }
  }

  @Override
  public String toString() {
    return "HmacAuthenticator{" + algorithm + ", " + header + ", " + content + "}";
  }

  /** Builds an {@link HmacAuthenticator}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final HmacAlgorithm algorithm;
    private SignatureHeader header;
    private SignedContent content = SignedContent.body();
    private String timestampHeader;
    private TimestampPolicy timestampPolicy =
        TimestampPolicy.secondsWithin(java.time.Duration.ofMinutes(5));
    private KeySource keys;

    private Builder(HmacAlgorithm algorithm) {
      this.algorithm = requireNonNull(algorithm, "algorithm");
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

    /**
     * The header that carries the timestamp, for senders that do not put it in the signature header
     * (Slack, Standard Webhooks).
     */
    public Builder timestampHeader(String name) {
      this.timestampHeader = requireNonNull(name, "name");
      return this;
    }

    /**
     * How fresh a signed timestamp must be; default within 5 minutes either way. To accept any age,
     * pass {@link TimestampPolicy#freshnessNotChecked} explicitly.
     */
    public Builder timestampPolicy(TimestampPolicy policy) {
      this.timestampPolicy = requireNonNull(policy, "policy");
      return this;
    }

    /** Verifies with the keys of {@code ring}. */
    public Builder keys(KeyRing ring) {
      this.keys = KeySource.fixed(requireNonNull(ring, "ring"));
      return this;
    }

    /** Verifies with one secret, as key {@code "default"}. */
    public Builder secret(WebhookSecret secret) {
      return keys(KeyRing.of(secret));
    }

    /** Verifies with the keys of the tenant that {@code resolver} finds in each request. */
    public Builder tenantKeys(TenantResolver resolver, TenantKeys tenantKeys) {
      this.keys =
          KeySource.perTenant(
              requireNonNull(resolver, "resolver"), requireNonNull(tenantKeys, "keys"));
      return this;
    }

    /**
     * The authenticator, with the MAC state of fixed keys prepared now.
     *
     * @throws IllegalStateException if the header or keys are missing, or the timestamp is
     *     configured inconsistently with the signed content
     */
    public HmacAuthenticator build() {
      if (header == null) {
        throw new IllegalStateException("signatureHeader is required");
      }
      if (keys == null) {
        throw new IllegalStateException("keys, secret or tenantKeys is required");
      }
      boolean timestampSent = timestampHeader != null || header.carriesTimestamp();
      if (timestampHeader != null && header.carriesTimestamp()) {
        throw new IllegalStateException("the timestamp comes from one place only");
      }
      if (content.usesTimestamp() && !timestampSent) {
        throw new IllegalStateException(
            "the signed content has a timestamp: name its header or its signature-header key");
      }
      if (timestampSent && !content.usesTimestamp()) {
        throw new IllegalStateException(
            "a timestamp that is not part of the signed content proves nothing; sign it or drop"
                + " it");
      }
      HmacAuthenticator built = new HmacAuthenticator(this);
      keys.fixedRing()
          .ifPresent(
              ring -> {
                for (KeyEntry key : ring.keys()) {
                  try {
                    key.mac(algorithm);
                  } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(algorithm.jcaName() + " unavailable", e);
                  }
                }
              });
      return built;
    }
  }
}
