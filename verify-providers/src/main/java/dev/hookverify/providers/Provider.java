package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A webhook sender's conventions, as the {@link Providers} registry and configuration-driven
 * applications see them: its name, headers, algorithm, tolerance and delivery id, how its secrets
 * are written, and a verifier for its keys.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Provider {
  private final String name;
  private final String headers;
  private final String algorithm;
  private final String tolerance;
  private final String deliveryId;
  private final boolean deliveryIdSigned;
  private final Function<String, WebhookSecret> secrets;
  private final Function<KeyRing, WebhookVerifier.Builder> verifiers;
  private final BiFunction<WebhookSecret, OutgoingWebhook, Map<String, String>> signer;
  private final Function<List<String>, WebhookVerifier.Builder> publicKeyVerifiers;
  private final BiFunction<String, OutgoingWebhook, Map<String, String>> privateKeySigner;
  private final Supplier<TestKeys> testKeys;

  /** A provider that verifies shared secrets. */
  Provider(
      String name,
      String headers,
      String algorithm,
      String tolerance,
      String deliveryId,
      boolean deliveryIdSigned,
      Function<String, WebhookSecret> secrets,
      Function<KeyRing, WebhookVerifier.Builder> verifiers,
      BiFunction<WebhookSecret, OutgoingWebhook, Map<String, String>> signer) {
    this(
        name,
        headers,
        algorithm,
        tolerance,
        deliveryId,
        deliveryIdSigned,
        secrets,
        verifiers,
        signer,
        null,
        null,
        null);
  }

  /** A provider that verifies public-key signatures. */
  Provider(
      String name,
      String headers,
      String algorithm,
      String tolerance,
      String deliveryId,
      boolean deliveryIdSigned,
      Function<List<String>, WebhookVerifier.Builder> publicKeyVerifiers,
      BiFunction<String, OutgoingWebhook, Map<String, String>> privateKeySigner,
      Supplier<TestKeys> testKeys) {
    this(
        name,
        headers,
        algorithm,
        tolerance,
        deliveryId,
        deliveryIdSigned,
        null,
        null,
        null,
        publicKeyVerifiers,
        privateKeySigner,
        testKeys);
  }

  private Provider(
      String name,
      String headers,
      String algorithm,
      String tolerance,
      String deliveryId,
      boolean deliveryIdSigned,
      Function<String, WebhookSecret> secrets,
      Function<KeyRing, WebhookVerifier.Builder> verifiers,
      BiFunction<WebhookSecret, OutgoingWebhook, Map<String, String>> signer,
      Function<List<String>, WebhookVerifier.Builder> publicKeyVerifiers,
      BiFunction<String, OutgoingWebhook, Map<String, String>> privateKeySigner,
      Supplier<TestKeys> testKeys) {
    this.name = name;
    this.headers = headers;
    this.algorithm = algorithm;
    this.tolerance = tolerance;
    this.deliveryId = deliveryId;
    this.deliveryIdSigned = deliveryIdSigned;
    this.secrets = secrets;
    this.verifiers = verifiers;
    this.signer = signer;
    this.publicKeyVerifiers = publicKeyVerifiers;
    this.privateKeySigner = privateKeySigner;
    // Shared-secret providers make a random secret in their own form.
    this.testKeys = testKeys != null ? testKeys : () -> new TestKeys(randomSecret(), null);
  }

  /** A random secret in the first form this provider's parser accepts: text, whsec_ or hex. */
  private String randomSecret() {
    byte[] bytes = new byte[24];
    new java.security.SecureRandom().nextBytes(bytes);
    String[] forms = {
      "test_" + Signed.hex(bytes), "whsec_" + Signed.base64(bytes), Signed.hex(bytes)
    };
    // Standard Webhooks, Svix and GitLab signing tokens are handed out as whsec_ keys.
    boolean whsec = name.matches("standard-webhooks|svix|clerk|resend|gitlab");
    for (String candidate : forms) {
      if (whsec && !candidate.startsWith("whsec_")) {
        continue;
      }
      try {
        secrets.apply(candidate);
        return candidate;
      } catch (IllegalArgumentException notThisForm) {
        // try the next form
      }
    }
    throw new IllegalStateException("no test secret form for " + name);
  }

  /** The lower-case registry name, such as {@code stripe}. */
  public String name() {
    return name;
  }

  /** The headers the sender uses for its proof. */
  public String headers() {
    return headers;
  }

  /** The algorithm and what it covers. */
  public String algorithm() {
    return algorithm;
  }

  /** The timestamp tolerance, or {@code none}. */
  public String tolerance() {
    return tolerance;
  }

  /** Where the delivery id comes from, or {@code none}. */
  public String deliveryId() {
    return deliveryId;
  }

  /** Whether the delivery id is covered by the signature. */
  public boolean isDeliveryIdSigned() {
    return deliveryIdSigned;
  }

  /** Whether the sender signs with a private key, verified with public keys. */
  public boolean usesPublicKeys() {
    return publicKeyVerifiers != null;
  }

  /**
   * A verifier builder for keys as the sender hands them out, ids {@code key-1}, {@code key-2},
   * ...: shared secrets (a {@code whsec_} key for Standard Webhooks, text for most), or public keys
   * for public-key senders (hex for Discord, base64 for SendGrid).
   *
   * @throws IllegalArgumentException if a key is empty, blank or not in the sender's form
   */
  public WebhookVerifier.Builder verifier(List<String> keys) {
    if (requireNonNull(keys, "keys").isEmpty()) {
      throw new IllegalArgumentException("at least one key is required");
    }
    if (usesPublicKeys()) {
      return publicKeyVerifiers.apply(keys);
    }
    KeyRing.Builder ring = KeyRing.builder();
    for (int i = 0; i < keys.size(); i++) {
      ring.add("key-" + (i + 1), secret(keys.get(i)));
    }
    return verifier(ring.build());
  }

  /**
   * Every header this sender sends for {@code webhook}, signed with {@code signingKey} as the
   * sender holds it (the shared secret, or the private key): the proof, the content type, the event
   * or topic and the sender's other metadata headers, with realistic defaults for what {@code
   * webhook} does not give.
   *
   * @throws IllegalArgumentException if the key is not in the sender's form, or {@code webhook}
   *     replaces a proof header or gives a header value with a control character
   * @throws IllegalStateException for a sender that signs inside the body (Mailgun, Adyen)
   */
  public Map<String, String> sign(String signingKey, OutgoingWebhook webhook) {
    requireNonNull(signingKey, "signingKey");
    requireNonNull(webhook, "webhook");
    if (!usesPublicKeys()) {
      return sign(secret(signingKey), webhook, signingKey);
    }
    SenderHeaders sender = SenderHeaders.of(name);
    OutgoingWebhook complete = webhook.withDefaultContentType(sender.contentType());
    return sender.complete(complete, privateKeySigner.apply(signingKey, complete), null);
  }

  /** A fresh key pair (or shared secret) in this provider's formats, for tests and demos. */
  public TestKeys newTestKeys() {
    return testKeys.get();
  }

  /**
   * A shared secret as the sender hands it out.
   *
   * @throws IllegalArgumentException if it is empty, blank or not in the sender's form
   * @throws IllegalStateException for a public-key sender
   */
  public WebhookSecret secret(String text) {
    sharedSecretOnly();
    return secrets.apply(requireNonNull(text, "text"));
  }

  /**
   * A verifier builder for the shared secrets of {@code keys}.
   *
   * @throws IllegalStateException for a public-key sender: use {@link #verifier(List)}
   */
  public WebhookVerifier.Builder verifier(KeyRing keys) {
    sharedSecretOnly();
    return verifiers.apply(requireNonNull(keys, "keys"));
  }

  private void sharedSecretOnly() {
    if (usesPublicKeys()) {
      throw new IllegalStateException(
          name + " verifies public-key signatures: pass its public keys");
    }
  }

  /**
   * Every header this sender sends for {@code webhook}, signed with {@code secret}, as {@link
   * #sign(String, OutgoingWebhook)}: for tests, demos, and the command-line tool. HubSpot's legacy
   * v1 signature hashes the secret text itself, so only that method sends it.
   *
   * @throws IllegalArgumentException if {@code webhook} replaces a proof header or gives a header
   *     value with a control character
   * @throws IllegalStateException for a public-key sender, or one that signs inside the body
   */
  public Map<String, String> sign(WebhookSecret secret, OutgoingWebhook webhook) {
    return sign(secret, webhook, null);
  }

  private Map<String, String> sign(
      WebhookSecret secret, OutgoingWebhook webhook, String secretText) {
    sharedSecretOnly();
    requireNonNull(secret, "secret");
    requireNonNull(webhook, "webhook");
    if (!signsInHeaders()) {
      throw new IllegalStateException(name + " signs inside the body: use its own class to sign");
    }
    SenderHeaders sender = SenderHeaders.of(name);
    OutgoingWebhook complete = webhook.withDefaultContentType(sender.contentType());
    return sender.complete(complete, signer.apply(secret, complete), secretText);
  }

  /** Whether the proof travels in headers; false for senders that sign inside the body. */
  public boolean signsInHeaders() {
    return usesPublicKeys() || signer != null;
  }

  @Override
  public String toString() {
    return "Provider{" + name + "}";
  }
}
