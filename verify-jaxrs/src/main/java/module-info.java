/**
 * hookverify for JAX-RS: request and response filters that verify, deduplicate and complete webhook
 * deliveries on the resources that name an endpoint. The JAX-RS API (3.1 or later) is the
 * runtime's, provided by the application's server.
 */
module dev.hookverify.jaxrs {
  requires transitive dev.hookverify.core;
  requires transitive jakarta.ws.rs;

  exports dev.hookverify.jaxrs;
}
