package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.Sender;
import dev.hookverify.providers.signing.SignedDelivery;
import dev.hookverify.providers.signing.TestKeys;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A webhook sender's conventions, declared once in the {@link Providers} registry: its name,
 * headers, algorithm, tolerance and delivery id, the content type it posts, the form of its keys,
 * the {@linkplain ProviderOptions options} it supports, a verifier for its keys and a {@link
 * Sender} that produces exactly what it sends.
 *
 * <p>Two kinds, told apart by type rather than by a run-time check: {@link SharedSecretProvider}
 * (HMAC and token senders) and {@link PublicKeyProvider} (Ed25519 and ECDSA senders). Every
 * provider signs: senders that sign inside the body (Mailgun, Adyen) produce the body too.
 *
 * <p>Instances are immutable and thread-safe.
 */
public abstract sealed class Provider permits SharedSecretProvider, PublicKeyProvider {
  /** Signs an outgoing webhook with a key as the sender holds it. */
  @FunctionalInterface
  interface Signer {
    SignedDelivery sign(String signingKey, OutgoingWebhook webhook);
  }

  private final String name;
  private final String headers;
  private final String algorithm;
  private final String tolerance;
  private final String deliveryId;
  private final boolean deliveryIdSigned;
  private final KeyForm keyForm;
  private final Set<ProviderOptions.Option> options;
  private final SenderHeaders sends;
  private final boolean signsInHeaders;
  private final Sender sender =
      new Sender() {
        @Override
        public String provider() {
          return name;
        }

        @Override
        public SignedDelivery sign(String signingKey, OutgoingWebhook webhook) {
          return signed(signingKey, webhook);
        }

        @Override
        public TestKeys newTestKeys() {
          return keyForm.newTestKeys();
        }

        @Override
        public String toString() {
          return "Sender{" + name + "}";
        }
      };

  Provider(Declaration<?> d) {
    this.name = d.name;
    this.headers = d.headers;
    this.algorithm = d.algorithm;
    this.tolerance = d.tolerance;
    this.deliveryId = d.deliveryId;
    this.deliveryIdSigned = d.deliveryIdSigned;
    this.keyForm = d.keyForm;
    this.options = Set.copyOf(d.options);
    this.sends = d.sends;
    this.signsInHeaders = d.signsInHeaders;
  }

  /** A registry entry for a sender that shares a secret with its receivers. */
  static SharedSecretProvider.Builder sharedSecret(String name) {
    return new SharedSecretProvider.Builder(name);
  }

  /** A registry entry for a sender that signs with a private key. */
  static PublicKeyProvider.Builder publicKey(String name) {
    return new PublicKeyProvider.Builder(name);
  }

  /** The lower-case registry name, such as {@code stripe}. */
  public final String name() {
    return name;
  }

  /** The headers the sender uses for its proof. */
  public final String headers() {
    return headers;
  }

  /** The algorithm and what it covers. */
  public final String algorithm() {
    return algorithm;
  }

  /** The default timestamp tolerance, or {@code none}. */
  public final String tolerance() {
    return tolerance;
  }

  /** Where the delivery id comes from, or {@code none}. */
  public final String deliveryId() {
    return deliveryId;
  }

  /** Whether the delivery id is covered by the signature. */
  public final boolean isDeliveryIdSigned() {
    return deliveryIdSigned;
  }

  /** The media type the sender posts, such as {@code application/json}. */
  public final String contentType() {
    return sends.contentType();
  }

  /** How the sender hands out its keys. */
  public final KeyForm keyForm() {
    return keyForm;
  }

  /** The options this sender supports; setting any other is refused when a verifier is built. */
  public final Set<ProviderOptions.Option> options() {
    return options;
  }

  /** Whether the sender signs with a private key, verified with public keys. */
  public final boolean usesPublicKeys() {
    return this instanceof PublicKeyProvider;
  }

  /** Whether the proof travels in headers; false for senders that sign inside the body. */
  public final boolean signsInHeaders() {
    return signsInHeaders;
  }

  /**
   * A verifier builder for keys as the sender hands them out (see {@link #keyForm()}), ids {@code
   * key-1}, {@code key-2}, ..., with the sender's documented defaults.
   *
   * @throws IllegalArgumentException if there is no key, or a key is empty, blank or not in the
   *     sender's form
   */
  public final WebhookVerifier.Builder verifier(List<String> keys) {
    return verifier(keys, ProviderOptions.defaults());
  }

  /**
   * A verifier builder for keys as the sender hands them out, with {@code options}.
   *
   * @throws IllegalArgumentException if there is no key, a key is not in the sender's form, there
   *     are more than {@link dev.hookverify.KeyRing#MAX_KEYS}, or an option is set that this sender
   *     does not support
   */
  public final WebhookVerifier.Builder verifier(List<String> keys, ProviderOptions options) {
    requireNonNull(keys, "keys");
    requireNonNull(options, "options");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one key is required");
    }
    options.allowOnly(name, options().toArray(new ProviderOptions.Option[0]));
    return build(keys, options);
  }

  abstract WebhookVerifier.Builder build(List<String> keys, ProviderOptions options);

  /** This sender's signer: the signing kit's way to produce exactly what the sender sends. */
  public final Sender sender() {
    return sender;
  }

  /** What this sender sends for {@code webhook}: the signer's proof and the sender's headers. */
  private SignedDelivery signed(String signingKey, OutgoingWebhook webhook) {
    requireNonNull(signingKey, "signingKey");
    OutgoingWebhook complete =
        requireNonNull(webhook, "webhook").withDefaultContentType(sends.contentType());
    SignedDelivery proof = signer().sign(signingKey, complete);
    Map<String, String> headers = sends.complete(complete, proof.headers(), signingKey);
    return SignedDelivery.of(headers, proof.body());
  }

  abstract Signer signer();

  @Override
  public final String toString() {
    return "Provider{" + name + "}";
  }

  /** What every registry entry declares; its builders check each part at once. */
  abstract static class Declaration<B extends Declaration<B>> {
    final String name;
    String headers;
    String algorithm;
    String tolerance;
    String deliveryId;
    boolean deliveryIdSigned;
    KeyForm keyForm;
    final EnumSet<ProviderOptions.Option> options = EnumSet.noneOf(ProviderOptions.Option.class);
    SenderHeaders sends;
    boolean signsInHeaders = true;

    Declaration(String name) {
      if (!requireNonNull(name, "name").matches("[a-z0-9][a-z0-9-]{0,62}")) {
        throw new IllegalArgumentException("a provider name is lower-case letters, digits, '-'");
      }
      this.name = name;
    }

    abstract B self();

    /** The proof headers, for listings. */
    B headers(String headers) {
      this.headers = nonBlank(headers, "headers");
      return self();
    }

    /** The algorithm and what it covers, for listings. */
    B algorithm(String algorithm) {
      this.algorithm = nonBlank(algorithm, "algorithm");
      return self();
    }

    /** The default tolerance in words, or {@code none}. */
    B tolerance(String tolerance) {
      this.tolerance = nonBlank(tolerance, "tolerance");
      return self();
    }

    /** Where the delivery id comes from and whether the signature covers it. */
    B deliveryId(String where, boolean signed) {
      this.deliveryId = nonBlank(where, "deliveryId");
      this.deliveryIdSigned = signed;
      return self();
    }

    /** The options the sender supports. */
    B options(ProviderOptions.Option... supported) {
      options.addAll(List.of(supported));
      return self();
    }

    /** The headers and content type the sender sends beside its proof. */
    B sends(SenderHeaders sends) {
      this.sends = requireNonNull(sends, "sends");
      return self();
    }

    /** Checks that every part, the common ones and the kind's own {@code parts}, was declared. */
    void check(Object... parts) {
      for (Object part : new Object[] {headers, algorithm, tolerance, deliveryId, keyForm, sends}) {
        requireDeclared(part);
      }
      for (Object part : parts) {
        requireDeclared(part);
      }
    }

    private void requireDeclared(Object part) {
      if (part == null) {
        throw new IllegalStateException(name + ": a registry entry declares every part");
      }
    }

    private static String nonBlank(String value, String what) {
      if (requireNonNull(value, what).isBlank()) {
        throw new IllegalArgumentException(what + " is blank");
      }
      return value;
    }
  }
}
