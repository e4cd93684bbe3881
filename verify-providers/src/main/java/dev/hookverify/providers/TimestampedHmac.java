package dev.hookverify.providers;

import dev.hookverify.HmacAlgorithm;
import dev.hookverify.HmacAuthenticator;
import dev.hookverify.KeyRing;
import dev.hookverify.SignatureHeader;
import dev.hookverify.SignedContent;
import dev.hookverify.TimestampPolicy;
import dev.hookverify.WebhookSecret;
import java.util.Map;

/**
 * The two common timestamped HMAC-SHA256 conventions, so providers only name their headers and
 * content: the timestamp as an item of the signature header ({@code t=..,v1=..}: Stripe, Calendly,
 * ElevenLabs, Paddle) or in a header of its own next to a prefixed signature ({@code v0=<hex>}:
 * Slack, Zoom). Signatures are hex.
 */
final class TimestampedHmac {
  private final String signatureHeader;
  private final SignatureHeader format;
  private final String timestampHeader;
  private final SignedContent content;
  private final String signatureTemplate;

  private TimestampedHmac(
      String signatureHeader,
      SignatureHeader format,
      String timestampHeader,
      SignedContent content,
      String signatureTemplate) {
    this.signatureHeader = signatureHeader;
    this.format = format;
    this.timestampHeader = timestampHeader;
    this.content = content;
    this.signatureTemplate = signatureTemplate;
  }

  /** Timestamp and signatures as items of one header: {@code <tsKey>=<ts><sep><sigKey>=<hex>}. */
  static TimestampedHmac itemized(
      String header,
      char separator,
      String timestampKey,
      String signatureKey,
      SignedContent content) {
    return new TimestampedHmac(
        header,
        SignatureHeader.builder(header)
            .list(separator, '=', signatureKey)
            .timestampKey(timestampKey)
            .build(),
        null,
        content,
        timestampKey + "=%s" + separator + signatureKey + "=%s");
  }

  /** A {@code <prefix><hex>} signature header and a separate timestamp header. */
  static TimestampedHmac prefixed(
      String header, String prefix, String timestampHeader, SignedContent content) {
    return new TimestampedHmac(
        header,
        SignatureHeader.builder(header).prefix(prefix).build(),
        timestampHeader,
        content,
        prefix + "%2$s");
  }

  /** What is signed. */
  SignedContent content() {
    return content;
  }

  HmacAuthenticator authenticator(KeyRing keys, TimestampPolicy policy) {
    HmacAuthenticator.Builder builder =
        HmacAuthenticator.builder(HmacAlgorithm.SHA256)
            .signatureHeader(format)
            .signedContent(content)
            .timestampPolicy(policy)
            .keys(keys);
    if (timestampHeader != null) {
      builder.timestampHeader(timestampHeader);
    }
    return builder.build();
  }

  /** The headers the sender sends for {@code body} at {@code timestamp} (epoch seconds). */
  Map<String, String> sign(WebhookSecret secret, long timestamp, byte[] body) {
    String ts = Long.toString(timestamp);
    byte[] tag =
        content.hmac(HmacAlgorithm.SHA256, secret, Signed.request("POST", "", Map.of(), body), ts);
    String signature = String.format(signatureTemplate, ts, Signed.hex(tag));
    return timestampHeader == null
        ? Signed.headers(signatureHeader, signature)
        : Signed.headers(timestampHeader, ts, signatureHeader, signature);
  }
}
