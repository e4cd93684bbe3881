package dev.hookverify.providers.signing;

/**
 * A webhook sender's signer, as the signing kit offers it: produces exactly what the real sender
 * sends, so receivers can be tested without the sender. Get one from {@link
 * dev.hookverify.providers.Provider#sender()}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Sender {
  /** The registry name of the sender, such as {@code stripe}. */
  String provider();

  /**
   * Exactly what the sender sends for {@code webhook}, signed with {@code signingKey} as the sender
   * holds it (the shared secret, or the private key): every header (the proof, the content type,
   * the event or topic and the sender's other metadata, with realistic defaults for what {@code
   * webhook} does not give), and the body.
   *
   * @throws IllegalArgumentException if the key is not in the sender's form, or the sender could
   *     not send {@code webhook} (a body its signature would not cover, say)
   */
  SignedDelivery sign(String signingKey, OutgoingWebhook webhook);

  /** A fresh key pair (or shared secret) in the sender's form. */
  TestKeys newTestKeys();
}
