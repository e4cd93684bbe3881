package dev.hookverify.providers;

import dev.hookverify.PublicKeyAuthenticator;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Ed25519 and ECDSA P-256 keys and signatures behind one interface, with two engines: Bouncy Castle
 * (the declared dependency, the default) and the JDK's own provider. The benchmarks compare them;
 * both are tested against the providers' vectors.
 */
final class PublicKeys {
  /** Who computes public-key signatures. */
  enum Engine {
    /** Bouncy Castle's provider, used without registering it globally. */
    BOUNCY_CASTLE(new BouncyCastleProvider()),
    /** The JDK's SunEC provider. */
    JDK(null);

    private final Provider provider;

    Engine(Provider provider) {
      this.provider = provider;
    }

    Signature signature(String algorithm) throws GeneralSecurityException {
      return provider == null
          ? Signature.getInstance(algorithm)
          : Signature.getInstance(algorithm, provider);
    }

    /** A core public-key authenticator builder that verifies with this engine. */
    PublicKeyAuthenticator.Builder authenticator(String algorithm) {
      PublicKeyAuthenticator.Builder builder = PublicKeyAuthenticator.builder(algorithm);
      return provider == null ? builder : builder.provider(provider);
    }

    KeyFactory keyFactory(String algorithm) throws GeneralSecurityException {
      return provider == null
          ? KeyFactory.getInstance(algorithm)
          : KeyFactory.getInstance(algorithm, provider);
    }
  }

  /** The engine providers use unless told otherwise. */
  static final Engine DEFAULT = Engine.BOUNCY_CASTLE;

  static final String ED25519 = "Ed25519";
  static final String ECDSA_P256 = "SHA256withECDSA";

  // DER prefixes that wrap a raw 32-byte Ed25519 key as SubjectPublicKeyInfo / PKCS#8.
  private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");
  private static final byte[] ED25519_PKCS8 =
      HexFormat.of().parseHex("302e020100300506032b657004220420");

  private PublicKeys() {}

  /**
   * An Ed25519 public key from its 32 raw bytes.
   *
   * @throws IllegalArgumentException if it is not 32 bytes or not a valid key
   */
  static PublicKey ed25519Public(byte[] raw, Engine engine) {
    if (raw.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
    }
    try {
      return engine
          .keyFactory(ED25519)
          .generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI, raw)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 public key");
    }
  }

  /** An Ed25519 private key from its 32-byte seed. */
  static PrivateKey ed25519Private(byte[] seed, Engine engine) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("an Ed25519 private key seed is 32 bytes");
    }
    try {
      return engine
          .keyFactory(ED25519)
          .generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8, seed)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 private key");
    }
  }

  /** The 32 raw bytes of an Ed25519 public key. */
  static byte[] ed25519Raw(PublicKey key) {
    byte[] spki = key.getEncoded();
    return java.util.Arrays.copyOfRange(spki, spki.length - 32, spki.length);
  }

  /** An EC public key from base64 SubjectPublicKeyInfo (SendGrid's "verification key"). */
  static PublicKey ecPublic(String base64Spki, Engine engine) {
    try {
      return engine
          .keyFactory("EC")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64Spki.strip())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 EC public key");
    }
  }

  /** An EC private key from base64 PKCS#8. */
  static PrivateKey ecPrivate(String base64Pkcs8, Engine engine) {
    try {
      return engine
          .keyFactory("EC")
          .generatePrivate(
              new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64Pkcs8.strip())));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 PKCS#8 EC private key");
    }
  }

  /** Signs {@code parts} in order. */
  static byte[] sign(String algorithm, PrivateKey key, Engine engine, byte[]... parts) {
    try {
      Signature signature = engine.signature(algorithm);
      signature.initSign(key);
      for (byte[] part : parts) {
        signature.update(part);
      }
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " signing failed", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
