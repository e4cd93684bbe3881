package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a {@link CertificateSignature} finds the certificate a message names by URL: certificates
 * the application supplies ({@link #of}, {@link #byUrl}), or, only as a separate and explicit
 * choice, a {@link CertificateFetcher}. Nothing is fetched by default.
 *
 * <p>Contract: called only with a URL its {@link CertificateUrlPolicy} allowed, on any thread, for
 * every request that reaches the signature check, forged ones included: answer from memory, or do
 * bounded work (a fetcher caches, rate-limits and times out). Return the certificates that may have
 * signed messages naming {@code url}, at most {@link Pem#MAX_CERTIFICATES}, leaf certificates only;
 * an empty list means none is known (the message is rejected with {@link
 * Reason#UNTRUSTED_CERTIFICATE}). Throw {@link IOException} when a certificate cannot be had right
 * now (the message is rejected with {@link Reason#VERIFIER_ERROR}, so the sender retries). The
 * caller checks each certificate's validity, subject and key; a source need not.
 */
@FunctionalInterface
public interface CertificateSource {
  /**
   * The certificates that may have signed messages naming {@code url}.
   *
   * @param url a certificate URL the policy allowed
   * @throws IOException if they cannot be had right now
   */
  List<X509Certificate> certificates(String url) throws IOException;

  /**
   * The same certificates for every allowed URL: the sender's current certificate and, during a
   * rotation, the next one. Each is tried until one verifies, so a forged message costs at most
   * this many signature checks.
   *
   * @throws IllegalArgumentException if none or more than {@link Pem#MAX_CERTIFICATES} are given
   */
  static CertificateSource of(List<X509Certificate> certificates) {
    List<X509Certificate> copy = List.copyOf(requireNonNull(certificates, "certificates"));
    if (copy.isEmpty() || copy.size() > Pem.MAX_CERTIFICATES) {
      throw new IllegalArgumentException("1 to " + Pem.MAX_CERTIFICATES + " certificates");
    }
    return new CertificateSource() {
      @Override
      public List<X509Certificate> certificates(String url) {
        return copy;
      }

      @Override
      public String toString() {
        return "CertificateSource{" + copy.size() + " supplied}";
      }
    };
  }

  /**
   * {@link #of} for certificates written in PEM (one or more blocks per text).
   *
   * @throws IllegalArgumentException if a text is not PEM certificates, or there are more than
   *     {@link Pem#MAX_CERTIFICATES} in all
   */
  static CertificateSource ofPem(List<String> pems) {
    List<X509Certificate> all = new java.util.ArrayList<>();
    for (String pem : requireNonNull(pems, "pems")) {
      all.addAll(Pem.certificates(pem));
    }
    return of(all);
  }

  /**
   * The certificate supplied for each exact URL; a URL without one has none. For applications that
   * keep the sender's certificates by the URL it names them with.
   *
   * @throws IllegalArgumentException if the map is empty or holds over 256 URLs
   */
  static CertificateSource byUrl(Map<String, X509Certificate> certificates) {
    Map<String, List<X509Certificate>> copy = new LinkedHashMap<>();
    requireNonNull(certificates, "certificates")
        .forEach((url, certificate) -> copy.put(requireNonNull(url), List.of(certificate)));
    if (copy.isEmpty() || copy.size() > 256) {
      throw new IllegalArgumentException("1 to 256 certificate URLs");
    }
    Map<String, List<X509Certificate>> byUrl = Map.copyOf(copy);
    return new CertificateSource() {
      @Override
      public List<X509Certificate> certificates(String url) {
        return byUrl.getOrDefault(url, List.of());
      }

      @Override
      public String toString() {
        return "CertificateSource{" + byUrl.size() + " by URL}";
      }
    };
  }
}
