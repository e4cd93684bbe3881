/**
 * The servlet filter: {@link dev.hookverify.servlet.WebhookFilter} reads the body within a limit,
 * verifies (and claims) the delivery, replays the verified bytes to the application, and settles
 * the claim by the handler's outcome, or in inbox mode stores the delivery and acknowledges it at
 * once for a worker to process; {@link dev.hookverify.servlet.VerifiedWebhooks} reads the verified
 * webhook in the handler; {@link dev.hookverify.servlet.RejectionHandler} answers rejections in an
 * application's own format.
 */
package dev.hookverify.servlet;
