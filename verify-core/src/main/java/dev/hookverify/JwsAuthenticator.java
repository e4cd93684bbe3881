package dev.hookverify;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.Codec;
import dev.hookverify.internal.ConstantTime;
import dev.hookverify.internal.Sha256;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * Proves a request with a compact JWS checked by a {@link JwsVerifier}: a token in {@code
 * Authorization: Bearer} (Google Pub/Sub push, Vonage), in a header of its own (Netlify) or read by
 * the sender's own {@link TokenSource} (Apple's {@code signedPayload} in the body).
 *
 * <p>The proof covers the token's signing input; the body only when the sender puts a hash of it in
 * a claim ({@link Builder#bodyHashClaim}: Vonage's {@code payload_hash}, Netlify's {@code sha256}),
 * which is then compared, as bytes and in constant time, with the SHA-256 of the raw body. A
 * delivery without a signed id is keyed by the signing input: a replayer who changes the body of a
 * token that does not cover it (Google) gets the same key.
 *
 * <p>The verified token is handed to the application with the webhook: {@link
 * VerifiedWebhook#jws()} returns the header, claims and payload exactly as this authenticator
 * parsed and checked them, so a handler never parses the token a second time.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JwsAuthenticator implements Authenticator {
  /** Where a sender puts its token. */
  @FunctionalInterface
  public interface TokenSource {
    /**
     * The token of {@code request}, or empty if this sender's token was not sent.
     *
     * <p>Contract: bounded work on hostile input; no exception but the checked one, for a carrier
     * that cannot hold a token (a repeated header, a body that is not strict JSON). Called on any
     * thread.
     *
     * @throws WebhookVerificationException if the carrier is malformed
     */
    Optional<String> token(WebhookRequest request) throws WebhookVerificationException;
  }

  private final JwsVerifier verifier;
  private final TokenSource source;
  private final String bodyHashClaim;
  private final java.util.function.Function<WebhookRequest, String> audience;
  private final Attempt noBodyHash;
  private final Attempt bodyMismatch;

  private JwsAuthenticator(Builder b) {
    this.verifier = b.verifier;
    this.source = b.source;
    this.bodyHashClaim = b.bodyHashClaim;
    this.audience = b.audience;
    this.noBodyHash =
        Attempt.rejected(
            Reason.MALFORMED_SIGNATURE, "token has no hex SHA-256 claim " + bodyHashClaim);
    this.bodyMismatch =
        Attempt.rejected(
            Reason.SIGNATURE_MISMATCH, "body does not match the token's " + bodyHashClaim);
  }

  private static final Attempt WRONG_AUDIENCE =
      Attempt.rejected(Reason.SIGNATURE_MISMATCH, "token aud is not this receiver");

  /** A builder for tokens checked by {@code verifier}. */
  public static Builder builder(JwsVerifier verifier) {
    return new Builder(verifier);
  }

  /**
   * The token in {@code Authorization: Bearer <token>} (the scheme in any case). The sender uses no
   * other scheme, so another value is {@link Reason#MALFORMED_SIGNATURE}.
   */
  public static TokenSource bearer() {
    return request -> {
      Optional<String> value = single(request, "Authorization");
      if (value.isEmpty()) {
        return value;
      }
      String text = value.get();
      if (text.length() < 8 || !text.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw new WebhookVerificationException(
            Reason.MALFORMED_SIGNATURE, "header Authorization is not Bearer <token>");
      }
      return Optional.of(text.substring(7));
    };
  }

  /** The token as the whole value of header {@code name}. */
  public static TokenSource header(String name) {
    requireNonNull(name, "name");
    return request -> single(request, name);
  }

  private static Optional<String> single(WebhookRequest request, String name)
      throws WebhookVerificationException {
    List<String> values = request.headers(name);
    if (values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new WebhookVerificationException(
          Reason.MALFORMED_SIGNATURE, "header " + name + " sent more than once");
    }
    return Optional.of(values.get(0));
  }

  @Override
  public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
    Optional<String> token;
    try {
      token = source.token(request);
    } catch (WebhookVerificationException e) {
      return Attempt.rejected(e.reason(), e.getMessage());
    }
    if (token == null || token.isEmpty()) {
      return Attempt.absent("no " + verifier.algorithm() + " token");
    }
    JwsVerifier.Result result = verifier.check(token.get(), context.clock().instant());
    if (result.rejected != null) {
      return result.rejected;
    }
    VerifiedJws jws = result.verified;
    if (audience != null && !JwsVerifier.hasAudience(jws.claims(), audience.apply(request))) {
      return WRONG_AUDIENCE;
    }
    SignedContent.Builder content = SignedContent.builder().literal(jws.signingInput());
    if (bodyHashClaim != null) {
      Attempt body = checkBodyHash(jws, request.body());
      if (body != null) {
        return body;
      }
      content.bodyCoveredByParts(); // the signed claim binds the raw body
    }
    if (audience != null) {
      content.queryCoveredByParts(); // the signed aud is the URI, query included
    }
    Proof proof =
        verifier.algorithm() == JwsAlgorithm.HS256
            ? Proof.HMAC_SIGNATURE
            : Proof.PUBLIC_KEY_SIGNATURE;
    Authentication.Builder authentication =
        Authentication.builder(proof, jws.keyId()).covers(content.build(), request, "").jws(jws);
    jws.issuedAt().ifPresent(authentication::timestamp);
    return Attempt.proven(authentication.build());
  }

  private Attempt checkBodyHash(VerifiedJws jws, ByteBuffer body) {
    Optional<String> claimed = jws.stringClaim(bodyHashClaim);
    byte[] expected = new byte[32];
    if (claimed.isEmpty()
        || Codec.decodeHex(claimed.get(), 0, claimed.get().length(), expected) != 32) {
      return noBodyHash;
    }
    MessageDigest digest = Sha256.newDigest();
    digest.update(body);
    return ConstantTime.equal(digest.digest(), expected) ? null : bodyMismatch;
  }

  @Override
  public String toString() {
    return "JwsAuthenticator{"
        + verifier
        + (bodyHashClaim == null ? "" : ", body hash in " + bodyHashClaim)
        + "}";
  }

  /** Builds a {@link JwsAuthenticator}. Not thread-safe. */
  public static final class Builder {
    private final JwsVerifier verifier;
    private TokenSource source;
    private String bodyHashClaim;
    private java.util.function.Function<WebhookRequest, String> audience;

    private Builder(JwsVerifier verifier) {
      this.verifier = requireNonNull(verifier, "verifier");
    }

    /** Where the token is: {@link #bearer()}, {@link #header(String)} or the sender's own. */
    public Builder tokenSource(TokenSource source) {
      this.source = requireNonNull(source, "source");
      return this;
    }

    /**
     * The claim that carries the hex SHA-256 of the raw body; the body then counts as signed. A
     * token without it is {@link Reason#MALFORMED_SIGNATURE}, a body that does not match {@link
     * Reason#SIGNATURE_MISMATCH}.
     */
    public Builder bodyHashClaim(String claim) {
      this.bodyHashClaim = requireNonNull(claim, "claim");
      return this;
    }

    /**
     * Requires the token's {@code aud} to be the request's URI exactly as received: for a sender
     * whose audience defaults to the endpoint URL (Google Pub/Sub push). The URI, query included,
     * then counts as covered, since a changed query no longer matches the signed audience.
     */
    public Builder requestUriAudience() {
      this.audience = WebhookRequest::uri;
      return this;
    }

    /**
     * The authenticator.
     *
     * @throws IllegalStateException if no token source was given
     */
    public JwsAuthenticator build() {
      if (source == null) {
        throw new IllegalStateException("a JWS authenticator needs a token source");
      }
      return new JwsAuthenticator(this);
    }
  }
}
