package dev.hookverify;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.Codec;
import dev.hookverify.internal.ConstantTime;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;

/**
 * Verifies a compact JWS (RFC 7515) for one sender: the algorithm pinned, the key chosen from a
 * bounded set the application supplies, the claims the sender defines checked against an injected
 * clock. JDK cryptography only.
 *
 * <p><b>Security guarantees.</b>
 *
 * <ul>
 *   <li>The token's {@code alg} must equal the verifier's pinned {@link JwsAlgorithm}; {@code none}
 *       and every other value are refused before any key is touched. The key types follow from the
 *       pinned algorithm (shared secrets for HS256, RSA keys of at least 2048 bits for RS256, P-256
 *       keys for ES256), so the classic confusion of an RSA public key used as an HMAC secret
 *       cannot be configured, let alone chosen by a token.
 *   <li>The key is never taken from the token: {@code jwk}, {@code jku}, {@code x5u} and {@code
 *       crit} headers are refused; a {@code kid} is only looked up in the supplied set (at most
 *       {@value #MAX_KEYS} keys); an {@code x5c} chain is only used in certificate mode, where it
 *       must have exactly the configured length and validate with the JDK's PKIX (at the clock's
 *       instant, revocation not checked) to a root the application supplies; the root the token
 *       carries is never trusted.
 *   <li>Strict parsing: at most {@value #MAX_TOKEN_CHARS} characters, three segments, base64url
 *       without padding and with zero trailing bits (one encoding per byte string), header and
 *       claims each one strict JSON object with no key repeated anywhere ({@link JoseJson}).
 *   <li>The signature is checked before the claims are parsed; then {@code exp}, {@code nbf} and
 *       {@code iat} (JSON integers, seconds) against the clock with the leeway, and the issuer,
 *       audience and claims the sender defines. Every failure is a {@link Reason}: a token that
 *       cannot be parsed or asks for another algorithm is {@link Reason#MALFORMED_SIGNATURE}; a bad
 *       signature, an unknown {@code kid}, an untrusted chain, or a claim that names another
 *       issuer, audience or account is {@link Reason#SIGNATURE_MISMATCH} (the token is not a
 *       credential for this receiver); an expired token {@link Reason#TIMESTAMP_TOO_OLD}, one not
 *       yet valid {@link Reason#TIMESTAMP_IN_FUTURE}, a missing required time claim {@link
 *       Reason#MISSING_TIMESTAMP}, a time claim that is not an integer {@link
 *       Reason#MALFORMED_TIMESTAMP}.
 *   <li>Bounded work: one parse of the header, then one MAC per active secret or one signature
 *       check per candidate key (one when the token names its {@code kid}), or one PKIX validation
 *       of a chain of bounded length.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JwsVerifier {
  /** The longest token read, in characters. */
  public static final int MAX_TOKEN_CHARS = 64 * 1024;

  /** The most public keys a verifier holds. */
  public static final int MAX_KEYS = 16;

  /** The longest {@code x5c} chain accepted, root included. */
  public static final int MAX_CHAIN = 4;

  /** The largest leeway a verifier allows on time claims. */
  public static final Duration MAX_LEEWAY = Duration.ofMinutes(10);

  private static final Attempt TOO_LONG = malformed("token longer than " + MAX_TOKEN_CHARS);
  private static final Attempt NOT_COMPACT =
      malformed("token is not three base64url segments without padding");
  private static final Attempt BAD_HEADER = malformed("token header is not strict JSON");
  private static final Attempt NO_ALG = malformed("token header has no alg");
  private static final Attempt ALG_NONE = malformed("token alg none is refused");
  private static final Attempt OTHER_ALG = malformed("token alg is not the pinned algorithm");
  private static final Attempt KEY_IN_TOKEN =
      malformed("token header names its own key (jwk, jku, x5u) or crit: refused");
  private static final Attempt BAD_KID = malformed("token kid is not a short printable string");
  private static final Attempt BAD_SIGNATURE_LENGTH = malformed("token signature has a bad length");
  private static final Attempt BAD_X5C =
      malformed("token x5c is not a chain of base64 certificates of the expected length");
  private static final Attempt BAD_PAYLOAD = malformed("token claims are not strict JSON");
  private static final Attempt MISMATCH = mismatch("token signature mismatch");
  private static final Attempt UNKNOWN_KID = mismatch("token kid names no configured key");
  private static final Attempt UNTRUSTED_CHAIN =
      mismatch("token x5c chain does not validate to a configured root");
  private static final Attempt NO_ACTIVE_KEY =
      Attempt.rejected(Reason.NO_ACTIVE_KEY, "no key is active now");
  private static final Attempt EXPIRED =
      Attempt.rejected(Reason.TIMESTAMP_TOO_OLD, "token expired");
  private static final Attempt TOO_OLD =
      Attempt.rejected(Reason.TIMESTAMP_TOO_OLD, "token iat is older than allowed");
  private static final Attempt NOT_YET =
      Attempt.rejected(Reason.TIMESTAMP_IN_FUTURE, "token nbf or iat is in the future");
  private static final Attempt NO_EXP =
      Attempt.rejected(Reason.MISSING_TIMESTAMP, "token has no exp");
  private static final Attempt NO_IAT =
      Attempt.rejected(Reason.MISSING_TIMESTAMP, "token has no iat");
  private static final Attempt BAD_TIME =
      Attempt.rejected(Reason.MALFORMED_TIMESTAMP, "token exp, nbf or iat is not an integer");
  private static final Attempt WRONG_ISSUER = mismatch("token iss is not an accepted issuer");
  private static final Attempt WRONG_AUDIENCE = mismatch("token aud is not this receiver");

  private final JwsAlgorithm algorithm;
  private final KeyRing secrets;
  private final Map<String, PublicKey> publicKeys;
  private final Set<TrustAnchor> roots;
  private final int chainLength;
  private final List<String> chainExtensions;
  private final Set<String> issuers;
  private final String audience;
  private final Map<String, Object> requiredClaims;
  private final boolean requireExpiry;
  private final boolean requireIssuedAt;
  private final Duration maxAge;
  private final long leewaySeconds;

  private JwsVerifier(Builder b) {
    this.algorithm = b.algorithm;
    this.secrets = b.secrets;
    this.publicKeys = Map.copyOf(b.publicKeys);
    this.roots = Set.copyOf(b.roots);
    this.chainLength = b.chainLength;
    this.chainExtensions = List.copyOf(b.chainExtensions);
    this.issuers = Set.copyOf(b.issuers);
    this.audience = b.audience;
    this.requiredClaims = Map.copyOf(b.requiredClaims);
    this.requireExpiry = b.requireExpiry;
    this.requireIssuedAt = b.requireIssuedAt;
    this.maxAge = b.maxAge;
    this.leewaySeconds = b.leeway.getSeconds();
  }

  /** A builder for a verifier pinned to {@code algorithm}. */
  public static Builder builder(JwsAlgorithm algorithm) {
    return new Builder(algorithm);
  }

  /** The pinned algorithm. */
  public JwsAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Verifies {@code token} at the instant of {@code clock}.
   *
   * @return the verified token: its header, claims and payload as verified
   * @throws WebhookVerificationException if the token is not proven, with the reason (see the class
   *     documentation)
   */
  public VerifiedJws verify(CharSequence token, Clock clock) throws WebhookVerificationException {
    Result result = check(requireNonNull(token, "token"), requireNonNull(clock, "clock").instant());
    if (result.rejected != null) {
      throw result.rejected.toException();
    }
    return result.verified;
  }

  /** A verified token, or why not: never both. */
  static final class Result {
    final VerifiedJws verified;
    final Attempt rejected;

    private Result(VerifiedJws verified, Attempt rejected) {
      this.verified = verified;
      this.rejected = rejected;
    }
  }

  private static Result reject(Attempt why) {
    return new Result(null, why);
  }

  /** Checks {@code token} at {@code now}; never throws for any token. */
  Result check(CharSequence token, Instant now) {
    try {
      return checkOrThrow(token, now);
    } catch (GeneralSecurityException e) {
      return reject(Attempt.rejected(Reason.VERIFIER_ERROR, algorithm.jcaName() + " failed", e));
    }
  }

  private Result checkOrThrow(CharSequence token, Instant now) throws GeneralSecurityException {
    if (token.length() > MAX_TOKEN_CHARS) {
      return reject(TOO_LONG);
    }
    int first = -1;
    int second = -1;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        if (first < 0) {
          first = i;
        } else if (second < 0) {
          second = i;
        } else {
          return reject(NOT_COMPACT);
        }
      } else if (!isBase64Url(c)) {
        return reject(NOT_COMPACT);
      }
    }
    if (second < 0) {
      return reject(NOT_COMPACT);
    }
    byte[] headerBytes = base64Url(token, 0, first);
    byte[] payloadBytes = base64Url(token, first + 1, second);
    byte[] signature = base64Url(token, second + 1, token.length());
    if (headerBytes == null || payloadBytes == null || signature == null) {
      return reject(NOT_COMPACT);
    }
    Map<String, Object> header;
    try {
      header = JoseJson.object(headerBytes);
    } catch (JoseJson.Refused e) {
      return reject(BAD_HEADER);
    }
    Object alg = header.get("alg");
    if (!(alg instanceof String)) {
      return reject(NO_ALG);
    }
    if (((String) alg).equalsIgnoreCase("none")) {
      return reject(ALG_NONE);
    }
    if (!alg.equals(algorithm.name())) {
      return reject(OTHER_ALG);
    }
    if (header.containsKey("jwk")
        || header.containsKey("jku")
        || header.containsKey("x5u")
        || header.containsKey("crit")) {
      return reject(KEY_IN_TOKEN);
    }
    Object kid = header.get("kid");
    if (kid != null && !isPrintableId(kid)) {
      return reject(BAD_KID);
    }
    int expected = algorithm.signatureBytes();
    if (expected > 0 && signature.length != expected) {
      return reject(BAD_SIGNATURE_LENGTH);
    }
    String signingInput = token.subSequence(0, second).toString();
    byte[] signed = signingInput.getBytes(StandardCharsets.US_ASCII);

    String keyId;
    List<X509Certificate> chain = List.of();
    if (secrets != null) {
      keyId = null;
      boolean anyActive = false;
      byte[] computed = new byte[32];
      for (KeyEntry key : secrets.keys()) {
        if (!key.isActive(now)) {
          continue;
        }
        anyActive = true;
        Mac mac = key.mac(HmacAlgorithm.SHA256);
        mac.update(signed);
        mac.doFinal(computed, 0);
        key.release(HmacAlgorithm.SHA256, mac);
        if (ConstantTime.equal(computed, signature)) {
          keyId = key.id();
          break;
        }
      }
      if (keyId == null) {
        return reject(anyActive ? MISMATCH : NO_ACTIVE_KEY);
      }
    } else if (!roots.isEmpty()) {
      Object x5c = header.get("x5c");
      List<X509Certificate> parsed = certificates(x5c);
      if (parsed == null) {
        return reject(BAD_X5C);
      }
      PublicKey leafKey = validatedLeaf(parsed, now);
      if (leafKey == null || !fitsAlgorithm(leafKey) || !verifies(leafKey, signed, signature)) {
        return reject(leafKey == null ? UNTRUSTED_CHAIN : MISMATCH);
      }
      keyId = "x5c";
      chain = parsed;
    } else if (kid != null) {
      PublicKey key = publicKeys.get(kid);
      if (key == null) {
        return reject(UNKNOWN_KID);
      }
      if (!verifies(key, signed, signature)) {
        return reject(MISMATCH);
      }
      keyId = (String) kid;
    } else {
      keyId = null;
      for (Map.Entry<String, PublicKey> key : publicKeys.entrySet()) {
        if (verifies(key.getValue(), signed, signature)) {
          keyId = key.getKey();
          break;
        }
      }
      if (keyId == null) {
        return reject(MISMATCH);
      }
    }

    // Signed: now the claims are parsed, once, and checked.
    Map<String, Object> claims;
    try {
      claims = JoseJson.object(payloadBytes);
    } catch (JoseJson.Refused e) {
      return reject(BAD_PAYLOAD);
    }
    Attempt stale = checkTimes(claims, now);
    if (stale != null) {
      return reject(stale);
    }
    Attempt wrong = checkClaims(claims);
    if (wrong != null) {
      return reject(wrong);
    }
    return new Result(
        new VerifiedJws(algorithm, keyId, header, payloadBytes, claims, signingInput, chain), null);
  }

  private Attempt checkTimes(Map<String, Object> claims, Instant now) {
    Object exp = claims.get("exp");
    Object nbf = claims.get("nbf");
    Object iat = claims.get("iat");
    for (Object time : new Object[] {exp, nbf, iat}) {
      if (time != null && !(time instanceof Long)) {
        return BAD_TIME;
      }
    }
    long seconds = now.getEpochSecond();
    if (exp == null) {
      if (requireExpiry) {
        return NO_EXP;
      }
    } else if (seconds >= saturatedAdd((Long) exp, leewaySeconds)) {
      return EXPIRED;
    }
    if (nbf != null && saturatedAdd(seconds, leewaySeconds) < (Long) nbf) {
      return NOT_YET;
    }
    if (iat == null) {
      if (requireIssuedAt) {
        return NO_IAT;
      }
    } else {
      long issued = (Long) iat;
      if (saturatedAdd(seconds, leewaySeconds) < issued) {
        return NOT_YET;
      }
      if (maxAge != null && issued < seconds - maxAge.getSeconds() - leewaySeconds) {
        return TOO_OLD;
      }
    }
    return null;
  }

  private Attempt checkClaims(Map<String, Object> claims) {
    Object iss = claims.get("iss");
    // The set is immutable: contains(null) would throw, so a missing iss is checked first.
    if (!issuers.isEmpty() && (!(iss instanceof String) || !issuers.contains(iss))) {
      return WRONG_ISSUER;
    }
    if (audience != null && !hasAudience(claims, audience)) {
      return WRONG_AUDIENCE;
    }
    for (Map.Entry<String, Object> required : requiredClaims.entrySet()) {
      if (!required.getValue().equals(claims.get(required.getKey()))) {
        return mismatch("token claim " + required.getKey() + " is not the expected value");
      }
    }
    return null;
  }

  /** Whether {@code aud} is {@code audience} or an array that holds it. */
  static boolean hasAudience(Map<String, Object> claims, String audience) {
    Object aud = claims.get("aud");
    if (audience == null) {
      return false; // a request without a URI is no audience
    }
    return audience.equals(aud) || (aud instanceof List && ((List<?>) aud).contains(audience));
  }

  /** The x5c certificates, or null if the header does not hold a chain of the configured length. */
  private List<X509Certificate> certificates(Object x5c) {
    if (!(x5c instanceof List) || ((List<?>) x5c).size() != chainLength) {
      return null;
    }
    List<X509Certificate> chain = new ArrayList<>(chainLength);
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Object entry : (List<?>) x5c) {
        if (!(entry instanceof String)) {
          return null;
        }
        String text = (String) entry;
        byte[] der = java.util.Base64.getDecoder().decode(text);
        if (der.length == 0) {
          return null;
        }
        Certificate certificate = factory.generateCertificate(new ByteArrayInputStream(der));
        if (!(certificate instanceof X509Certificate)) {
          return null;
        }
        chain.add((X509Certificate) certificate);
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      // The JDK's DER parser reports hostile input with unchecked exceptions too.
      return null;
    }
    return chain;
  }

  /**
   * The leaf's key if {@code chain} minus its last certificate (the sender's copy of the root,
   * never trusted) validates to a configured root at {@code now}; else null.
   */
  private PublicKey validatedLeaf(List<X509Certificate> chain, Instant now) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> path = chain.subList(0, chain.size() - 1);
      CertPath certPath = factory.generateCertPath(path);
      PKIXParameters parameters = new PKIXParameters(roots);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(now));
      if (!chainExtensions.isEmpty()) {
        parameters.addCertPathChecker(new ExtensionChecker(chainExtensions, path.size()));
      }
      PKIXCertPathValidatorResult result =
          (PKIXCertPathValidatorResult)
              CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
      return result.getPublicKey();
    } catch (CertPathValidatorException | InvalidAlgorithmParameterException e) {
      return null;
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  private boolean verifies(PublicKey key, byte[] signed, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(algorithm.jcaName());
    verifier.initVerify(key);
    verifier.update(signed);
    try {
      return verifier.verify(signature);
    } catch (java.security.SignatureException e) {
      return false; // a signature of the wrong length or form for this key
    }
  }

  private boolean fitsAlgorithm(PublicKey key) {
    return algorithm == JwsAlgorithm.ES256
        ? isP256(key)
        : key instanceof RSAPublicKey && ((RSAPublicKey) key).getModulus().bitLength() >= 2048;
  }

  private static boolean isP256(PublicKey key) {
    return key instanceof ECPublicKey
        && ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize() == 256
        && ((ECPublicKey) key).getParams().getOrder().bitLength() == 256;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
  }

  private static boolean isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_';
  }

  /**
   * Decodes base64url without padding from {@code s[start, end)}; null for an impossible length or
   * non-zero trailing bits (a second spelling of the same bytes).
   */
  static byte[] base64Url(CharSequence s, int start, int end) {
    int chars = end - start;
    if (chars % 4 == 1) {
      return null;
    }
    byte[] out = new byte[(int) ((chars * 6L) / 8)];
    if (Codec.decodeBase64(s, start, end, out, true) != out.length) {
      return null;
    }
    if (chars % 4 != 0) {
      int last = base64UrlValue(s.charAt(end - 1));
      int unusedBits = chars % 4 == 2 ? 4 : 2;
      if ((last & ((1 << unusedBits) - 1)) != 0) {
        return null;
      }
    }
    return out;
  }

  private static int base64UrlValue(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '-' ? 62 : 63;
  }

  private static boolean isPrintableId(Object kid) {
    if (!(kid instanceof String)) {
      return false;
    }
    String text = (String) kid;
    if (text.isEmpty() || text.length() > 256) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static Attempt malformed(String message) {
    return Attempt.rejected(Reason.MALFORMED_SIGNATURE, message);
  }

  private static Attempt mismatch(String message) {
    return Attempt.rejected(Reason.SIGNATURE_MISMATCH, message);
  }

  @Override
  public String toString() {
    String keys =
        secrets != null
            ? secrets.toString()
            : !roots.isEmpty()
                ? "x5c to " + roots.size() + " root(s)"
                : "kids " + publicKeys.keySet();
    return "JwsVerifier{" + algorithm + ", " + keys + "}";
  }

  /**
   * Requires, at each position of the validated path (0 the leaf), a non-critical extension with
   * the configured OID: Apple's receipt-signer and WWDR intermediate markers, for example.
   */
  private static final class ExtensionChecker extends PKIXCertPathChecker {
    private final List<String> oids;
    private final int pathLength;
    private boolean forward;
    private int checked;

    ExtensionChecker(List<String> oids, int pathLength) {
      this.oids = oids;
      this.pathLength = pathLength;
    }

    @Override
    public void init(boolean forward) {
      this.forward = forward;
      this.checked = 0;
    }

    @Override
    public boolean isForwardCheckingSupported() {
      return true;
    }

    @Override
    public Set<String> getSupportedExtensions() {
      return new HashSet<>(oids);
    }

    @Override
    public void check(Certificate cert, Collection<String> unresolvedCritExts)
        throws CertPathValidatorException {
      int position = forward ? checked : pathLength - 1 - checked;
      checked++;
      if (position < 0 || position >= pathLength) {
        throw new CertPathValidatorException("path longer than expected");
      }
      if (position < oids.size()) {
        Set<String> present = ((X509Certificate) cert).getNonCriticalExtensionOIDs();
        if (present == null || !present.contains(oids.get(position))) {
          throw new CertPathValidatorException("a required extension is missing");
        }
      }
    }
  }

  /** Builds a {@link JwsVerifier}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final JwsAlgorithm algorithm;
    private KeyRing secrets;
    private final Map<String, PublicKey> publicKeys = new LinkedHashMap<>();
    private final Set<TrustAnchor> roots = new LinkedHashSet<>();
    private int chainLength;
    private List<String> chainExtensions = List.of();
    private final Set<String> issuers = new LinkedHashSet<>();
    private String audience;
    private final Map<String, Object> requiredClaims = new LinkedHashMap<>();
    private boolean requireExpiry;
    private boolean requireIssuedAt;
    private Duration maxAge;
    private Duration leeway = Duration.ZERO;

    private Builder(JwsAlgorithm algorithm) {
      this.algorithm = requireNonNull(algorithm, "algorithm");
    }

    /**
     * The shared secrets of an HS256 sender; each active one is tried.
     *
     * @throws IllegalStateException if the algorithm is not HS256
     */
    public Builder secrets(KeyRing ring) {
      requireNonNull(ring, "ring");
      if (algorithm != JwsAlgorithm.HS256) {
        throw new IllegalStateException(algorithm + " verifies with public keys, not secrets");
      }
      this.secrets = ring;
      return this;
    }

    /**
     * A public key, chosen when a token names {@code kid} (tokens without a {@code kid} try every
     * key).
     *
     * @throws IllegalStateException if the algorithm is HS256
     * @throws IllegalArgumentException if the key does not fit the algorithm (an RSA key under 2048
     *     bits, an EC key not on P-256), the kid is repeated or not printable, or there are more
     *     than {@value #MAX_KEYS} keys
     */
    public Builder publicKey(String kid, PublicKey key) {
      requireNonNull(kid, "kid");
      requireNonNull(key, "key");
      if (algorithm == JwsAlgorithm.HS256) {
        throw new IllegalStateException("HS256 verifies with secrets, not public keys");
      }
      boolean fits =
          algorithm == JwsAlgorithm.ES256
              ? isP256(key)
              : key instanceof RSAPublicKey
                  && ((RSAPublicKey) key).getModulus().bitLength() >= 2048;
      if (!fits) {
        throw new IllegalArgumentException("key " + kid + " does not fit " + algorithm);
      }
      if (!isPrintableId(kid)) {
        throw new IllegalArgumentException("a kid is 1-256 printable ASCII characters");
      }
      if (publicKeys.containsKey(kid)) {
        throw new IllegalArgumentException("kid repeated: " + kid);
      }
      if (publicKeys.size() == MAX_KEYS) {
        throw new IllegalArgumentException("at most " + MAX_KEYS + " public keys");
      }
      publicKeys.put(kid, key);
      return this;
    }

    /**
     * Certificate mode: the key is the leaf of the token's {@code x5c}, which must hold exactly
     * {@code chainLength} certificates, leaf first, the last one the sender's copy of its root
     * (never trusted); the others must validate with PKIX to one of {@code roots}, which are
     * matched by subject and key, not by their bytes.
     *
     * @throws IllegalArgumentException if there is no root or {@code chainLength} is not 2 to
     *     {@value #MAX_CHAIN}
     */
    public Builder x5c(Collection<X509Certificate> trustedRoots, int chainLength) {
      requireNonNull(trustedRoots, "trustedRoots");
      if (algorithm == JwsAlgorithm.HS256) {
        throw new IllegalStateException("HS256 verifies with secrets, not certificates");
      }
      if (trustedRoots.isEmpty() || trustedRoots.size() > MAX_KEYS) {
        throw new IllegalArgumentException("1 to " + MAX_KEYS + " trusted roots");
      }
      if (chainLength < 2 || chainLength > MAX_CHAIN) {
        throw new IllegalArgumentException(
            "an x5c chain holds 2 to " + MAX_CHAIN + " certificates");
      }
      for (X509Certificate root : trustedRoots) {
        roots.add(new TrustAnchor(requireNonNull(root, "root"), null));
      }
      this.chainLength = chainLength;
      return this;
    }

    /**
     * In certificate mode, the OIDs of non-critical extensions each certificate of the validated
     * path must carry: index 0 the leaf, index 1 the next one up.
     */
    public Builder x5cExtensions(String... oidsFromLeaf) {
      this.chainExtensions = List.of(oidsFromLeaf);
      return this;
    }

    /** Accepts tokens whose {@code iss} is one of {@code accepted}. */
    public Builder issuers(String... accepted) {
      issuers.addAll(List.of(accepted));
      return this;
    }

    /** Accepts tokens whose {@code aud} is {@code audience} or an array that contains it. */
    public Builder audience(String audience) {
      this.audience = requireNonNull(audience, "audience");
      return this;
    }

    /** Requires the string claim {@code name} to equal {@code value}. */
    public Builder claim(String name, String value) {
      requiredClaims.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /** Requires the boolean claim {@code name} to be {@code true}. */
    public Builder claimTrue(String name) {
      requiredClaims.put(requireNonNull(name, "name"), Boolean.TRUE);
      return this;
    }

    /** Requires an {@code exp} claim (it is always checked when present). */
    public Builder requireExpiry() {
      this.requireExpiry = true;
      return this;
    }

    /**
     * Requires an {@code iat} claim no older than {@code maxAge} (it is always checked against the
     * future when present).
     */
    public Builder requireIssuedAt(Duration maxAge) {
      requireNonNull(maxAge, "maxAge");
      if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(Duration.ofDays(366)) > 0) {
        throw new IllegalArgumentException("maxAge must be from 1 s to 366 days");
      }
      this.requireIssuedAt = true;
      this.maxAge = maxAge;
      return this;
    }

    /** The clock skew allowed on {@code exp}, {@code nbf} and {@code iat}; default zero. */
    public Builder leeway(Duration leeway) {
      requireNonNull(leeway, "leeway");
      if (leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
        throw new IllegalArgumentException("leeway must be 0 to " + MAX_LEEWAY);
      }
      this.leeway = leeway;
      return this;
    }

    /**
     * The verifier.
     *
     * @throws IllegalStateException if no key was given, or keys of two kinds
     */
    public JwsVerifier build() {
      int kinds =
          (secrets != null ? 1 : 0) + (publicKeys.isEmpty() ? 0 : 1) + (roots.isEmpty() ? 0 : 1);
      if (kinds != 1) {
        throw new IllegalStateException(
            "a JWS verifier needs one kind of key: secrets, public keys or x5c roots");
      }
      if (secrets != null) {
        try {
          for (KeyEntry key : secrets.keys()) {
            key.mac(HmacAlgorithm.SHA256); // resolve and key the Mac now, not on the first webhook
          }
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
      }
      return new JwsVerifier(this);
    }
  }
}
