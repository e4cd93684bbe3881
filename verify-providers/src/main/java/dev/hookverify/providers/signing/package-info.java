/**
 * The signing kit's values, for testing receivers without the sender: an {@link
 * dev.hookverify.providers.signing.OutgoingWebhook} (body, time, id, URL, event, extra headers)
 * goes into a sender's {@link dev.hookverify.providers.signing.Sender} ({@link
 * dev.hookverify.providers.Provider#sender()}), which returns the {@link
 * dev.hookverify.providers.signing.SignedDelivery} the real sender would send (every header, and
 * the body where the signature is inside it); {@link dev.hookverify.providers.signing.TestKeys} is
 * a fresh key pair or shared secret in a sender's own form.
 */
package dev.hookverify.providers.signing;
