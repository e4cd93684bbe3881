/**
 * Spring Boot auto-configuration for hookverify: webhook endpoints declared under {@code
 * hookverify.endpoints}, verified and deduplicated by a servlet filter on each endpoint's path
 * before the application reads the request, and handed to Spring MVC handlers as a {@code
 * VerifiedWebhook} argument. A misconfiguration fails the start-up with a report of what to set.
 */
package dev.hookverify.spring.autoconfigure;
