package dev.hookverify;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A compact JWS whose signature, key, algorithm and claims a {@link JwsVerifier} checked: its
 * header and claims as parsed once, strictly, by the verifier (so a handler reads exactly what was
 * verified, never a second parse of the token), and the payload bytes exactly as signed.
 *
 * <p>Only a {@link JwsVerifier} creates instances. Claims are read as the verifier's parse typed
 * them: a string claim is a JSON string, an integer claim a JSON integer that fits a {@code long},
 * a boolean claim {@code true} or {@code false}; a claim of another type reads as absent. Objects
 * are unmodifiable {@code Map<String, Object>}, arrays unmodifiable {@code List<Object>}.
 *
 * <p>Instances are immutable and thread-safe; {@code toString} prints no claim.
 */
public final class VerifiedJws {
  private final JwsAlgorithm algorithm;
  private final String keyId;
  private final Map<String, Object> header;
  private final byte[] payload;
  private final Map<String, Object> claims;
  private final String signingInput;
  private final List<X509Certificate> certificates;

  VerifiedJws(
      JwsAlgorithm algorithm,
      String keyId,
      Map<String, Object> header,
      byte[] payload,
      Map<String, Object> claims,
      String signingInput,
      List<X509Certificate> certificates) {
    this.algorithm = algorithm;
    this.keyId = keyId;
    this.header = header;
    this.payload = payload;
    this.claims = claims;
    this.signingInput = signingInput;
    this.certificates = List.copyOf(certificates);
  }

  /** The algorithm the signature was checked with: the verifier's pinned one. */
  public JwsAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * The id of the key that verified the signature: the token's {@code kid} for a key set, the key
   * ring's id for a shared secret, {@code x5c} for a certificate chain.
   */
  public String keyId() {
    return keyId;
  }

  /** The protected header, as the verifier parsed it. */
  public Map<String, Object> header() {
    return header;
  }

  /** The claims (the payload's JSON object), as the verifier parsed it. */
  public Map<String, Object> claims() {
    return claims;
  }

  /** A copy of the payload bytes exactly as signed (base64url-decoded). */
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload decoded as UTF-8 (the verifier checked that it is strict UTF-8). */
  public String payloadAsString() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** The string claim {@code name}, if present and a string. */
  public Optional<String> stringClaim(String name) {
    Object value = claims.get(name);
    return value instanceof String ? Optional.of((String) value) : Optional.empty();
  }

  /** The integer claim {@code name}, if present and an integer that fits a {@code long}. */
  public OptionalLong longClaim(String name) {
    Object value = claims.get(name);
    return value instanceof Long ? OptionalLong.of((Long) value) : OptionalLong.empty();
  }

  /** The boolean claim {@code name}, if present and {@code true} or {@code false}. */
  public Optional<Boolean> booleanClaim(String name) {
    Object value = claims.get(name);
    return value instanceof Boolean ? Optional.of((Boolean) value) : Optional.empty();
  }

  /** The {@code iat} claim, if the token carries one. */
  public Optional<Instant> issuedAt() {
    OptionalLong iat = longClaim("iat");
    return iat.isPresent() ? Optional.of(Instant.ofEpochSecond(iat.getAsLong())) : Optional.empty();
  }

  /** The {@code x5c} chain as sent, leaf first, when the key came from one; else empty. */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  /** The exact text the signature covers: {@code base64url(header) "." base64url(payload)}. */
  String signingInput() {
    return signingInput;
  }

  @Override
  public String toString() {
    return "VerifiedJws{"
        + algorithm
        + ", key="
        + keyId
        + ", payload="
        + payload.length
        + " bytes}";
  }
}
