package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.util.List;
import java.util.Map;

/**
 * A sender that shares a secret with its receivers: an HMAC key or a token. Its secrets are parsed
 * in the sender's {@link KeyForm}, and a verifier can be built from a {@link KeyRing} as well as
 * from the secrets' text.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SharedSecretProvider extends Provider {
  /** Builds the verifier of a sender from its key ring and options. */
  @FunctionalInterface
  interface Verifiers {
    WebhookVerifier.Builder builder(KeyRing keys, ProviderOptions options);
  }

  /** Builds the verifier of a sender that needs its secrets as text (HubSpot's legacy hashes). */
  @FunctionalInterface
  interface TextVerifiers {
    WebhookVerifier.Builder builder(List<String> secrets, ProviderOptions options);
  }

  /** Signs in headers: the proof headers for {@code webhook}. */
  @FunctionalInterface
  interface HeaderSigner {
    Map<String, String> sign(WebhookSecret secret, OutgoingWebhook webhook);
  }

  /** Signs inside the body: the body and headers the sender sends for {@code webhook}. */
  @FunctionalInterface
  interface BodySigner {
    SignedDelivery sign(WebhookSecret secret, OutgoingWebhook webhook);
  }

  private final Verifiers verifiers;
  private final TextVerifiers textVerifiers;
  private final BodySigner signer;
  private final Signer textSigner;

  private SharedSecretProvider(Builder b) {
    super(b);
    this.verifiers = b.verifiers;
    this.textVerifiers = b.textVerifiers;
    this.signer = b.signer;
    this.textSigner = b.textSigner;
  }

  /**
   * A shared secret as the sender hands it out.
   *
   * @throws IllegalArgumentException if it is empty, blank or not in the sender's form
   */
  public WebhookSecret secret(String text) {
    return keyForm().secret(requireNonNull(text, "text"));
  }

  /**
   * A verifier builder for the secrets of {@code keys}, with {@code options}.
   *
   * @throws IllegalArgumentException if an option is set that this sender does not support
   */
  public WebhookVerifier.Builder verifier(KeyRing keys, ProviderOptions options) {
    requireNonNull(keys, "keys");
    options.allowOnly(name(), options().toArray(new ProviderOptions.Option[0]));
    return verifiers.builder(keys, options);
  }

  /** A verifier builder for the secrets of {@code keys}, with the sender's defaults. */
  public WebhookVerifier.Builder verifier(KeyRing keys) {
    return verifier(keys, ProviderOptions.defaults());
  }

  @Override
  WebhookVerifier.Builder build(List<String> keys, ProviderOptions options) {
    if (textVerifiers != null) {
      keys.forEach(this::secret); // checks each secret's form, as the key ring would
      return textVerifiers.builder(List.copyOf(keys), options);
    }
    KeyRing.Builder ring = KeyRing.builder();
    for (int i = 0; i < keys.size(); i++) {
      ring.add("key-" + (i + 1), secret(keys.get(i)));
    }
    return verifiers.builder(ring.build(), options);
  }

  @Override
  Signer signer() {
    if (textSigner != null) {
      return (text, webhook) -> {
        secret(text); // checks the key's form, as the other signers do
        return textSigner.sign(text, webhook);
      };
    }
    return (text, webhook) -> signer.sign(secret(text), webhook);
  }

  /** Declares a shared-secret sender; {@link #build()} checks that every part is there. */
  static final class Builder extends Declaration<Builder> {
    private Verifiers verifiers;
    private TextVerifiers textVerifiers;
    private BodySigner signer;
    private Signer textSigner;

    Builder(String name) {
      super(name);
    }

    @Override
    Builder self() {
      return this;
    }

    /** How its secrets are written; a public-key form is refused. */
    Builder keyForm(KeyForm form) {
      if (requireNonNull(form, "form").isPublicKey()) {
        throw new IllegalArgumentException(name + ": " + form + " is a public-key form");
      }
      this.keyForm = form;
      return this;
    }

    /** Its verifier. */
    Builder verifiers(Verifiers verifiers) {
      this.verifiers = requireNonNull(verifiers, "verifiers");
      return this;
    }

    /**
     * Its verifier from secrets as text, used when keys are given as text: for a sender whose
     * legacy scheme hashes the secret text itself.
     */
    Builder textVerifiers(TextVerifiers verifiers) {
      this.textVerifiers = requireNonNull(verifiers, "verifiers");
      return this;
    }

    /** Its signer, for a sender whose proof travels in headers. */
    Builder signsHeaders(HeaderSigner signer) {
      requireNonNull(signer, "signer");
      this.signer =
          (secret, webhook) -> SignedDelivery.of(signer.sign(secret, webhook), webhook.body());
      this.signsInHeaders = true;
      return this;
    }

    /** Its signer, for a sender that signs inside the body. */
    Builder signsBody(BodySigner signer) {
      this.signer = requireNonNull(signer, "signer");
      this.signsInHeaders = false;
      return this;
    }

    /**
     * Its signer from the key as text, for a sender that signs inside the body with a key whose
     * text carries more than the secret (Braintree's public key names the signature).
     */
    Builder signsBodyFromText(Signer signer) {
      this.textSigner = requireNonNull(signer, "signer");
      this.signsInHeaders = false;
      return this;
    }

    SharedSecretProvider build() {
      check(verifiers, signer != null ? signer : textSigner);
      return new SharedSecretProvider(this);
    }
  }
}
