package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.WebhookVerifier;
import dev.hookverify.providers.signing.OutgoingWebhook;
import dev.hookverify.providers.signing.SignedDelivery;
import java.util.List;
import java.util.Map;

/**
 * A sender that signs with a private key (Ed25519, ECDSA): receivers verify with its public keys,
 * written in the sender's {@link KeyForm}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PublicKeyProvider extends Provider {
  /** Builds the verifier of a sender from its public keys and options. */
  @FunctionalInterface
  interface Verifiers {
    WebhookVerifier.Builder builder(List<String> publicKeys, ProviderOptions options);
  }

  /** Signs in headers with a private key: the proof headers for {@code webhook}. */
  @FunctionalInterface
  interface HeaderSigner {
    Map<String, String> sign(String privateKey, OutgoingWebhook webhook);
  }

  /** Signs inside the body with a private key: the body and headers the sender sends. */
  @FunctionalInterface
  interface BodySigner {
    SignedDelivery sign(String privateKey, OutgoingWebhook webhook);
  }

  private final Verifiers verifiers;
  private final BodySigner signer;

  private PublicKeyProvider(Builder b) {
    super(b);
    this.verifiers = b.verifiers;
    this.signer = b.signer;
  }

  @Override
  WebhookVerifier.Builder build(List<String> keys, ProviderOptions options) {
    return verifiers.builder(List.copyOf(keys), options);
  }

  @Override
  Signer signer() {
    return signer::sign;
  }

  /** Declares a public-key sender; {@link #build()} checks that every part is there. */
  static final class Builder extends Declaration<Builder> {
    private Verifiers verifiers;
    private BodySigner signer;

    Builder(String name) {
      super(name);
    }

    @Override
    Builder self() {
      return this;
    }

    /** How its keys are written; a shared-secret form is refused. */
    Builder keyForm(KeyForm form) {
      if (!requireNonNull(form, "form").isPublicKey()) {
        throw new IllegalArgumentException(name + ": " + form + " is not a public-key form");
      }
      this.keyForm = form;
      return this;
    }

    /** Its verifier. */
    Builder verifiers(Verifiers verifiers) {
      this.verifiers = requireNonNull(verifiers, "verifiers");
      return this;
    }

    /** Its signer, for a sender whose proof travels in headers. */
    Builder signer(HeaderSigner signer) {
      requireNonNull(signer, "signer");
      this.signer = (key, webhook) -> SignedDelivery.of(signer.sign(key, webhook), webhook.body());
      this.signsInHeaders = true;
      return this;
    }

    /** Its signer, for a sender that signs inside the body. */
    Builder signsBody(BodySigner signer) {
      this.signer = requireNonNull(signer, "signer");
      this.signsInHeaders = false;
      return this;
    }

    PublicKeyProvider build() {
      check(verifiers, signer);
      return new PublicKeyProvider(this);
    }
  }
}
