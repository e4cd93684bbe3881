package dev.hookverify;

import static java.util.Objects.requireNonNull;

import dev.hookverify.internal.Codec;
import java.nio.charset.StandardCharsets;

/**
 * A shared secret: an HMAC key or an expected token.
 *
 * <p>Empty and blank secrets are refused at construction, and so is text with leading or trailing
 * whitespace, which is almost always a copy-paste accident (use {@link #ofBytes} if the bytes
 * really are meant). {@link #toString()} shows no content, and {@code equals}/{@code hashCode} are
 * identity-based, so a secret cannot leak through a log line or be compared in variable time.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class WebhookSecret {
  private final byte[] bytes;

  private WebhookSecret(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("secret is empty");
    }
    this.bytes = bytes;
  }

  /**
   * The UTF-8 bytes of {@code text}, used as they are (Stripe, GitHub, Slack, Twilio, and most
   * senders hand out such secrets).
   *
   * @throws IllegalArgumentException if the text is empty, blank, or has surrounding whitespace
   */
  public static WebhookSecret ofUtf8(String text) {
    requireNonNull(text, "text");
    if (text.isBlank()) {
      throw new IllegalArgumentException("secret is empty or blank");
    }
    if (!text.strip().equals(text)) {
      throw new IllegalArgumentException(
          "secret has leading or trailing whitespace; strip it, or use ofBytes if intended");
    }
    return new WebhookSecret(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The bytes that {@code base64} encodes (standard alphabet, padding optional).
   *
   * @throws IllegalArgumentException if the text is empty or not base64
   */
  public static WebhookSecret ofBase64(String base64) {
    requireNonNull(base64, "base64");
    String text = base64.strip();
    byte[] out = new byte[decodedLength(text)];
    if (out.length == 0 || Codec.decodeBase64(text, 0, text.length(), out, false) < 0) {
      throw new IllegalArgumentException("secret is not valid base64");
    }
    return new WebhookSecret(out);
  }

  /**
   * The bytes that {@code hex} encodes (either case).
   *
   * @throws IllegalArgumentException if the text is empty or not hex
   */
  public static WebhookSecret ofHex(String hex) {
    requireNonNull(hex, "hex");
    String text = hex.strip();
    if (text.isEmpty() || text.length() % 2 != 0) {
      throw new IllegalArgumentException("secret is not valid hex");
    }
    byte[] out = new byte[text.length() / 2];
    if (Codec.decodeHex(text, 0, text.length(), out) < 0) {
      throw new IllegalArgumentException("secret is not valid hex");
    }
    return new WebhookSecret(out);
  }

  /**
   * A copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if {@code bytes} is empty
   */
  public static WebhookSecret ofBytes(byte[] bytes) {
    return new WebhookSecret(requireNonNull(bytes, "bytes").clone());
  }

  /** The secret bytes themselves; never handed out, only used to build keys. */
  byte[] bytes() {
    return bytes;
  }

  @Override
  public String toString() {
    return "WebhookSecret{redacted}";
  }

  private static int decodedLength(String base64) {
    int chars = base64.length();
    while (chars > 0 && base64.charAt(chars - 1) == '=') {
      chars--;
    }
    return (int) ((chars * 6L) / 8);
  }
}
