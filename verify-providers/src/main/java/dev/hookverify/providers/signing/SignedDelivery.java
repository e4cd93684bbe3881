package dev.hookverify.providers.signing;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a sender sends for one delivery, as the signing kit produces it: every header (the proof,
 * the content type, the event or topic, the sender's metadata) and the body, which differs from the
 * outgoing body for senders that sign inside it (Mailgun, Adyen).
 *
 * <p>Instances are immutable and thread-safe; {@link #body()} returns a copy.
 */
public final class SignedDelivery {
  private final Map<String, String> headers;
  private final byte[] body;

  private SignedDelivery(Map<String, String> headers, byte[] body) {
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(headers)));
    this.body = body.clone();
  }

  /** What a sender sends: {@code headers} in order, and {@code body} (copied). */
  public static SignedDelivery of(Map<String, String> headers, byte[] body) {
    return new SignedDelivery(headers, requireNonNull(body, "body"));
  }

  /** Every header, in the order the sender sends them. */
  public Map<String, String> headers() {
    return headers;
  }

  /** A copy of the body to send. */
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return "SignedDelivery{headers=" + headers.keySet() + ", body=" + body.length + " bytes}";
  }
}
