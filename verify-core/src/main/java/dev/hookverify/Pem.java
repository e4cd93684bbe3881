package dev.hookverify;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * X.509 certificates written in PEM, read strictly: one or more {@code -----BEGIN CERTIFICATE-----}
 * blocks of standard base64 (lines of any length, {@code \n} or {@code \r\n}), with nothing but
 * white space around and between them; each block exactly one DER certificate, nothing after it.
 * Bounded: at most {@value #MAX_PEM_CHARS} characters and {@value #MAX_CERTIFICATES} certificates.
 */
public final class Pem {
  /** The longest PEM text read (a leaf and its chain are about 2-8 KiB). */
  public static final int MAX_PEM_CHARS = 64 * 1024;

  /** The most certificates one PEM text may hold. */
  public static final int MAX_CERTIFICATES = 8;

  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String END = "-----END CERTIFICATE-----";

  private Pem() {}

  /**
   * The certificates of {@code pem}, in order (a leaf first, as senders serve them).
   *
   * @throws IllegalArgumentException if it is not PEM certificates within the bounds above, saying
   *     why without echoing the text
   */
  public static List<X509Certificate> certificates(String pem) {
    requireNonNull(pem, "pem");
    if (pem.length() > MAX_PEM_CHARS) {
      throw new IllegalArgumentException("PEM text over " + MAX_PEM_CHARS + " characters");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    int at = skipSpace(pem, 0);
    while (at < pem.length()) {
      if (!pem.startsWith(BEGIN, at)) {
        throw new IllegalArgumentException("not a PEM certificate block");
      }
      int end = pem.indexOf(END, at + BEGIN.length());
      if (end < 0) {
        throw new IllegalArgumentException("PEM certificate block without its END line");
      }
      if (certificates.size() == MAX_CERTIFICATES) {
        throw new IllegalArgumentException("more than " + MAX_CERTIFICATES + " certificates");
      }
      certificates.add(certificate(base64(pem, at + BEGIN.length(), end)));
      at = skipSpace(pem, end + END.length());
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no PEM certificate");
    }
    return List.copyOf(certificates);
  }

  /** The certificates of {@code pem} as UTF-8 bytes; see {@link #certificates(String)}. */
  static List<X509Certificate> certificates(byte[] pem) {
    for (byte b : pem) {
      if (b < 0) {
        throw new IllegalArgumentException("PEM text is not ASCII");
      }
    }
    return certificates(new String(pem, java.nio.charset.StandardCharsets.US_ASCII));
  }

  private static int skipSpace(String text, int at) {
    while (at < text.length() && isSpace(text.charAt(at))) {
      at++;
    }
    return at;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static byte[] base64(String pem, int start, int end) {
    StringBuilder text = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = pem.charAt(i);
      if (c == '\n' || c == '\r') {
        continue;
      }
      boolean alphabet =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '=';
      if (!alphabet) {
        throw new IllegalArgumentException("PEM block holds a character outside base64");
      }
      text.append(c);
    }
    try {
      return Base64.getDecoder().decode(text.toString());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PEM block is not base64");
    }
  }

  private static X509Certificate certificate(byte[] der) {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      X509Certificate certificate =
          (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
      // The factory reads one certificate and ignores what follows: refuse trailing bytes.
      if (!Arrays.equals(certificate.getEncoded(), der)) {
        throw new IllegalArgumentException("PEM block holds more than one DER certificate");
      }
      return certificate;
    } catch (CertificateException | RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw (IllegalArgumentException) e;
      }
      throw new IllegalArgumentException("PEM block is not an X.509 certificate");
    }
  }
}
