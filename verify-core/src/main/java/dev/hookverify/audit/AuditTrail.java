package dev.hookverify.audit;

/** SKELETON (to be implemented): records every verification attempt through a bounded writer. */
public final class AuditTrail {
  private AuditTrail() {}
}
