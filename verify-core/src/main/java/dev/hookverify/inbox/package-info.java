/**
 * Durable deliveries: the {@link dev.hookverify.inbox.DeliveryInbox} stores each verified delivery
 * with its dedupe claim in one statement so the sender is acknowledged at once, and {@link
 * dev.hookverify.inbox.InboxWorkers} process stored deliveries with leases, retries and backoff, on
 * {@code java.sql} alone.
 */
package dev.hookverify.inbox;
