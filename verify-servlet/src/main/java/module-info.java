/**
 * hookverify for Jakarta Servlet 6: {@link dev.hookverify.servlet.WebhookFilter} verifies and
 * deduplicates webhooks before the application's servlet runs, and hands it the verified webhook;
 * in inbox mode it stores each verified delivery and acknowledges it at once, for a worker.
 *
 * <p>Exports {@code dev.hookverify.servlet} only; the request wrapper that replays the verified
 * bytes is package-private.
 */
module dev.hookverify.servlet {
  requires transitive dev.hookverify.core;
  requires transitive jakarta.servlet;

  exports dev.hookverify.servlet;
}
