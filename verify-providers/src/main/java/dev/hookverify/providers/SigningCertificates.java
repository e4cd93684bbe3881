package dev.hookverify.providers;

import dev.hookverify.CertificateSource;
import dev.hookverify.Pem;
import dev.hookverify.providers.signing.TestKeys;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/**
 * RSA signing and X.509 test certificates for the certificate-signed senders (AWS SNS, PayPal):
 * what their signing kit signs with, and a self-signed certificate in the sender's name to verify
 * with, built with Bouncy Castle's ASN.1 classes at test-key time.
 */
final class SigningCertificates {
  /** The first instant a test certificate is valid: 1970-01-01T00:00:00Z. */
  static final Instant NOT_BEFORE = Instant.EPOCH;

  /** The last instant a test certificate is valid: 9999-12-31T23:59:59Z (RFC 5280's "no end"). */
  static final Instant NOT_AFTER = Instant.ofEpochSecond(253_402_300_799L);

  private SigningCertificates() {}

  /**
   * A fresh 2048-bit RSA key and a self-signed certificate naming {@code dnsName}, valid from 1970
   * to 9999: the private key as base64 PKCS#8, the certificate as PEM.
   */
  static TestKeys testKeys(String dnsName) {
    KeyPair pair = rsaKeyPair();
    return TestKeys.pair(
        Signed.base64(pair.getPrivate().getEncoded()),
        pem(selfSigned(pair, dnsName, NOT_BEFORE, NOT_AFTER)));
  }

  /** A fresh 2048-bit RSA key pair. */
  static KeyPair rsaKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation failed", e);
    }
  }

  /**
   * The DER of a self-signed X.509 v3 certificate for {@code pair}, subject {@code CN=dnsName} with
   * {@code dnsName} as its one DNS subject alternative name, valid from {@code from} to {@code to}.
   */
  static byte[] selfSigned(KeyPair pair, String dnsName, Instant from, Instant to) {
    try {
      AlgorithmIdentifier algorithm =
          new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption, DERNull.INSTANCE);
      X500Name name = new X500Name("CN=" + dnsName);
      V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
      tbs.setSerialNumber(
          new ASN1Integer(new BigInteger(64, new SecureRandom()).add(BigInteger.ONE)));
      tbs.setSignature(algorithm);
      tbs.setIssuer(name);
      tbs.setSubject(name);
      // Time writes UTCTime from 1950 to 2049 and GeneralizedTime outside, as RFC 5280 requires.
      tbs.setStartDate(new Time(Date.from(from)));
      tbs.setEndDate(new Time(Date.from(to)));
      tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
      ExtensionsGenerator extensions = new ExtensionsGenerator();
      extensions.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
      tbs.setExtensions(extensions.generate());
      TBSCertificate certificate = tbs.generateTBSCertificate();
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(pair.getPrivate());
      signer.update(certificate.getEncoded(ASN1Encoding.DER));
      ASN1EncodableVector parts = new ASN1EncodableVector();
      parts.add(certificate);
      parts.add(algorithm);
      parts.add(new DERBitString(signer.sign()));
      return new DERSequence(parts).getEncoded(ASN1Encoding.DER);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("test certificate generation failed", e);
    }
  }

  /** {@code der} as a PEM certificate block, 64 characters a line. */
  static String pem(byte[] der) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
  }

  /**
   * The RSA private key of {@code base64Pkcs8}.
   *
   * @throws IllegalArgumentException if it is not base64 PKCS#8 of an RSA key
   */
  static PrivateKey rsaPrivate(String base64Pkcs8) {
    try {
      byte[] der = Base64.getMimeDecoder().decode(base64Pkcs8.strip());
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException("not a base64 PKCS#8 RSA private key");
    }
  }

  /** The RSA signature ({@code SHA1withRSA} or {@code SHA256withRSA}) of {@code content}. */
  static byte[] sign(String jcaName, PrivateKey key, byte[] content) {
    try {
      Signature signer = Signature.getInstance(jcaName);
      signer.initSign(key);
      signer.update(content);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(jcaName + " signing failed: " + e.getMessage());
    }
  }

  /**
   * The certificates of PEM texts as a source for every allowed URL.
   *
   * @throws IllegalArgumentException if a text is not PEM certificates, or there are too many
   */
  static CertificateSource source(List<String> pems) {
    return CertificateSource.ofPem(pems);
  }

  /** Whether {@code text} parses as PEM certificates; for key-form checks. */
  static boolean isPem(String text) {
    try {
      Pem.certificates(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
