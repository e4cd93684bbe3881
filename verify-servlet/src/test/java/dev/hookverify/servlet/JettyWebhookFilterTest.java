package dev.hookverify.servlet;

/** The filter's contract on Jetty 12 (ee10, Servlet 6.0). */
class JettyWebhookFilterTest extends WebhookFilterContract {
  @Override
  ServletContainer container() {
    return new JettyContainer();
  }
}
