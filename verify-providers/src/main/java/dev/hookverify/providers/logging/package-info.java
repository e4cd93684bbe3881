/**
 * Logs verification outcomes through SLF4J: {@link
 * dev.hookverify.providers.logging.LoggingListener}, a {@link dev.hookverify.VerificationListener}
 * that records who tried what (provider, reason, key id, tenant, duration), never a secret, a
 * signature or body bytes.
 */
package dev.hookverify.providers.logging;
