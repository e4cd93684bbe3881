package dev.hookverify.providers;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/**
 * A test certificate authority for the signing kit of certificate-chain senders (Apple's App Store
 * Server Notifications): a self-signed P-256 root, an intermediate and a leaf, each with the
 * extensions the sender's chain carries, built with Bouncy Castle's ASN.1 classes and signed with
 * the JDK. Made fresh at test-key time; never for production.
 */
final class TestCertificates {
  private static final ASN1ObjectIdentifier ECDSA_WITH_SHA256 =
      new ASN1ObjectIdentifier("1.2.840.10045.4.3.2");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A root, an intermediate and a leaf; the leaf's private key signs. */
  static final class Chain {
    final X509Certificate root;
    final X509Certificate intermediate;
    final X509Certificate leaf;
    final PrivateKey leafKey;

    Chain(
        X509Certificate root, X509Certificate intermediate, X509Certificate leaf, PrivateKey key) {
      this.root = root;
      this.intermediate = intermediate;
      this.leaf = leaf;
      this.leafKey = key;
    }
  }

  private TestCertificates() {}

  /**
   * A fresh chain valid from 1970 to 9999 (the kit signs at any timestamp), the intermediate marked
   * with {@code intermediateOid} and the leaf with {@code leafOid} (non-critical, empty value: as
   * Apple marks them).
   */
  static Chain chain(String leafOid, String intermediateOid) {
    try {
      KeyPair rootKeys = p256();
      KeyPair intermediateKeys = p256();
      KeyPair leafKeys = p256();
      Date from = new Date(0L); // the kit signs deliveries at any timestamp, past ones included
      Date to = new Date(253_402_300_799_000L); // 9999-12-31T23:59:59Z: RFC 5280's "no expiry"
      X500Name rootName = new X500Name("CN=hookverify test root,O=hookverify test");
      X500Name intermediateName = new X500Name("CN=hookverify test intermediate,O=Intermediate");
      X500Name leafName = new X500Name("CN=hookverify test leaf,O=Leaf");
      X509Certificate root =
          certificate(
              rootName,
              rootName,
              rootKeys.getPublic(),
              rootKeys.getPrivate(),
              true,
              null,
              from,
              to);
      X509Certificate intermediate =
          certificate(
              rootName,
              intermediateName,
              intermediateKeys.getPublic(),
              rootKeys.getPrivate(),
              true,
              intermediateOid,
              from,
              to);
      X509Certificate leaf =
          certificate(
              intermediateName,
              leafName,
              leafKeys.getPublic(),
              intermediateKeys.getPrivate(),
              false,
              leafOid,
              from,
              to);
      return new Chain(root, intermediate, leaf, leafKeys.getPrivate());
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build test certificates", e);
    }
  }

  private static KeyPair p256() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static X509Certificate certificate(
      X500Name issuer,
      X500Name subject,
      PublicKey key,
      PrivateKey issuerKey,
      boolean ca,
      String markerOid,
      Date from,
      Date to)
      throws GeneralSecurityException, java.io.IOException {
    AlgorithmIdentifier algorithm = new AlgorithmIdentifier(ECDSA_WITH_SHA256);
    V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
    tbs.setSerialNumber(new org.bouncycastle.asn1.ASN1Integer(new BigInteger(64, RANDOM)));
    tbs.setIssuer(issuer);
    tbs.setSubject(subject);
    tbs.setStartDate(new Time(from));
    tbs.setEndDate(new Time(to));
    tbs.setSignature(algorithm);
    tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    ExtensionsGenerator extensions = new ExtensionsGenerator();
    extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    extensions.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
    if (markerOid != null) {
      extensions.addExtension(new ASN1ObjectIdentifier(markerOid), false, DERNull.INSTANCE);
    }
    tbs.setExtensions(extensions.generate());
    TBSCertificate certificate = tbs.generateTBSCertificate();
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(issuerKey);
    signer.update(certificate.getEncoded("DER"));
    ASN1EncodableVector parts = new ASN1EncodableVector();
    parts.add(certificate);
    parts.add(algorithm);
    parts.add(new DERBitString(signer.sign()));
    byte[] der = new DERSequence(parts).getEncoded("DER");
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new java.io.ByteArrayInputStream(der));
  }
}
