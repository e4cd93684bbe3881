/**
 * The WebFlux side: {@link dev.hookverify.spring.autoconfigure.reactive.WebhookWebFilter} reads the
 * body within a limit, verifies (and claims) the delivery off the event loop, replays the verified
 * bytes and form to the application, and settles the claim by the handler's outcome; {@link
 * dev.hookverify.spring.autoconfigure.reactive.VerifiedWebhookArgumentResolver} and {@link
 * dev.hookverify.spring.autoconfigure.reactive.VerifiedWebhooks} hand the handler the verified
 * webhook; {@link dev.hookverify.spring.autoconfigure.reactive.RejectionHandler} answers rejections
 * in an application's own format.
 */
package dev.hookverify.spring.autoconfigure.reactive;
