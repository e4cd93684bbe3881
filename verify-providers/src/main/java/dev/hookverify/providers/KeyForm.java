package dev.hookverify.providers;

import dev.hookverify.WebhookSecret;
import dev.hookverify.providers.signing.TestKeys;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a sender hands out its keys: the text a receiver configures, how it is parsed, and how to
 * make a fresh pair for tests and demos in the same form.
 */
public enum KeyForm {
  /** A shared secret used as its UTF-8 bytes (GitHub, Stripe, Slack and most senders). */
  TEXT("a shared secret, as text", WebhookSecret::ofUtf8, () -> shared("test_" + randomHex())),
  /** A shared secret {@code whsec_<base64>} (Standard Webhooks, Svix and its customers). */
  WHSEC(
      "a shared secret whsec_<base64>",
      StandardWebhooks::secret,
      () -> shared("whsec_" + Signed.base64(randomBytes()))),
  /** A GitLab secret token (text) or signing token ({@code whsec_<base64>}). */
  TEXT_OR_WHSEC(
      "a secret token (text) or a signing token whsec_<base64>",
      GitLab::secret,
      () -> shared("whsec_" + Signed.base64(randomBytes()))),
  /** A shared HMAC key written in hex (Adyen). */
  HEX("a shared key in hex", Adyen::secret, () -> shared(randomHex())),
  /** An Ed25519 public key as 64 hex characters; its private half a 32-byte seed in hex. */
  ED25519_HEX("an Ed25519 public key in hex", null, KeyForm::ed25519Hex),
  /** An Ed25519 public key {@code whpk_<base64>}; its private half {@code whsk_<base64 seed>}. */
  ED25519_WHPK("an Ed25519 public key whpk_<base64>", null, KeyForm::ed25519Whpk),
  /** A P-256 public key as base64 SubjectPublicKeyInfo; its private half base64 PKCS#8. */
  EC_P256_BASE64("a P-256 public key, base64 SubjectPublicKeyInfo", null, KeyForm::ecP256),
  /**
   * AWS SNS's signing certificate in PEM; its private half an RSA key as base64 PKCS#8 (test keys
   * are a self-signed certificate naming {@code sns.amazonaws.com}).
   */
  AWS_SNS_CERTIFICATE(
      "AWS SNS's signing certificate, PEM",
      null,
      () -> SigningCertificates.testKeys("sns.amazonaws.com")),
  /**
   * The PayPal webhook's id, a line break, then PayPal's signing certificate in PEM; its private
   * half the webhook id, a line break, an RSA key as base64 PKCS#8 (test keys are a self-signed
   * certificate naming {@code messageverificationcerts.sandbox.paypal.com}).
   */
  PAYPAL_WEBHOOK_CERTIFICATE(
      "the webhook id, a line break, then PayPal's signing certificate, PEM",
      null,
      KeyForm::payPal),
  /** A shared HMAC key written in base64, decoded before use (Microsoft Teams' security token). */
  BASE64(
      "a shared key in base64", WebhookSecret::ofBase64, () -> shared(Signed.base64(random32()))),
  /** An Ed25519 public key as base64 of its 32 bytes (Telnyx); its private half a base64 seed. */
  ED25519_BASE64("an Ed25519 public key in base64", null, KeyForm::ed25519Base64),
  /**
   * A Braintree API key pair {@code public_key:private_key}: the public key names the signature,
   * the SHA-1 digest of the private key is the HMAC key. No other form carries a key's name.
   */
  BRAINTREE(
      "a Braintree API key pair public_key:private_key",
      Braintree::secret,
      () -> shared(Braintree.newTestKey())),
  /**
   * Google Pub/Sub push: the push service account's email, a space, and Google's JWKS as JSON; its
   * private half {@code <email> <kid> <base64 PKCS#8 RSA key>}.
   */
  GOOGLE_JWKS(
      "the push service account email, a space, and Google's JWKS (JSON)",
      null,
      KeyForm::googleJwks),
  /**
   * Apple App Store: {@code <bundle id> <Sandbox|Production> <root certificate, base64 DER>}; its
   * private half {@code <bundle id> <environment> <leaf PKCS#8> <leaf> <intermediate> <root>}, a
   * fresh test chain with Apple's markers.
   */
  APPLE_ROOT(
      "the bundle id, Sandbox or Production, and the Apple root certificate (base64 DER)",
      null,
      KeyForm::appleRoot);

  private final String description;
  private final Function<String, WebhookSecret> secrets;
  private final Supplier<TestKeys> testKeys;

  KeyForm(
      String description, Function<String, WebhookSecret> secrets, Supplier<TestKeys> testKeys) {
    this.description = description;
    this.secrets = secrets;
    this.testKeys = testKeys;
  }

  /** What a receiver configures, in words. */
  public String description() {
    return description;
  }

  /** Whether receivers verify with public keys (the sender signs with the private half). */
  public boolean isPublicKey() {
    return secrets == null;
  }

  /** A fresh key pair (or shared secret) in this form. */
  public TestKeys newTestKeys() {
    return testKeys.get();
  }

  /**
   * The shared secret {@code text} in this form; for {@link SharedSecretProvider}, whose builder
   * accepts only forms that are not public keys.
   *
   * @throws IllegalArgumentException if it is empty, blank or not in this form
   */
  WebhookSecret secret(String text) {
    return secrets.apply(text);
  }

  private static TestKeys shared(String secret) {
    return TestKeys.shared(secret);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static byte[] random32() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static String randomHex() {
    return Signed.hex(randomBytes());
  }

  private static TestKeys ed25519Hex() {
    KeyPair pair = generate("Ed25519");
    return TestKeys.pair(
        Signed.hex(ed25519Seed(pair)), Signed.hex(PublicKeys.ed25519Raw(pair.getPublic())));
  }

  private static TestKeys ed25519Base64() {
    KeyPair pair = generate("Ed25519");
    return TestKeys.pair(
        Signed.base64(ed25519Seed(pair)), Signed.base64(PublicKeys.ed25519Raw(pair.getPublic())));
  }

  private static TestKeys ed25519Whpk() {
    KeyPair pair = generate("Ed25519");
    return TestKeys.pair(
        "whsk_" + Signed.base64(ed25519Seed(pair)),
        "whpk_" + Signed.base64(PublicKeys.ed25519Raw(pair.getPublic())));
  }

  private static TestKeys ecP256() {
    KeyPair pair = generate("EC");
    return TestKeys.pair(
        Signed.base64(pair.getPrivate().getEncoded()),
        Signed.base64(pair.getPublic().getEncoded()));
  }

  private static final String TEST_ACCOUNT = "pubsub-push@hookverify-test.iam.gserviceaccount.com";

  private static TestKeys googleJwks() {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA key generation failed", e);
    }
    java.security.interfaces.RSAPublicKey rsa =
        (java.security.interfaces.RSAPublicKey) pair.getPublic();
    String kid = randomHex().substring(0, 40);
    String jwks =
        "{\"keys\":[{\"kty\":\"RSA\",\"alg\":\"RS256\",\"use\":\"sig\",\"kid\":\""
            + kid
            + "\",\"n\":\""
            + Jws.base64Url(unsigned(rsa.getModulus()))
            + "\",\"e\":\""
            + Jws.base64Url(unsigned(rsa.getPublicExponent()))
            + "\"}]}";
    return TestKeys.pair(
        TEST_ACCOUNT + " " + kid + " " + Signed.base64(pair.getPrivate().getEncoded()),
        TEST_ACCOUNT + " " + jwks);
  }

  private static byte[] unsigned(java.math.BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static TestKeys appleRoot() {
    TestCertificates.Chain chain =
        TestCertificates.chain(AppStore.LEAF_OID, AppStore.INTERMEDIATE_OID);
    try {
      String app = "dev.hookverify.test Sandbox ";
      return TestKeys.pair(
          app
              + Signed.base64(chain.leafKey.getEncoded())
              + " "
              + Signed.base64(chain.leaf.getEncoded())
              + " "
              + Signed.base64(chain.intermediate.getEncoded())
              + " "
              + Signed.base64(chain.root.getEncoded()),
          app + Signed.base64(chain.root.getEncoded()));
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode test certificates", e);
    }
  }

  /**
   * The 32-byte seed of an Ed25519 PKCS#8 encoding: the OCTET STRING (04 20) inside the private key
   * OCTET STRING (04 22). Version 2 encodings append the public key, so not simply the tail.
   */
  private static byte[] ed25519Seed(KeyPair pair) {
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    for (int i = 0; i + 4 + 32 <= pkcs8.length; i++) {
      if (pkcs8[i] == 0x04
          && pkcs8[i + 1] == 0x22
          && pkcs8[i + 2] == 0x04
          && pkcs8[i + 3] == 0x20) {
        return Arrays.copyOfRange(pkcs8, i + 4, i + 4 + 32);
      }
    }
    throw new IllegalStateException("unexpected Ed25519 private key encoding");
  }

  private static TestKeys payPal() {
    TestKeys keys = SigningCertificates.testKeys("messageverificationcerts.sandbox.paypal.com");
    String webhookId = randomHex().substring(0, 17).toUpperCase(java.util.Locale.ROOT);
    return TestKeys.pair(
        webhookId + "\n" + keys.signingKey(), webhookId + "\n" + keys.verificationKey());
  }

  private static KeyPair generate(String algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " key generation failed", e);
    }
  }
}
