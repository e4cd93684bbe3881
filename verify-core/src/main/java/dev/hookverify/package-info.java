/**
 * Verifies incoming webhooks: a {@link dev.hookverify.WebhookVerifier} returns a {@link
 * dev.hookverify.VerifiedWebhook} or throws a {@link dev.hookverify.WebhookVerificationException}
 * with a stable {@link dev.hookverify.Reason}, and nothing else for any input.
 *
 * <p>A verifier runs its {@link dev.hookverify.Authenticator}s: {@link
 * dev.hookverify.HmacAuthenticator} (a {@link dev.hookverify.SignatureHeader} layout over {@link
 * dev.hookverify.SignedContent}), {@link dev.hookverify.PublicKeyAuthenticator} (the same header
 * grammar, JCA signatures) and {@link dev.hookverify.TokenAuthenticator}. Each answers with an
 * {@link dev.hookverify.Attempt}; the exception is made once, at the public method. Keys come from
 * a {@link dev.hookverify.KeyRing} (rotation, validity windows) or per tenant ({@link
 * dev.hookverify.TenantResolver}, {@link dev.hookverify.TenantKeys}); timestamps are checked by a
 * {@link dev.hookverify.TimestampPolicy} against an injected clock.
 *
 * <p>{@link dev.hookverify.IdempotentVerifier} then claims each delivery once in a store of {@link
 * dev.hookverify.idempotency}: its key is a function of the delivery (the signed id, else a digest
 * of the signed content), never of the path the proof took.
 *
 * <p>Every public type says whether it is thread-safe; verifiers and authenticators are immutable
 * and meant to be built once and shared.
 */
package dev.hookverify;
