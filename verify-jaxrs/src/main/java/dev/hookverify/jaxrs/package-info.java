/**
 * Webhook verification for Jakarta RESTful Web Services 3.1+ (Jersey, RESTEasy and others): a
 * {@link dev.hookverify.jaxrs.HookverifyFeature} verifies, deduplicates and completes deliveries on
 * the resource methods marked {@link dev.hookverify.jaxrs.HookverifyEndpoint}, and leaves every
 * other resource untouched. Resources receive the {@link dev.hookverify.VerifiedWebhook} as their
 * entity parameter; filters read it through {@link dev.hookverify.jaxrs.VerifiedWebhooks}.
 */
package dev.hookverify.jaxrs;
