package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies a certificate-signed canonical message, as AWS SNS and PayPal send them: an RSA PKCS#1
 * v1.5 signature, with the hash the message names (SHA-1 or SHA-256, only those the sender uses),
 * over a canonical string the sender's class builds from strictly parsed fields, by the key of the
 * X.509 certificate the message names by URL. JDK crypto only.
 *
 * <p>In this order, cheapest first: the algorithm the message names must be one of the sender's;
 * the certificate URL must pass the sender's {@link CertificateUrlPolicy} (before any look-up); the
 * signature must be base64 of at most {@value #MAX_SIGNATURE_BYTES} bytes; the {@link
 * CertificateSource} is asked for the URL's certificates; each must name one of the sender's
 * subjects in its DNS subject alternative names, be valid at the injected clock's instant and carry
 * an RSA key of at least 2048 bits; then the signature is checked under each, at most {@link
 * Pem#MAX_CERTIFICATES}.
 *
 * <p><b>Security guarantees.</b> A message is accepted only if its signature verifies over the
 * exact canonical bytes under a certificate the application trusts (supplied, or fetched by a
 * fetcher it chose) that is valid now and names the sender. A URL off the sender's hosts is never
 * looked up. A forged message costs one base64 decode, one look-up in the source and at most {@link
 * Pem#MAX_CERTIFICATES} RSA verifications. What the proof covers is the canonical message only: the
 * {@link Authentication} reports neither the body nor any header as signed, and its delivery key,
 * absent a signed id, is a digest of the canonical bytes.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CertificateSignature {
  /** The longest signature accepted, in bytes (a 4096-bit RSA signature is 512). */
  public static final int MAX_SIGNATURE_BYTES = 512;

  /** The smallest RSA modulus accepted, in bits. */
  public static final int MIN_RSA_BITS = 2048;

  private static final int SAN_DNS_NAME = 2;

  private final CertificateUrlPolicy urls;
  private final CertificateSource source;
  private final Map<String, String> algorithms;
  private final List<String> subjects;

  private CertificateSignature(Builder b) {
    this.urls = b.urls;
    this.source = b.source;
    this.algorithms = Map.copyOf(b.algorithms);
    this.subjects = List.copyOf(b.subjects);
  }

  /**
   * A builder for messages whose certificate URLs {@code urls} allows, with certificates from
   * {@code certificates}.
   */
  public static Builder builder(CertificateUrlPolicy urls, CertificateSource certificates) {
    return new Builder(urls, certificates);
  }

  /**
   * Verifies one message.
   *
   * @param request the request the message came in, for the delivery key
   * @param clock the clock the certificate's validity is checked against
   * @param algorithm the algorithm exactly as the message names it ({@code SignatureVersion} {@code
   *     "1"}, {@code PAYPAL-AUTH-ALGO} {@code SHA256withRSA})
   * @param certificateUrl the certificate URL exactly as the message names it
   * @param signatureBase64 the signature, standard base64 with padding
   * @param canonical the exact bytes the sender signed
   * @param signedAt the signed timestamp the sender's class read and checked, reported in the
   *     authentication; null if the message signs none
   * @return the proof, or why there is none; never thrown
   */
  public Attempt verify(
      WebhookRequest request,
      Clock clock,
      String algorithm,
      String certificateUrl,
      String signatureBase64,
      byte[] canonical,
      java.time.Instant signedAt) {
    String jcaName = algorithms.get(algorithm);
    if (jcaName == null) {
      return Attempt.rejected(
          Reason.MALFORMED_SIGNATURE, "the message names an algorithm the sender does not use");
    }
    if (!urls.allows(certificateUrl)) {
      return Attempt.rejected(
          Reason.UNTRUSTED_CERTIFICATE_URL, "the certificate URL is not on the sender's hosts");
    }
    byte[] signature = decode(signatureBase64);
    if (signature == null) {
      return Attempt.rejected(Reason.MALFORMED_SIGNATURE, "the signature is not base64");
    }
    List<X509Certificate> certificates;
    try {
      certificates = source.certificates(certificateUrl);
    } catch (IOException | RuntimeException e) {
      return Attempt.rejected(
          Reason.VERIFIER_ERROR, "the certificate could not be had from " + source, e);
    }
    if (certificates == null || certificates.isEmpty()) {
      return Attempt.rejected(
          Reason.UNTRUSTED_CERTIFICATE, "no certificate is trusted for the URL the message names");
    }
    String untrusted = null;
    boolean triedTrusted = false;
    int tried = 0;
    for (X509Certificate certificate : certificates) {
      if (tried++ == Pem.MAX_CERTIFICATES) {
        break;
      }
      String why = untrusted(certificate, clock);
      if (why != null) {
        untrusted = why;
        continue;
      }
      try {
        if (verifies(jcaName, certificate.getPublicKey(), canonical, signature)) {
          return Attempt.proven(
              Authentication.builder(Proof.PUBLIC_KEY_SIGNATURE, keyId(certificate))
                  .covers(canonicalContent(canonical), request, "")
                  .timestamp(signedAt)
                  .build());
        }
      } catch (GeneralSecurityException e) {
        return Attempt.rejected(Reason.VERIFIER_ERROR, jcaName + " failed", e);
      }
      triedTrusted = true; // a mismatch, unless another certificate verifies
    }
    return !triedTrusted && untrusted != null
        ? Attempt.rejected(Reason.UNTRUSTED_CERTIFICATE, untrusted)
        : Attempt.rejected(Reason.SIGNATURE_MISMATCH, "signature mismatch");
  }

  /** Why {@code certificate} is not trusted now, or null if it is. */
  private String untrusted(X509Certificate certificate, Clock clock) {
    try {
      certificate.checkValidity(new java.util.Date(clock.millis()));
    } catch (CertificateExpiredException e) {
      return "the certificate has expired";
    } catch (CertificateNotYetValidException e) {
      return "the certificate is not yet valid";
    }
    PublicKey key = certificate.getPublicKey();
    if (!(key instanceof RSAPublicKey)
        || ((RSAPublicKey) key).getModulus().bitLength() < MIN_RSA_BITS) {
      return "the certificate's key is not RSA of at least " + MIN_RSA_BITS + " bits";
    }
    if (!namesSubject(certificate)) {
      return "the certificate names another subject";
    }
    return null;
  }

  private boolean namesSubject(X509Certificate certificate) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return false;
    }
    if (names == null) {
      return false;
    }
    for (List<?> name : names) {
      if (name.size() == 2
          && Integer.valueOf(SAN_DNS_NAME).equals(name.get(0))
          && name.get(1) instanceof String) {
        String dnsName = (String) name.get(1);
        for (String subject : subjects) {
          if (CertificateUrlPolicy.matches(subject, dnsName)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static boolean verifies(String jcaName, PublicKey key, byte[] content, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(jcaName);
    verifier.initVerify(key);
    verifier.update(content);
    try {
      return verifier.verify(signature);
    } catch (SignatureException wrongLength) {
      return false; // a signature of another length than the key's: not this one
    }
  }

  private static byte[] decode(String text) {
    if (text == null
        || text.isEmpty()
        || text.length() % 4 != 0
        || text.length() > (MAX_SIGNATURE_BYTES + 2) / 3 * 4) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** A short, public name for the certificate: the start of its SHA-256 fingerprint. */
  private static String keyId(X509Certificate certificate) {
    try {
      byte[] digest = dev.hookverify.internal.Sha256.newDigest().digest(certificate.getEncoded());
      return "cert-" + java.util.HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.cert.CertificateEncodingException e) {
      return "cert";
    }
  }

  private static SignedContent canonicalContent(byte[] canonical) {
    byte[] copy = canonical.clone();
    return SignedContent.builder()
        .part((sink, request, timestamp) -> sink.write(copy, 0, copy.length))
        .build();
  }

  @Override
  public String toString() {
    return "CertificateSignature{" + algorithms.keySet() + ", " + urls + ", " + source + "}";
  }

  /** Builds a {@link CertificateSignature}; checks each input at once. Not thread-safe. */
  public static final class Builder {
    private final CertificateUrlPolicy urls;
    private final CertificateSource source;
    private final Map<String, String> algorithms = new LinkedHashMap<>();
    private final List<String> subjects = new ArrayList<>();

    private Builder(CertificateUrlPolicy urls, CertificateSource source) {
      this.urls = requireNonNull(urls, "urls");
      this.source = requireNonNull(source, "certificates");
    }

    /**
     * Accepts messages that name {@code name} (such as SNS's {@code "2"}) as signed with {@code
     * jcaName}.
     *
     * @throws IllegalArgumentException if {@code jcaName} is not {@code SHA1withRSA} or {@code
     *     SHA256withRSA}, or {@code name} is blank or used already
     */
    public Builder algorithm(String name, String jcaName) {
      if (!"SHA1withRSA".equals(jcaName) && !"SHA256withRSA".equals(jcaName)) {
        throw new IllegalArgumentException("only SHA1withRSA and SHA256withRSA: " + jcaName);
      }
      if (requireNonNull(name, "name").isBlank() || algorithms.containsKey(name)) {
        throw new IllegalArgumentException("algorithm name blank or used already: " + name);
      }
      algorithms.put(name, jcaName);
      return this;
    }

    /**
     * Trusts certificates that name {@code pattern} (a DNS name, {@code *} within a label as in
     * {@link CertificateUrlPolicy}) among their DNS subject alternative names.
     *
     * @throws IllegalArgumentException if it is not a lower-case DNS name pattern
     */
    public Builder subject(String pattern) {
      CertificateUrlPolicy.builder().host(pattern); // the same grammar, checked the same way
      subjects.add(pattern);
      return this;
    }

    /**
     * The verifier.
     *
     * @throws IllegalStateException if no algorithm or no subject was given
     */
    public CertificateSignature build() {
      if (algorithms.isEmpty() || subjects.isEmpty()) {
        throw new IllegalStateException("at least one algorithm and one subject are required");
      }
      return new CertificateSignature(this);
    }
  }
}
