/**
 * hookverify providers: one small class per webhook sender, encoding its exact conventions, and a
 * registry of them by name.
 */
module dev.hookverify.providers {
  requires transitive dev.hookverify.core;
  requires com.fasterxml.jackson.core;
  requires org.slf4j;
  requires org.bouncycastle.provider;
  // The command-line tool's demo only: a loopback receiver and an HTTP client.
  requires static jdk.httpserver;
  requires static java.net.http;

  exports dev.hookverify.providers;
  exports dev.hookverify.providers.logging;
  exports dev.hookverify.providers.signing;
}
