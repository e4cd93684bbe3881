/**
 * One small class per webhook sender ({@link dev.hookverify.providers.Stripe}, {@link
 * dev.hookverify.providers.GitHub}, ...), each encoding its exact conventions with the header names
 * as constants and a link to its signing documentation, and the {@link
 * dev.hookverify.providers.Providers} registry of them, declared as data: a {@link
 * dev.hookverify.providers.SharedSecretProvider} or a {@link
 * dev.hookverify.providers.PublicKeyProvider} per sender, with its {@link
 * dev.hookverify.providers.KeyForm} and the {@link dev.hookverify.providers.ProviderOptions} it
 * supports, so every sender is configured the same way.
 *
 * <p>{@link dev.hookverify.providers.Provider#sender()} produces exactly what each sender sends,
 * through the signing kit of {@code dev.hookverify.providers.signing}, so receivers can be tested
 * without the sender.
 */
package dev.hookverify.providers;
