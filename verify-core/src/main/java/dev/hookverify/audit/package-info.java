/**
 * The audit trail: every verification attempt, accepted or rejected, recorded in a table through a
 * bounded asynchronous writer that never slows or fails verification.
 */
package dev.hookverify.audit;
