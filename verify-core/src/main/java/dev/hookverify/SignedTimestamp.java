package dev.hookverify;

import java.time.Clock;
import java.util.List;

/**
 * Where a signature scheme's timestamp is read from, and how: a header of its own, or an item of
 * the signature header. One path for HMAC and public-key schemes: found, sent once, read once and
 * judged against the policy; what is accepted is recorded in the per-thread {@link
 * ParsedSignatures}, exactly as it was signed.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class SignedTimestamp {
  private static final Attempt MISSING =
      Attempt.rejected(Reason.MISSING_TIMESTAMP, "missing timestamp");

  private final String header;
  private final String lowerCaseHeader;
  private final TimestampPolicy policy;
  private final Attempt repeated;

  /** A timestamp sent in {@code header}, or, if it is null, as an item of the signature header. */
  SignedTimestamp(String header, TimestampPolicy policy) {
    this.header = header;
    this.lowerCaseHeader = header == null ? null : WebhookRequest.asciiLowerCase(header);
    this.policy = policy;
    this.repeated =
        Attempt.rejected(Reason.MALFORMED_TIMESTAMP, "timestamp header " + header + " sent twice");
  }

  /**
   * Reads and judges the timestamp of {@code request}, whose signature header {@code parsed} holds.
   *
   * @return null when it is acceptable (then recorded in {@code parsed}), else why not
   */
  Attempt read(WebhookRequest request, ParsedSignatures parsed, Clock clock) {
    String source;
    int start;
    int end;
    if (header != null) {
      List<String> values = request.headers(header, lowerCaseHeader);
      if (values.isEmpty()) {
        return MISSING;
      }
      if (values.size() > 1) {
        return repeated;
      }
      source = values.get(0);
      start = 0;
      end = source.length();
    } else {
      if (!parsed.hasTimestamp()) {
        return MISSING;
      }
      source = parsed.header();
      start = parsed.timestampStart();
      end = parsed.timestampEnd();
    }
    long value = policy.value(source, start, end);
    Attempt.Rejected rejected = policy.judge(value, clock);
    if (rejected != null) {
      return rejected;
    }
    parsed.signedTimestamp(source, start, end, policy.instant(value, source, start, end));
    return null;
  }
}
