package dev.hookverify.providers;

import static java.util.Objects.requireNonNull;

import dev.hookverify.KeyRing;
import dev.hookverify.WebhookSecret;
import dev.hookverify.WebhookVerifier;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

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
    this.name = name;
    this.headers = headers;
    this.algorithm = algorithm;
    this.tolerance = tolerance;
    this.deliveryId = deliveryId;
    this.deliveryIdSigned = deliveryIdSigned;
    this.secrets = secrets;
    this.verifiers = verifiers;
    this.signer = signer;
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

  /**
   * A secret as the sender hands it out (a {@code whsec_} key for Standard Webhooks, text for
   * most).
   *
   * @throws IllegalArgumentException if it is empty, blank or not in the sender's form
   */
  public WebhookSecret secret(String text) {
    return secrets.apply(requireNonNull(text, "text"));
  }

  /** A verifier builder for {@code keys} (add a listener, clock or body limit, then build). */
  public WebhookVerifier.Builder verifier(KeyRing keys) {
    return verifiers.apply(requireNonNull(keys, "keys"));
  }

  /**
   * The headers this provider sends for {@code webhook}, signed with {@code secret}: for tests,
   * demos, and the command-line tool.
   */
  public Map<String, String> sign(WebhookSecret secret, OutgoingWebhook webhook) {
    return signer.apply(requireNonNull(secret, "secret"), requireNonNull(webhook, "webhook"));
  }

  @Override
  public String toString() {
    return "Provider{" + name + "}";
  }
}
