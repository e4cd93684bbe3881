package dev.hookverify.servlet;

/** The filter's inbox mode on Tomcat 11 (Servlet 6.1). */
class TomcatInboxFilterTest extends InboxFilterContract {
  @Override
  ServletContainer container() {
    return new TomcatContainer();
  }
}
