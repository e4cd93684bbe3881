package dev.hookverify.servlet;

/** The filter's inbox mode on Jetty 12 (ee10, Servlet 6.0). */
class JettyInboxFilterTest extends InboxFilterContract {
  @Override
  ServletContainer container() {
    return new JettyContainer();
  }
}
