package dev.hookverify.audit;

import dev.hookverify.Reason;
import dev.hookverify.VerificationEvent;
import java.time.Instant;

/**
 * One row of the audit trail, its columns already cut to their sizes, so a queued record holds at
 * most a few hundred characters whatever the request carried.
 */
final class AuditRecord {
  /** Column sizes, as the shipped DDL declares them. */
  static final int PROVIDER = 64;

  static final int KEY_ID = 128;
  static final int TENANT = 128;
  static final int REMOTE_ADDRESS = 128;
  static final int PATH = 256;

  /** The outcome column of an accepted verification. */
  static final String ACCEPTED = "ACCEPTED";

  final Instant occurredAt;
  final String provider;
  final String outcome;
  final String keyId;
  final String tenant;
  final String remoteAddress;
  final String path;
  final long elapsedMicros;

  AuditRecord(Instant occurredAt, VerificationEvent event) {
    this.occurredAt = occurredAt;
    this.provider = cut(event.provider(), PROVIDER);
    Reason reason = event.reason().orElse(null);
    this.outcome = reason == null ? ACCEPTED : reason.name();
    this.keyId = cut(event.keyId().orElse(null), KEY_ID);
    this.tenant = cut(event.tenant().orElse(null), TENANT);
    this.remoteAddress = cut(event.remoteAddress().orElse(null), REMOTE_ADDRESS);
    this.path = cut(event.path(), PATH);
    this.elapsedMicros = event.elapsed().toNanos() / 1000;
  }

  /**
   * {@code text} cut to {@code max} characters without splitting a surrogate pair, control
   * characters shown as {@code ?} (PostgreSQL refuses a NUL in text, and one bad value must not
   * fail a whole batch); null stays null.
   */
  static String cut(String text, int max) {
    if (text == null) {
      return null;
    }
    int end = Math.min(text.length(), max);
    if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    String cut = text.substring(0, end);
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c) && !pairedAt(cut, i)) {
        return clean(cut);
      }
    }
    return cut; // the common case: nothing replaced
  }

  private static String clean(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (Character.isISOControl(chars[i])
          || Character.isSurrogate(chars[i]) && !pairedAt(text, i)) {
        chars[i] = '?';
      }
    }
    return new String(chars);
  }

  /** Whether the surrogate at {@code i} is half of a well-formed pair. */
  private static boolean pairedAt(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }
}
