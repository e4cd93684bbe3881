package dev.hookverify;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.ConstantTime;
import dev.hookverify.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Verifies a shared token sent with the request: {@code Authorization: Bearer <token>} or the raw
 * value of a named header such as Vapi's {@code x-vapi-secret}, optionally after a prefix.
 *
 * <p><b>Security guarantees.</b> The received token and each active key are reduced to SHA-256
 * digests and the digests are compared in constant time, so the time taken depends neither on how
 * many leading bytes match nor on the expected token's length. A token proves the sender knows it;
 * it does not sign the body ({@link Proof#SHARED_TOKEN}), so it is only as safe as TLS.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class TokenAuthenticator implements Authenticator {
  /** The longest token read, in characters. */
  public static final int MAX_TOKEN_LENGTH = 4096;

  private final String header;
  private final String prefix;
  private final boolean prefixIgnoresCase;
  private final KeySource keys;
  private final Attempt missing;
  private final Attempt otherScheme;

  private TokenAuthenticator(Builder b) {
    this.header = b.header;
    this.prefix = b.prefix;
    this.prefixIgnoresCase = b.prefixIgnoresCase;
    this.keys = b.keys;
    this.missing = Attempt.absent("missing header " + header);
    this.otherScheme =
        Attempt.absent("header " + header + " carries no " + prefix.strip() + " token");
  }

  /** A builder for {@code Authorization: Bearer <token>} (the scheme name in any case). */
  public static Builder bearer() {
    Builder builder = new Builder("Authorization");
    builder.prefix = "Bearer ";
    builder.prefixIgnoresCase = true;
    return builder;
  }

  /** A builder for a token sent as the whole value of header {@code name}. */
  public static Builder header(String name) {
    return new Builder(name);
  }

  @Override
  public Attempt attempt(WebhookRequest request, AuthenticationContext context) {
    List<String> values = request.headers(header);
    if (values.isEmpty()) {
      return missing;
    }
    if (values.size() > 1) {
      return malformed("sent more than once");
    }
    String value = values.get(0).strip();
    if (value.length() > MAX_TOKEN_LENGTH + prefix.length()) {
      return malformed("too long");
    }
    if (!prefix.isBlank()
        && value.regionMatches(prefixIgnoresCase, 0, prefix, 0, value.length())
        && value.length() <= prefix.strip().length()) {
      return malformed("carries an empty token"); // "Bearer" with nothing after it
    }
    if (!value.regionMatches(prefixIgnoresCase, 0, prefix, 0, prefix.length())) {
      // Another Authorization scheme (Basic, a signature scheme): this token was not sent.
      return otherScheme;
    }
    String token = value.substring(prefix.length()).strip();
    if (token.isEmpty()) {
      return malformed("carries an empty token");
    }
    byte[] digest = Sha256.of(token.getBytes(StandardCharsets.UTF_8));
    KeySource.Selected selected = keys.select(request);
    if (selected.rejected != null) {
      return selected.rejected;
    }
    Instant now = context.clock().instant();
    boolean anyActive = false;
    for (KeyEntry key : selected.ring.keys()) {
      if (key.isActive(now)) {
        anyActive = true;
        if (ConstantTime.equal(digest, key.tokenDigest())) {
          return Attempt.proven(
              Authentication.builder(Proof.SHARED_TOKEN, key.id()).tenant(selected.tenant).build());
        }
      }
    }
    return anyActive ? MISMATCH : NO_ACTIVE_KEY;
  }

  private static final Attempt MISMATCH =
      Attempt.rejected(Reason.SIGNATURE_MISMATCH, "token mismatch");
  private static final Attempt NO_ACTIVE_KEY =
      Attempt.rejected(Reason.NO_ACTIVE_KEY, "no key is active now");

  private Attempt malformed(String what) {
    return Attempt.rejected(Reason.MALFORMED_SIGNATURE, "header " + header + " " + what);
  }

  @Override
  public String toString() {
    return "TokenAuthenticator{" + header + (prefix.isEmpty() ? "" : ", " + prefix.strip()) + "}";
  }

  /** Builds a {@link TokenAuthenticator}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final String header;
    private String prefix = "";
    private boolean prefixIgnoresCase;
    private KeySource keys;

    private Builder(String header) {
      if (requireNonNull(header, "header").isBlank()) {
        throw new IllegalArgumentException("header is blank");
      }
      this.header = header;
    }

    /** Text the header value starts with before the token, compared exactly. */
    public Builder prefix(String prefix) {
      this.prefix = requireNonNull(prefix, "prefix");
      this.prefixIgnoresCase = false;
      return this;
    }

    /** The accepted tokens, each a key of {@code ring}. */
    public Builder keys(KeyRing ring) {
      this.keys = KeySource.fixed(requireNonNull(ring, "ring"));
      return this;
    }

    /** The one accepted token, as key {@code "default"}. */
    public Builder secret(WebhookSecret token) {
      return keys(KeyRing.of(token));
    }

    /** The tokens of the tenant that {@code resolver} finds in each request. */
    public Builder tenantKeys(TenantResolver resolver, TenantKeys tenantKeys) {
      this.keys =
          KeySource.perTenant(
              requireNonNull(resolver, "resolver"), requireNonNull(tenantKeys, "keys"));
      return this;
    }

    /**
     * The authenticator.
     *
     * @throws IllegalStateException if no keys were given
     */
    public TokenAuthenticator build() {
      if (keys == null) {
        throw new IllegalStateException("keys, secret or tenantKeys is required");
      }
      keys.fixedRing().ifPresent(ring -> ring.keys().forEach(KeyEntry::tokenDigest));
      return new TokenAuthenticator(this);
    }
  }
}
