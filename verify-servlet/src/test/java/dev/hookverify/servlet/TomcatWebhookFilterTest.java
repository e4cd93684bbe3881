package dev.hookverify.servlet;

/** The filter's contract on Tomcat 11 (Servlet 6.1). */
class TomcatWebhookFilterTest extends WebhookFilterContract {
  @Override
  ServletContainer container() {
    return new TomcatContainer();
  }
}
