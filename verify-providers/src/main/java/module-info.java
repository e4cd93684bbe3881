/**
 * hookverify providers: one small class per webhook sender, encoding its exact conventions, and a
 * registry of them by name.
 */
module dev.hookverify.providers {
  requires transitive dev.hookverify.core;
  requires com.fasterxml.jackson.core;
  requires org.slf4j;

  exports dev.hookverify.providers;
}
